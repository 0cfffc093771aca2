import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';

/**
 * A Preact root in its own shadow root at the end of the page's body (platform CSS cannot reach it,
 * ours cannot leak out). Returns the element to render into, or null once the UI is gone.
 */
export async function mountShadowUi(ctx: ContentScriptContext, name: string): Promise<{ root: () => HTMLElement | null; host: HTMLElement }> {
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
  return { root: () => ui.mounted ?? null, host: ui.shadowHost };
}
