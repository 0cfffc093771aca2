import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Composer, PlatformAdapter } from '@/lib/adapters/types';

/**
 * One place that listens to the page's composer, in the capture phase on `window` so it runs before
 * the page's own handlers: the template picker and the pre-send check both hang off it. A handler
 * returns true when it took the event; the page then never sees it (so Enter inserts a template
 * instead of sending). Nothing is taken during IME composition, and a handler that throws lets the
 * event through: the agent can always send.
 *
 * Only the agent's own keys and clicks count (`isTrusted`): a page script's synthetic Enter or click
 * is neither a send attempt of the agent's nor a template choice, and a synthetic compositionstart
 * cannot switch the check off (composition state also ends when the composer loses focus).
 */
export interface ComposerHandler {
  name: string;
  keydown?(e: KeyboardEvent, composer: Composer): boolean;
  input?(e: Event, composer: Composer): void;
  /** A click on the page's send button. */
  sendClick?(e: MouseEvent, composer: Composer): boolean;
  /** Reports a handler failure (shown in the overlay). */
  onError?(error: unknown): void;
}

export function isComposing(e: KeyboardEvent, composingNow: boolean): boolean {
  return composingNow || e.isComposing || e.keyCode === 229;
}

export function hookComposer(ctx: ContentScriptContext, adapter: PlatformAdapter, handlers: ComposerHandler[]) {
  let composing = false;
  const composerOf = (target: EventTarget | null): Composer | null => {
    try {
      const c = adapter.composer(document);
      return c && target instanceof Node && (c.element === target || c.element.contains(target)) ? c : null;
    } catch {
      return null;
    }
  };
  const take = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const run = <E extends Event>(h: ComposerHandler, fn: ((e: E, c: Composer) => boolean | void) | undefined, e: E, c: Composer) => {
    if (!fn) return false;
    try {
      return fn.call(h, e, c) === true;
    } catch (err) {
      h.onError?.(err);
      return false;
    }
  };

  ctx.addEventListener(window, 'compositionstart', (e) => e.isTrusted && (composing = true), { capture: true });
  // Any end ends it: ending can only turn the check back on (Chrome's own commit may come untrusted).
  ctx.addEventListener(window, 'compositionend', () => (composing = false), { capture: true });
  // A composition that never ended (the IME window closed with the focus) must not last for good.
  ctx.addEventListener(window, 'focusout', () => (composing = false), { capture: true });
  ctx.addEventListener(window, 'blur', () => (composing = false), { capture: true });

  ctx.addEventListener(
    window,
    'keydown',
    (e) => {
      if (!e.isTrusted || isComposing(e, composing)) return;
      const c = composerOf(e.target);
      if (!c) return;
      for (const h of handlers) {
        if (run(h, h.keydown, e, c)) return take(e);
      }
    },
    { capture: true },
  );

  ctx.addEventListener(
    window,
    'input',
    (e) => {
      const c = composerOf(e.target);
      if (!c) return;
      for (const h of handlers) run(h, h.input, e, c);
    },
    { capture: true },
  );

  // A pasted or dropped image lands in an editor composer a moment later (the page inserts it): the
  // handlers look at the composer again then, as after typing (the check decodes its QR codes).
  for (const type of ['paste', 'drop'] as const) {
    ctx.addEventListener(
      window,
      type,
      (e) => {
        const c = composerOf(e.target);
        if (!c) return;
        ctx.setTimeout(() => {
          for (const h of handlers) run(h, h.input, e, c);
        }, 50);
      },
      { capture: true },
    );
  }

  ctx.addEventListener(
    window,
    'click',
    (e) => {
      if (!e.isTrusted) return; // our own "send anyway" click, or a page script's: not the agent's attempt
      let c: Composer | null = null;
      try {
        c = adapter.composer(document);
      } catch {
        return;
      }
      if (!c?.sendButton || !(e.target instanceof Node) || !c.sendButton.contains(e.target)) return;
      for (const h of handlers) {
        if (run(h, h.sendClick, e, c)) return take(e);
      }
    },
    { capture: true },
  );
}
