import { describe, expect, it } from 'vitest';
import { DISGUISE_FAMILIES, evaluate, loadRows } from '../../scripts/eval-compliance';
import { squash } from './views';

const rows = loadRows();

describe('labelled set', () => {
  it('has at least 600 messages over every family the brief names', () => {
    expect(rows.length).toBeGreaterThanOrEqual(600);
    const families = new Set(rows.map((r) => r.family));
    for (const f of ['plain', ...DISGUISE_FAMILIES, 'ordinary-presales', 'ordinary-aftersales']) expect(families).toContain(f);
    for (const f of ['order-numbers', 'tracking', 'prices', 'item-ids', 'wechat-pay', 'words', 'platform-links', 'return-address']) {
      expect(families).toContain(`hard-negative-${f}`);
    }
    for (const f of DISGUISE_FAMILIES) expect(rows.filter((r) => r.family === f).length).toBeGreaterThanOrEqual(25);
  });

  it('holds only invented, obviously fake mobile numbers (1xx0000xxxx)', () => {
    for (const r of rows) {
      for (const m of squash(r.text).matchAll(/(?<!\d)(?:86)?(1[3-9]\d{9})(?!\d)/g)) {
        expect({ text: r.text, number: m[1] }).toEqual({ text: r.text, number: expect.stringMatching(/^1[3-9]\d0000\d{4}$/) });
      }
    }
  });

  it('meets the targets of the design note', () => {
    expect(evaluate(rows).failures).toEqual([]);
  });
});
