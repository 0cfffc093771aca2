import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLIANCE_SETTINGS, DEFAULT_SEVERITIES, LIST_MAX, RULE_CATEGORIES } from './defaults';
import { ruleInfo } from './lexicon';
import { complianceSettingsSchema, loadComplianceSettings } from './settings';
import { CATEGORIES } from './types';
import { parseWordList, serialiseWordList } from './word-lists';

describe('settings schema', () => {
  it('has a default for everything, the design note’s severities', () => {
    expect(loadComplianceSettings(undefined)).toEqual(DEFAULT_COMPLIANCE_SETTINGS);
    expect(loadComplianceSettings({})).toEqual({ severities: DEFAULT_SEVERITIES, shopWords: [], allowList: [], learned: true });
    expect(DEFAULT_SEVERITIES).toMatchObject({
      'third-party-link': 'block',
      'store-address': 'warn',
      disparaging: 'warn',
      'absolute-claim': 'warn',
      'poor-service': 'tip',
    });
    expect(RULE_CATEGORIES).toEqual(CATEGORIES.filter((c) => c !== 'shop-word'));
  });

  it('lets one bad field fall back alone', () => {
    const s = loadComplianceSettings({
      severities: { abuse: 'warn', prohibited: 'sometimes', 'qr-code': 'off' },
      shopWords: [{ word: '竞品', severity: 'warn' }, { word: '', severity: 'block' }, { word: 'x', severity: 'loud' }, 'nope'],
      allowList: 'not a list',
    });
    expect(s.severities).toMatchObject({ abuse: 'warn', prohibited: 'block', 'qr-code': 'off', 'third-party-link': 'block' });
    expect(s.shopWords).toEqual([{ word: '竞品', severity: 'warn' }]);
    expect(s.allowList).toEqual([]);
  });

  it('trims words, drops duplicates (after normalisation) and words of separators only', () => {
    const s = complianceSettingsSchema.parse({ allowList: [' QQ星 ', 'ｑｑ星', '---', 'abc'] });
    expect(s.allowList).toEqual(['QQ星', 'abc']);
  });

  it('keeps at most LIST_MAX words', () => {
    const many = Array.from({ length: LIST_MAX + 5 }, (_, i) => `w${i}`);
    expect(loadComplianceSettings({ allowList: many }).allowList).toHaveLength(LIST_MAX);
  });

  it('names a rule for the QR findings the guard makes itself', () => {
    expect(ruleInfo('qr.image')).toMatchObject({ category: 'qr-code', reason: expect.stringContaining('二维码') });
    expect(ruleInfo('nope')).toBeUndefined();
  });
});

describe('parseWordList', () => {
  it('reads one word per line, the list kind giving the severity', () => {
    expect(parseWordList('竞品A\n  竞品B  \n\n# comment\r\n竞品C\r\n', 'warn')).toEqual({
      ok: true,
      words: [
        { word: '竞品A', severity: 'warn' },
        { word: '竞品B', severity: 'warn' },
        { word: '竞品C', severity: 'warn' },
      ],
    });
  });

  it('reads CSV word,severity with quotes, a header and a BOM', () => {
    const text = '\uFEFFword,severity\n竞品A,block\n"逗号,在里面",warn\n"引号""里",提醒\nplain';
    expect(parseWordList(text, 'block')).toEqual({
      ok: true,
      words: [
        { word: '竞品A', severity: 'block' },
        { word: '逗号,在里面', severity: 'warn' },
        { word: '引号"里', severity: 'warn' },
        { word: 'plain', severity: 'block' },
      ],
    });
  });

  it('reads an allow-list as plain words', () => {
    expect(parseWordList('QQ星\nvx-pro\nQQ星\n', 'allow')).toEqual({ ok: true, words: ['QQ星', 'vx-pro'] });
  });

  it.each([
    ['a\nb,loud\nc', 'block', 2, /级别/, /unknown severity "loud"/],
    ['a\n"open', 'block', 2, /引号/, /unclosed quote/],
    ['a\nb,warn,extra', 'warn', 2, /两列/, /two columns/],
    ['ok\n,warn', 'block', 2, /词为空/, /empty word/],
    ['ok\n' + 'x'.repeat(51), 'block', 2, /太长/, /longer than 50/],
    ['ok\n- - -', 'block', 2, /符号/, /only symbols/],
    ['a\nb,warn', 'allow', 2, /白名单/, /one word/],
  ] as const)('refuses %j naming the line', (text, kind, line, message, messageEn) => {
    const r = parseWordList(text, kind);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(line);
    expect(r.message).toMatch(message);
    expect(r.message_en).toMatch(messageEn);
  });

  it('refuses a list longer than LIST_MAX, naming the first line too many', () => {
    const text = Array.from({ length: LIST_MAX + 1 }, (_, i) => `w${i}`).join('\n');
    expect(parseWordList(text, 'block')).toMatchObject({ ok: false, line: LIST_MAX + 1 });
  });
});

describe('serialiseWordList', () => {
  it('writes what parseWordList reads back', () => {
    const shop = [
      { word: '竞品A', severity: 'block' as const },
      { word: '逗号,在里面', severity: 'warn' as const },
      { word: '#井号开头', severity: 'warn' as const },
      { word: '引号"里', severity: 'block' as const },
    ];
    const text = serialiseWordList(shop, 'block');
    expect(text).toBe('竞品A,block\n"逗号,在里面",warn\n"#井号开头",warn\n"引号""里",block\n');
    expect(parseWordList(text, 'warn')).toEqual({ ok: true, words: shop });
    const allow = ['QQ星', 'a,b'];
    expect(parseWordList(serialiseWordList(allow, 'allow'), 'allow')).toEqual({ ok: true, words: allow });
    expect(serialiseWordList([], 'allow')).toBe('');
  });
});
