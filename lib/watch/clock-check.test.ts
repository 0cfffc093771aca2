import { describe, expect, it } from 'vitest';
import { clockDisagreements } from './clock-check';
import type { ConversationRow } from '../adapters/types';

const row = (buyer: string, waiting: number | null, overtime = false): ConversationRow => ({ buyer, nickname: `买家${buyer}`, time: null, waiting, overtime, active: false });

describe('clockDisagreements', () => {
  it('lists the buyers whose page countdown and ours differ by more than the tolerance', () => {
    const rows = [row('a', 30), row('b', 60), row('c', 100)];
    const ours = [
      { buyer: 'a', elapsedMs: 33_000 }, // 3 s: within
      { buyer: 'b', elapsedMs: 72_400 }, // 12 s: out
      { buyer: 'c', elapsedMs: 90_000 }, // 10 s the other way: out
    ];
    expect(clockDisagreements(rows, ours)).toEqual([
      { buyer: 'b', nickname: '买家b', pageS: 60, oursS: 72 },
      { buyer: 'c', nickname: '买家c', pageS: 100, oursS: 90 },
    ]);
  });

  it('leaves out overtime rows, rows without a clock and buyers we do not time', () => {
    const rows = [row('a', 180, true), row('b', null), row('c', 40)];
    expect(clockDisagreements(rows, [{ buyer: 'a', elapsedMs: 400_000 }, { buyer: 'b', elapsedMs: 10_000 }])).toEqual([]);
  });
});
