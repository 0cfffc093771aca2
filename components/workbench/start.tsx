import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PlatformAdapter } from '@/lib/adapters/types';
import { ChatWatcher, type WatcherState } from '@/lib/watch/watcher';
import { Outbox } from '@/lib/runtime/outbox';
import { ask } from '@/lib/runtime/client';
import { Overlay } from '../overlay/Overlay';

/**
 * Wires one workbench page: one MutationObserver batched per animation frame → the adapter and
 * watcher → events to the background, state to the overlay. Nothing here can stop the agent from
 * sending: a failure is caught and shown, never thrown into the page.
 */
export async function startWorkbench(ctx: ContentScriptContext, adapter: PlatformAdapter): Promise<void> {
  const watcher = new ChatWatcher(adapter, document);
  const outbox = new Outbox((events) => ask({ type: 'events/record', events }));
  let state: WatcherState | null = null;

  const ui = await createShadowRootUi(ctx, {
    name: 'kefu-pilot-overlay',
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
  const paint = () => {
    if (ui.mounted) render(<Overlay state={state} onOpenBuyer={(b) => adapter.open(document, b)} />, ui.mounted);
  };

  const scan = () => {
    try {
      const r = watcher.scan();
      state = r.state;
      outbox.push(r.events);
    } catch (e) {
      state = {
        health: { healthy: false, problems: [`scan failed: ${e instanceof Error ? e.message : String(e)}`] },
        shop: null,
        rows: [],
        openBuyer: null,
      };
    }
    paint();
  };

  // Batch every mutation of a frame into one scan. Hidden tabs get no animation frames, so a timer
  // stands in for them: the agent's other shops keep being watched while this tab is in the back.
  let scheduled = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!scheduled) return;
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    scan();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    raf = requestAnimationFrame(run);
    timer = setTimeout(run, 250);
  };

  const host = ui.shadowHost;
  const observer = new MutationObserver((records) => {
    // Our own overlay's host changing is not the page changing.
    if (records.every((r) => r.target === host || host.contains(r.target))) return;
    schedule();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  ctx.onInvalidated(() => observer.disconnect());
  scan();
}
