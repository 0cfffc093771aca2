import { z } from 'zod';
import { CHINA_OFFSET_MS } from '../time/china';

/**
 * The event format of `design/metrics.md`: the contract between the extension, its exports and the
 * `stats` command. One event per observed fact; `id` is made where the fact was observed so a
 * retried write is stored once.
 */

export const PLATFORMS = ['pdd', 'taobao', 'douyin', 'jd', 'kuaishou', 'generic'] as const;

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * China-time years an event may fall in. Days are keyed `YYYY-MM-DD` and compared as strings, and
 * date routines read a two-digit year as 19xx, so anything outside 1000–9999 breaks every rollup that
 * meets it; within that, a chat on a marketplace before 2000 or after 2099 is a typo (`0026`, `2206`)
 * that would sit on a day no chart or export ever shows. (The PDD adapter already reads epoch-ms
 * message ids as times from 2001 on.)
 */
export const MIN_EVENT_YEAR = 2000;
export const MAX_EVENT_YEAR = 2099;

/** The first instant events may have, and the one after their last (China midnights). */
export const FIRST_EVENT_MS = Date.UTC(MIN_EVENT_YEAR, 0, 1) - CHINA_OFFSET_MS;
export const END_EVENT_MS = Date.UTC(MAX_EVENT_YEAR + 1, 0, 1) - CHINA_OFFSET_MS;

/**
 * The instant (epoch ms) of an event timestamp, or what is wrong with it: it must be ISO 8601 with an
 * explicit offset (`Z` or `±hh:mm`), a date and time that exist as written (Date.parse takes
 * 2026-02-30 for 03-02 without a word), an offset some zone has (−12:00 to +14:00), and fall in a
 * China-time year from MIN_EVENT_YEAR to MAX_EVENT_YEAR. One regex and one Date.parse: cheap enough to
 * run on every stored row the rollups read.
 */
export function tsInstant(ts: string): number | string {
  const m = ISO_WITH_OFFSET.exec(ts);
  if (!m) return 'ts must be ISO 8601 with an offset';
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || +m[4]! > 23 || +m[5]! > 59 || +m[6]! > 59) {
    return 'ts is not a real date and time';
  }
  if (m[7] !== undefined) {
    const offset = (m[7] === '-' ? -1 : 1) * (+m[8]! * 60 + +m[9]!);
    if (+m[9]! > 59 || offset < -12 * 60 || offset > 14 * 60) return 'ts has an offset no time zone has (−12:00 to +14:00)';
  }
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return 'ts is not a real instant';
  if (ms < FIRST_EVENT_MS || ms >= END_EVENT_MS) {
    const chinaYear = new Date(ms + CHINA_OFFSET_MS).getUTCFullYear();
    return `ts falls in the year ${chinaYear} in China time (${MIN_EVENT_YEAR} to ${MAX_EVENT_YEAR} only)`;
  }
  return ms;
}

/** What is wrong with an event timestamp (see `tsInstant`), or null when it is fine. */
export function tsProblem(ts: string): string | null {
  const r = tsInstant(ts);
  return typeof r === 'string' ? r : null;
}

/** An event timestamp (see `tsProblem`). */
const isoWithOffset = z.string().superRefine((s, ctx) => {
  const problem = tsProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const base = {
  id: z.string().min(1).max(300),
  ts: isoWithOffset,
  platform: z.enum(PLATFORMS),
  shop: z.string().max(200),
  buyer: z.string().min(1).max(200),
  text: z.string().max(5000).optional(),
};

export const buyerMessageEvent = z.object({ ...base, type: z.literal('buyer_message') });
export const agentMessageEvent = z.object({
  ...base,
  type: z.literal('agent_message'),
  sender: z.enum(['human', 'robot']),
});
export const buyerExcludedEvent = z.object({
  ...base,
  type: z.literal('buyer_excluded'),
  reason: z.string().max(100),
});

/** The agent inserted a template (never sent by itself); counted per day for the dashboard. */
export const templateUsedEvent = z.object({
  ...base,
  buyer: z.string().max(200).optional(),
  type: z.literal('template_used'),
  template: z.string().min(1).max(200),
  group: z.string().max(200).optional(),
});

/**
 * The pre-send check stopped a message (`blocked`), the agent sent it anyway with a reason
 * (`overridden`), or a warning was shown while it went (`warned`). The text itself is kept only when
 * the agent turned that on.
 */
export const complianceEvent = z.object({
  ...base,
  buyer: z.string().max(200).optional(),
  type: z.literal('compliance'),
  action: z.enum(['blocked', 'overridden', 'warned']),
  categories: z.array(z.string().max(40)).min(1).max(20),
  rules: z.array(z.string().max(80)).max(50),
  reason: z.string().max(200).optional(),
});

export const chatEvent = z.discriminatedUnion('type', [
  buyerMessageEvent,
  agentMessageEvent,
  buyerExcludedEvent,
  templateUsedEvent,
  complianceEvent,
]);

export type ChatEvent = z.infer<typeof chatEvent>;
export type EventType = ChatEvent['type'];
export type PlatformName = (typeof PLATFORMS)[number];

/** The events rounds and figures are made of; the others (templates, compliance) are counted apart. */
export type RoundEvent = Extract<ChatEvent, { type: 'buyer_message' | 'agent_message' | 'buyer_excluded' }>;
export const isRoundEvent = (e: ChatEvent): e is RoundEvent =>
  e.type === 'buyer_message' || e.type === 'agent_message' || e.type === 'buyer_excluded';
