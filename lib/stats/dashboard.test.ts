import { describe, it, expect } from 'vitest';
import { todayDashboard, grade } from './dashboard';
import type { ChatEvent } from './events';

let n = 0;
const ev = (over: Partial<ChatEvent> & Record<string, unknown>): ChatEvent =>
  ({ id: `e${++n}`, type: 'buyer_message', ts: '2026-11-25T09:00:00+08:00', platform: 'pdd', shop: '甲店', buyer: 'b1', ...over }) as ChatEvent;
const NOW = Date.parse('2026-11-25T12:00:00+08:00');

describe('today dashboard', () => {
  it('lists a round answered after 4 minutes as a miss of 30 s and 3 min, and an unanswered one as waiting still', () => {
    const d = todayDashboard(
      [
        ev({ buyer: 'slow', ts: '2026-11-25T09:00:00+08:00' }),
        ev({ buyer: 'slow', type: 'agent_message', sender: 'human', ts: '2026-11-25T09:04:00+08:00' }),
        ev({ buyer: 'fast', ts: '2026-11-25T10:00:00+08:00' }),
        ev({ buyer: 'fast', type: 'agent_message', sender: 'human', ts: '2026-11-25T10:00:20+08:00' }),
        ev({ buyer: 'gone', ts: '2026-11-25T11:30:00+08:00' }),
        ev({ buyer: 'gone', type: 'agent_message', sender: 'robot', ts: '2026-11-25T11:30:03+08:00' }),
      ],
      { now: NOW },
    );
    expect(d.misses.map((m) => [m.buyer, m.waited_s, m.answered, m.missed])).toEqual([
      ['gone', 1800, false, ['30s', '3min']],
      ['slow', 240, true, ['30s', '3min']],
    ]);
    expect(d.shops).toHaveLength(1);
    expect(d.shops[0]).toMatchObject({ rounds: 3, answered_rounds: 2, rounds_3min_rate: 1 / 3 });
    expect(d.totals).toEqual([]);
  });

  it('pools shops of one platform into a total, and counts compliance actions and template uses of today only', () => {
    const d = todayDashboard(
      [
        ev({ shop: '甲店', buyer: 'a' }),
        ev({ shop: '乙店', buyer: 'b' }),
        ev({ type: 'compliance', action: 'blocked', categories: ['off-platform-contact'], rules: ['contact.wechat'] }),
        ev({ type: 'compliance', action: 'overridden', categories: ['off-platform-contact'], rules: ['contact.wechat'], reason: '买家要求' }),
        ev({ type: 'compliance', action: 'warned', categories: ['absolute-claim'], rules: ['claim.lowest'], ts: '2026-11-24T20:00:00+08:00' }),
        ev({ type: 'template_used', template: 't-1' }),
        ev({ type: 'template_used', template: 't-1' }),
        ev({ type: 'template_used', template: 't-2' }),
      ],
      { now: NOW },
    );
    expect(d.totals).toHaveLength(1);
    expect(d.totals[0]).toMatchObject({ shop: '*', consulting_buyers: 2, rounds: 2 });
    expect(d.compliance).toEqual({ 'off-platform-contact': { blocked: 1, overridden: 1, warned: 0 } });
    expect(d.templates).toEqual({ used: 3, top: [{ template: 't-1', count: 2 }, { template: 't-2', count: 1 }] });
  });

  it('all platforms together: each round judged by its own platform (a JD round before 09:00 is out), sums of the shops', () => {
    const events = [
      // PDD counts from 08:00: the 08:30 round is in, answered in 20 s; a 10:00 round answered in 4 min.
      ev({ platform: 'pdd', shop: '甲店', buyer: 'p1', ts: '2026-11-25T08:30:00+08:00' }),
      ev({ platform: 'pdd', shop: '甲店', buyer: 'p1', type: 'agent_message', sender: 'human', ts: '2026-11-25T08:30:20+08:00' }),
      ev({ platform: 'pdd', shop: '甲店', buyer: 'p2', ts: '2026-11-25T10:00:00+08:00' }),
      ev({ platform: 'pdd', shop: '甲店', buyer: 'p2', type: 'agent_message', sender: 'human', ts: '2026-11-25T10:04:00+08:00' }),
      // JD counts from 09:00: the 08:30 round is out; the 09:30 one is in, answered in 10 s.
      ev({ platform: 'jd', shop: '乙店', buyer: 'j1', ts: '2026-11-25T08:30:00+08:00' }),
      ev({ platform: 'jd', shop: '乙店', buyer: 'j1', type: 'agent_message', sender: 'human', ts: '2026-11-25T08:35:00+08:00' }),
      ev({ platform: 'jd', shop: '乙店', buyer: 'j2', ts: '2026-11-25T09:30:00+08:00' }),
      ev({ platform: 'jd', shop: '乙店', buyer: 'j2', type: 'agent_message', sender: 'human', ts: '2026-11-25T09:30:10+08:00' }),
    ];
    const d = todayDashboard(events, { now: NOW });
    const [jd, pdd] = d.shops;
    expect([jd!.rounds, pdd!.rounds]).toEqual([1, 2]);
    expect(d.overall).toMatchObject({ platform: 'generic', shop: '*', rounds: 3, answered_rounds: 3, consulting_buyers: 3, rounds_3min_rate: 2 / 3 });
    // One platform only: its own rows say it all.
    expect(todayDashboard(events.slice(0, 4), { now: NOW }).overall).toBeNull();
  });

  it('grades against the platform lines: 25 s good, 55 s fair, 120 s bad; effective reply 45 % bad (penalty line)', () => {
    expect([grade('avg_response_s', 25), grade('avg_response_s', 55), grade('avg_response_s', 120)]).toEqual(['good', 'fair', 'bad']);
    expect(grade('effective_reply_rate', 0.45)).toBe('bad');
    expect(grade('effective_reply_rate', null)).toBeNull();
  });
});
