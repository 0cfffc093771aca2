// @vitest-environment happy-dom
import { describe, it, expect, vi } from 'vitest';
import { hookComposer, type ComposerHandler } from './composer-hooks';
import type { PlatformAdapter } from '@/lib/adapters/types';

/** A page with a composer whose own keydown handler "sends", like the workbench's. */
function page() {
  document.body.innerHTML = '<textarea id="replyTextarea"></textarea><div class="send-btn">发送</div>';
  const ta = document.querySelector('textarea')!;
  const btn = document.querySelector<HTMLElement>('.send-btn')!;
  const sent: string[] = [];
  ta.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.defaultPrevented) sent.push(ta.value);
  });
  btn.addEventListener('click', (e) => {
    if (!e.defaultPrevented) sent.push(ta.value);
  });
  const adapter = {
    platform: 'pdd',
    composer: () => ({ element: ta, kind: 'textarea', read: () => ta.value, write: (v: string) => (ta.value = v), sendButton: btn }),
  } as unknown as PlatformAdapter;
  const listeners: (() => void)[] = [];
  const ctx = {
    addEventListener: (target: EventTarget, type: string, fn: EventListener, opts?: AddEventListenerOptions) => {
      target.addEventListener(type, fn, opts);
      listeners.push(() => target.removeEventListener(type, fn, opts));
    },
  } as never;
  return { ta, btn, sent, adapter, ctx, done: () => listeners.forEach((f) => f()) };
}

/** An event as the agent's own input makes it (happy-dom's events are all synthetic). */
function trusted<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}
const enter = () => trusted(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));

describe('composer hooks', () => {
  it('a handler that takes Enter keeps it from the page; one that throws lets the send through and reports', () => {
    const p = page();
    const onError = vi.fn();
    let mode: 'take' | 'throw' = 'take';
    const h: ComposerHandler = {
      name: 'test',
      keydown: () => {
        if (mode === 'throw') throw new Error('boom');
        return true;
      },
      onError,
    };
    hookComposer(p.ctx, p.adapter, [h]);
    p.ta.value = '你好';
    p.ta.dispatchEvent(enter());
    expect(p.sent).toEqual([]);
    mode = 'throw';
    p.ta.dispatchEvent(enter());
    expect(p.sent).toEqual(['你好']);
    expect(onError).toHaveBeenCalledOnce();
    p.done();
  });

  it('never touches keys during IME composition, and hears the send button', () => {
    const p = page();
    const seen: string[] = [];
    hookComposer(p.ctx, p.adapter, [
      { name: 'test', keydown: (e) => (seen.push(e.key), true), sendClick: () => (seen.push('click'), true) },
    ]);
    p.ta.dispatchEvent(trusted(new CompositionEvent('compositionstart', { bubbles: true })));
    p.ta.dispatchEvent(enter());
    p.ta.dispatchEvent(trusted(new CompositionEvent('compositionend', { bubbles: true })));
    expect(seen).toEqual([]);
    expect(p.sent).toEqual(['']);
    p.btn.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(seen).toEqual(['click']);
    expect(p.sent).toEqual(['']);
    p.done();
  });

  it("a page script's synthetic Enter or click is not the agent's: no handler sees it", () => {
    const p = page();
    const seen: string[] = [];
    hookComposer(p.ctx, p.adapter, [
      { name: 'test', keydown: (e) => (seen.push(e.key), true), sendClick: () => (seen.push('click'), true) },
    ]);
    p.ta.value = '加我薇信';
    p.ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    p.btn.click();
    expect(seen).toEqual([]);
    p.done();
  });

  it('a synthetic compositionstart does not switch the hooks off; a composition ends when the composer loses focus', () => {
    const p = page();
    const seen: string[] = [];
    hookComposer(p.ctx, p.adapter, [{ name: 'test', keydown: (e) => (seen.push(e.key), true) }]);
    p.ta.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    p.ta.dispatchEvent(enter());
    expect(seen).toEqual(['Enter']);
    // A real composition whose end never came (the IME closed with the focus).
    p.ta.dispatchEvent(trusted(new CompositionEvent('compositionstart', { bubbles: true })));
    p.ta.dispatchEvent(enter());
    expect(seen).toEqual(['Enter']);
    p.ta.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    p.ta.dispatchEvent(enter());
    expect(seen).toEqual(['Enter', 'Enter']);
    p.done();
  });
});
