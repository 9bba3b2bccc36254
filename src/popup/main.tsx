import { render } from 'preact';
import '../ui/base.css';
import './popup.css';
import { applyPageLanguage } from '../ui/page-language';
import { Popup } from './Popup';

// The budget bench measures the popup's own time from here to its first render with data.
performance.mark('popbiff:script-start');
applyPageLanguage('popup_title');
const root = document.getElementById('app');
if (root) render(<Popup />, root);
