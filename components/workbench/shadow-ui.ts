import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';

/**
 * A Preact root in its own shadow root at the end of the page's body (platform CSS cannot reach it,
 * ours cannot leak out). Returns the element to render into, or null once the UI is gone.
 */
export interface ShadowUi {
  /** The element to render into, or null once the UI is gone. */
  root: () => HTMLElement | null;
  host: HTMLElement;
  /**
   * Put the host back at the end of the body if the page (or another extension) took it out or moved
   * it; true when it is in the document afterwards. A UI rendered into a detached tree is invisible.
   */
  ensureAttached: () => boolean;
  /**
   * Is the part matching `selector` on screen for the agent? If not, put the host back, `repaint`,
   * and look once more. A UI that holds keys or sends only does so while this is true.
   */
  shows: (selector: string, repaint: () => void) => boolean;
}

export async function mountShadowUi(ctx: ContentScriptContext, name: string): Promise<ShadowUi> {
  const ui = await createShadowRootUi(ctx, {
    name,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const root = document.createElement('div');
      container.append(root);
      return root;
    },
    onRemove(root) {
      if (root) render(null, root);
    },
  });
  ui.mount();
  const host = ui.shadowHost;
  const ensureAttached = () => {
    if (ctx.isInvalid) return false;
    // Out of the document, or moved into one of the page's own (perhaps hidden) containers.
    if (document.body && host.parentNode !== document.body) document.body.append(host);
    return host.isConnected;
  };
  return {
    root: () => ui.mounted ?? null,
    host,
    ensureAttached,
    shows(selector, repaint) {
      const visible = () => onScreen(ui.mounted?.querySelector(selector));
      if (visible()) return true;
      ensureAttached();
      repaint();
      return visible();
    },
  };
}

/** Is this element (inside a shadow root) really on screen: attached, laid out, not hidden by CSS? */
export function onScreen(el: Element | null | undefined): boolean {
  if (!el || !el.isConnected) return false;
  const rect = el.getBoundingClientRect();
  if (rect.width <= 0 || rect.height <= 0) return false;
  // Walk up through shadow hosts: a page rule on our host (display:none, visibility, opacity) hides it all.
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
  }
  return true;
}
