import '@/lib/runtime/no-eval';
import { render } from 'preact';
import { Options } from '@/components/options/Options';
import '@/components/options/options.css';

render(<Options />, document.getElementById('app')!);
