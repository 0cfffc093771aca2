import type { SendKey } from './types';

/**
 * The send key a page's own text states: `Ctrl+Enter 发送`, `按 Ctrl+Enter 发送`, `使用Enter 发送消息`,
 * `Enter 发送，Shift+Enter 换行`. Null when the text names neither.
 */
export function sendKeyFromText(text: string | null | undefined): SendKey | null {
  if (!text) return null;
  if (/(ctrl|control|⌘|cmd)\s*\+\s*enter\s*(键)?\s*发送/i.test(text)) return 'ctrl+enter';
  if (/(^|[^+\w])enter\s*(键)?\s*发送/i.test(text)) return 'enter';
  return null;
}

/**
 * Is this keydown the page's send? With Enter set, Shift/Ctrl/Alt+Enter type newlines there; with
 * Ctrl+Enter set, a plain Enter does (it must never be held as a send). When the page does not say
 * (null), both are taken as sends: a newline held by mistake is the lesser harm than a send unchecked.
 */
export function isSendKeyEvent(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>, mode: SendKey | null): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey) return false;
  const mod = e.ctrlKey || e.metaKey;
  if (mode === 'enter') return !mod;
  if (mode === 'ctrl+enter') return mod;
  return true;
}
