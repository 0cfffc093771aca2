import { describe, expect, it } from 'vitest';
import { unescapeCharacters } from './utf8-escapes';

describe('unescapeCharacters (bundles written as ASCII, then their ordinary characters restored)', () => {
  it('writes Chinese characters and private-use keys as themselves, with the same meaning', () => {
    const code = 'const a = "\\u5fae\\u4fe1", b = /[\\u4e00-\\u9fff]/, k = "\\ue001x";';
    const out = unescapeCharacters(code);
    expect(out).toBe('const a = "微信", b = /[一-\u9fff]/, k = "\ue001x";');
    // The same string either way, read as JSON (a JS string literal of these characters reads the same).
    expect(JSON.parse(unescapeCharacters('"\\u5fae\\u4fe1\\ue001"'))).toBe(JSON.parse('"\\u5fae\\u4fe1\\ue001"'));
  });

  it('keeps ASCII, noncharacters, surrogates and line separators escaped', () => {
    const code = '"\\u0022 \\uffff \\ufffe \\ud83d\\ude00 \\u2028 \\ufdd0"';
    expect(unescapeCharacters(code)).toBe(code);
  });

  it('leaves an escaped backslash followed by u alone', () => {
    expect(unescapeCharacters('"\\\\u5fae"')).toBe('"\\\\u5fae"');
    expect(unescapeCharacters('"\\\\\\u5fae"')).toBe('"\\\\微"');
  });
});
