import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * The one read of Kuaishou's own page state (platform note §8): the workbench shows its shop name
 * nowhere in the DOM, but its chat SDK holds it in `window.__chat_sdk.appInfo.extraLoginInfo.shopName`.
 * Injected into the page's main world by the content script, this script reads that one string and
 * copies it to `data-kp-shop` on the root element, where the adapter reads it. It calls no page
 * method, sends nothing and changes nothing else (docs/platforms.md: read-only probes only).
 */
export default defineUnlistedScript(() => {
  const ATTR = 'data-kp-shop';
  const read = (): string => {
    try {
      const sdk = (window as unknown as { __chat_sdk?: { appInfo?: { extraLoginInfo?: { shopName?: unknown } } } }).__chat_sdk;
      const name = sdk?.appInfo?.extraLoginInfo?.shopName;
      return typeof name === 'string' ? name.trim().slice(0, 64) : '';
    } catch {
      return '';
    }
  };
  // Every 100 ms for the first seconds (the content script waits for it), then every second until
  // the SDK has logged in, then every ten (an account switch reloads the page; a late login does not).
  const started = Date.now();
  const tick = () => {
    const name = read();
    const root = document.documentElement;
    if (name && root.getAttribute(ATTR) !== name) root.setAttribute(ATTR, name);
    setTimeout(tick, name ? 10_000 : Date.now() - started < 3_000 ? 100 : 1_000);
  };
  tick();
});
