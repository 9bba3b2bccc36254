import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { applyPageLanguage } from '../ui/page-language';
import { OptionsPage } from './OptionsPage';

applyPageLanguage('options_title');
const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
