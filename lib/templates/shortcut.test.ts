import { describe, it, expect } from 'vitest';
import { matchesShortcut, slashQuery } from './shortcut';

const key = (k: string, code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  key: k, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods,
});

describe('picker triggers', () => {
  it('matches Alt+K, also when Alt changed the character, and not K alone or Ctrl+Alt+K', () => {
    expect(matchesShortcut(key('k', 'KeyK', { altKey: true }), 'Alt+K')).toBe(true);
    expect(matchesShortcut(key('˚', 'KeyK', { altKey: true }), 'Alt+K')).toBe(true);
    expect(matchesShortcut(key('k', 'KeyK'), 'Alt+K')).toBe(false);
    expect(matchesShortcut(key('k', 'KeyK', { altKey: true, ctrlKey: true }), 'Alt+K')).toBe(false);
    expect(matchesShortcut(key('Y', 'KeyY', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+Y')).toBe(true);
  });

  it('opens on / or full-width ／ at the start, with what follows up to the cursor as the query', () => {
    expect(slashQuery('/', 1)).toBe('');
    expect(slashQuery('/tuihuo', 7)).toBe('tuihuo');
    expect(slashQuery('／退货', 3)).toBe('退货');
    expect(slashQuery('/tui 已有的字', 4)).toBe('tui');
    expect(slashQuery('亲/tuihuo', 8)).toBeNull();
    expect(slashQuery('/a\nb', 4)).toBeNull();
    expect(slashQuery('', 0)).toBeNull();
  });
});
