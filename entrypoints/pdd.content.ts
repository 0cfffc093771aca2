import '@/lib/runtime/no-eval';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pddMeta } from '@/lib/adapters/pdd/meta';
import { pddAdapter } from '@/lib/adapters/pdd/adapter';
import { startWorkbench } from '@/components/workbench/start';
import '@/components/overlay/overlay.css';

export default defineContentScript({
  matches: [...pddMeta.matches],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: (ctx) => startWorkbench(ctx, pddAdapter),
});
