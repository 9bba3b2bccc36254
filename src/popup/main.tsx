import { render } from 'preact';
import '../ui/base.css';
import './popup.css';
import { applyPageLanguage } from '../ui/page-language';
import { Popup } from './Popup';

applyPageLanguage('popup_title');
const root = document.getElementById('app');
if (root) render(<Popup />, root);
