import { browser } from 'wxt/browser';
import { KefuDb } from '@/lib/stats/db';
import { createHandler } from '@/lib/runtime/handler';

export default defineBackground(() => {
  const handle = createHandler(new KefuDb());
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: unknown) => void) => {
    handle(message).then(sendResponse);
    return true;
  });
});
