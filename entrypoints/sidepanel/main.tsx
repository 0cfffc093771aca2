import '@/lib/runtime/no-eval';
import { render } from 'preact';
import { Desk } from '@/components/desk/Desk';
import '@/components/popup/popup.css';

render(<Desk />, document.getElementById('app')!);
