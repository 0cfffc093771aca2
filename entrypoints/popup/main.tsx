import '@/lib/runtime/no-eval';
import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import '@/components/popup/popup.css';

render(<Popup />, document.getElementById('app')!);
