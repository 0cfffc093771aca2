import { describe, it, expect } from 'vitest';
import { shiftSummary, handoverText } from './shift';
import type { ChatEvent } from './events';

let n = 0;
const ev = (over: Record<string, unknown>): ChatEvent =>
  ({ id: `s${++n}`, type: 'buyer_message', ts: '2026-11-25T13:00:00+08:00', platform: 'pdd', shop: '甲店', buyer: 'b1', ...over }) as ChatEvent;

describe('shift view', () => {
  it('counts rounds since the shift started and lists buyers still waiting for the next agent', () => {
    const start = Date.parse('2026-11-25T14:00:00+08:00');
    const now = Date.parse('2026-11-25T18:00:00+08:00');
    const s = shiftSummary(
      [
        ev({ buyer: 'before', ts: '2026-11-25T13:00:00+08:00' }), // before the shift, still open
        ev({ buyer: 'ok', ts: '2026-11-25T15:00:00+08:00' }),
        ev({ buyer: 'ok', type: 'agent_message', sender: 'human', ts: '2026-11-25T15:00:40+08:00' }),
        ev({ buyer: 'late', ts: '2026-11-25T16:00:00+08:00' }),
        ev({ buyer: 'late', type: 'agent_message', sender: 'human', ts: '2026-11-25T16:05:00+08:00' }),
        ev({ buyer: 'open', ts: '2026-11-25T17:50:00+08:00' }),
        ev({ type: 'compliance', action: 'blocked', categories: ['abuse'], rules: ['abuse.x'], ts: '2026-11-25T16:10:00+08:00' }),
        ev({ type: 'compliance', action: 'overridden', categories: ['off-platform-contact'], rules: ['contact.qq'], buyer: 'ok', ts: '2026-11-25T15:01:00+08:00' }),
        ev({ type: 'compliance', action: 'overridden', categories: ['abuse'], rules: ['abuse.y'], buyer: 'early', ts: '2026-11-25T13:30:00+08:00' }),
      ],
      { startedAt: start, now },
    );
    expect([s.rounds, s.answered, s.missed3min, s.blocked, s.overridden]).toEqual([3, 2, 2, 1, 1]);
    expect(s.stillOpen.map((o) => o.buyer)).toEqual(['before', 'open']);
    const text = handoverText(s, now, new Map([['open', '小雨点']]));
    expect(text).toContain('【交接班】14:00–18:00');
    expect(text).toContain('- 甲店 · 小雨点 · 自 17:50 起等待');
    // The message sent anyway during the shift is handed over for a follow-up; the one before it is not.
    const labelled = handoverText(s, now, new Map(), (c) => (c === 'off-platform-contact' ? '站外联系方式' : c));
    expect(labelled).toContain('需跟进：拦截后仍然发送（1）');
    expect(labelled).toContain('- 甲店 · ok · 15:01 · 站外联系方式');
    expect(labelled).not.toContain('early');
  });
});
