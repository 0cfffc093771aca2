import { describe, expect, it } from 'vitest';
import { setAsideLines } from './SetAsideNotice';

describe('the set-aside notice', () => {
  it('names the days left out and counts the rows', () => {
    expect(setAsideLines({ days: ['2026-11-20'], rows: [] })).toEqual(['有 1 天的数据无法计算，已跳过：2026-11-20']);
    expect(setAsideLines({ days: [], rows: [{ date: '2026-11-20', count: 3 }, { date: '2026-11-21', count: 1 }] })).toEqual([
      '有 4 条记录无法读取，已跳过（2026-11-20, 2026-11-21）',
    ]);
    const many = Array.from({ length: 7 }, (_, i) => `2026-11-${String(10 + i)}`);
    expect(setAsideLines({ days: many, rows: [] })[0]).toBe('有 7 天的数据无法计算，已跳过：2026-11-10, 2026-11-11, 2026-11-12, 2026-11-13, 2026-11-14 …');
    expect(setAsideLines({ days: [], rows: [] })).toEqual([]);
  });
});
