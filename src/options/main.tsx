import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { OptionsPage } from './OptionsPage';

const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
