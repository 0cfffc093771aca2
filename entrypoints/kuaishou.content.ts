import '@/lib/runtime/no-eval';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';
import { kuaishouMeta } from '@/lib/adapters/kuaishou/meta';
import { kuaishouAdapter, SHOP_ATTR } from '@/lib/adapters/kuaishou/adapter';
import { waitForAttribute } from '@/lib/runtime/wait-attribute';
import { startWorkbench } from '@/components/workbench/start';
import '@/components/overlay/overlay.css';

export default defineContentScript({
  matches: [...kuaishouMeta.matches],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main: async (ctx) => {
    // The shop name lives only in the page's own state: a read-only probe copies it to the DOM, and
    // the first events wait for it (2 s at most). If the page's policy refuses the script, or the
    // page has not logged in, the overlay asks the agent once, as on JD.
    injectScript('/kuaishou-probe.js', { keepInDom: false }).catch(() => {});
    await waitForAttribute(document.documentElement, SHOP_ATTR, 2000);
    return startWorkbench(ctx, kuaishouAdapter);
  },
});
