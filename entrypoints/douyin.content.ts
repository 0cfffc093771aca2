import '@/lib/runtime/no-eval';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { douyinMeta } from '@/lib/adapters/douyin/meta';
import { douyinAdapter } from '@/lib/adapters/douyin/adapter';
import { startWorkbench } from '@/components/workbench/start';
import '@/components/overlay/overlay.css';

export default defineContentScript({
  matches: [...douyinMeta.matches],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: (ctx) => startWorkbench(ctx, douyinAdapter),
});
