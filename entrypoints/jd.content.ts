import '@/lib/runtime/no-eval';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { jdMeta } from '@/lib/adapters/jd/meta';
import { jdAdapter } from '@/lib/adapters/jd/adapter';
import { startWorkbench } from '@/components/workbench/start';
import '@/components/overlay/overlay.css';

export default defineContentScript({
  matches: [...jdMeta.matches],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: (ctx) => startWorkbench(ctx, jdAdapter),
});
