/** Does a keydown match a shortcut written like `Alt+K` or `Ctrl+Shift+Y`? Pure, for the picker. */
export function matchesShortcut(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>,
  shortcut: string,
): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  const want = { ctrl: false, alt: false, shift: false, meta: false };
  for (const p of parts) {
    const k = p.toLowerCase() as keyof typeof want;
    if (!(k in want)) return false;
    want[k] = true;
  }
  if (e.ctrlKey !== want.ctrl || e.altKey !== want.alt || e.shiftKey !== want.shift || e.metaKey !== want.meta) return false;
  // Alt changes `key` on some layouts (Alt+K → ˚ on a Mac): fall back to the physical key.
  const code = e.code.startsWith('Key') || e.code.startsWith('Digit') ? e.code.slice(-1).toLowerCase() : '';
  return e.key.toLowerCase() === key || code === key;
}

/** The slash trigger: `/` or the full-width `／` a Chinese IME types, at the very start of the composer. */
export function slashQuery(value: string, cursor: number): string | null {
  if (cursor < 1 || (value[0] !== '/' && value[0] !== '／')) return null;
  const q = value.slice(1, cursor);
  return /[\n\r]/.test(q) || q.length > 40 ? null : q;
}
