import type { ChatEvent } from './events';
import { roundOutcomes, type Threshold } from './kpi';
import { formatClock } from '../time/china';

/**
 * The shift view: what happened since the agent started, and a handover note the next agent can
 * read (buyers still waiting, rounds still open, what was stopped by the pre-send check).
 */
export interface ShiftSummary {
  startedAt: number;
  rounds: number;
  answered: number;
  missed3min: number;
  stillOpen: { platform: string; shop: string; buyer: string; openedAt: number }[];
  blocked: number;
  overridden: number;
  /** Messages sent anyway past a block: the next agent may have to follow them up with the buyer. */
  overrides: { platform: string; shop: string; buyer: string | undefined; at: number; categories: string[] }[];
  templatesUsed: number;
}

export function shiftSummary(events: readonly ChatEvent[], opts: { startedAt: number; now: number; profiles?: unknown }): ShiftSummary {
  const s: ShiftSummary = { startedAt: opts.startedAt, rounds: 0, answered: 0, missed3min: 0, stillOpen: [], blocked: 0, overridden: 0, overrides: [], templatesUsed: 0 };
  for (const o of roundOutcomes(events, { now: opts.now, profiles: opts.profiles })) {
    const r = o.round;
    if (r.excluded) continue;
    if (r.closedAt === null) {
      s.stillOpen.push({ platform: r.platform, shop: r.shop, buyer: r.buyer, openedAt: r.openedAt });
    }
    if (r.openedAt < opts.startedAt) continue;
    s.rounds++;
    if (r.closedAt !== null) s.answered++;
    if (o.verdicts['3min' as Threshold] === 'missed') s.missed3min++;
  }
  s.stillOpen.sort((a, b) => a.openedAt - b.openedAt);
  for (const e of events) {
    if (Date.parse(e.ts) < opts.startedAt) continue;
    if (e.type === 'compliance' && e.action === 'blocked') s.blocked++;
    if (e.type === 'compliance' && e.action === 'overridden') {
      s.overridden++;
      s.overrides.push({ platform: e.platform, shop: e.shop, buyer: e.buyer, at: Date.parse(e.ts), categories: e.categories });
    }
    if (e.type === 'template_used') s.templatesUsed++;
  }
  s.overrides.sort((a, b) => a.at - b.at);
  return s;
}

/**
 * The handover note as plain text (zh-CN; it is read by the next agent on the same team): buyers still
 * waiting, then messages sent anyway past a block, which may need a follow-up.
 */
export function handoverText(
  s: ShiftSummary,
  now: number,
  names: ReadonlyMap<string, string> = new Map(),
  categoryLabel: (c: string) => string = (c) => c,
): string {
  const lines = [
    `【交接班】${formatClock(s.startedAt)}–${formatClock(now)}`,
    `接待回合 ${s.rounds}，已回复 ${s.answered}，超过3分钟 ${s.missed3min}`,
    `发送前检查拦截 ${s.blocked} 次，仍然发送 ${s.overridden} 次；使用模板 ${s.templatesUsed} 次`,
  ];
  if (s.stillOpen.length) {
    lines.push(`仍在等待回复（${s.stillOpen.length}）：`);
    for (const o of s.stillOpen) {
      const who = names.get(o.buyer) ?? o.buyer;
      lines.push(`- ${o.shop || '未识别店铺'} · ${who} · 自 ${formatClock(o.openedAt)} 起等待`);
    }
  } else {
    lines.push('没有仍在等待回复的买家');
  }
  if (s.overrides.length) {
    lines.push(`需跟进：拦截后仍然发送（${s.overrides.length}）：`);
    for (const o of s.overrides) {
      const who = o.buyer ? (names.get(o.buyer) ?? o.buyer) : '未识别买家';
      lines.push(`- ${o.shop || '未识别店铺'} · ${who} · ${formatClock(o.at)} · ${o.categories.map(categoryLabel).join('、')}`);
    }
  }
  return lines.join('\n');
}
