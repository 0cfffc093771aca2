import { z } from 'zod';
import { chatEvent } from './stats/events';

/**
 * Every runtime message between the extension's parts, validated with zod on both ends:
 * the sender builds it through `request()`, the background parses it before acting.
 */

export const recordEventsRequest = z.object({
  type: z.literal('events/record'),
  events: z.array(chatEvent).min(1).max(500),
});

export const dayCountsRequest = z.object({
  type: z.literal('stats/day-counts'),
  /** China-time day `YYYY-MM-DD`; today when omitted. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/** Today's figures per shop, computed the way the platforms compute them (lib/stats/kpi). */
export const todayStatsRequest = z.object({ type: z.literal('stats/today') });

export const listEventsRequest = z.object({
  type: z.literal('events/list'),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const waitingEntry = z.object({
  round: z.string().min(1).max(400),
  buyer: z.string().min(1).max(200),
  nickname: z.string().max(200).nullable(),
  openedAt: z.number(),
  soonAt: z.number(),
  lateAt: z.number(),
  breachedAt: z.number(),
  inWindow: z.boolean(),
});

/** A workbench tab's waiting buyers, sent whenever the set changes or the tab goes in or out of view. */
export const tabWaitingRequest = z.object({
  type: z.literal('tab/waiting'),
  platform: z.string().max(40),
  shop: z.string().max(200).nullable(),
  healthy: z.boolean(),
  inView: z.boolean(),
  waiting: z.array(waitingEntry).max(2000),
});

/** Every open workbench tab's waiting buyers, for the popup. */
export const waitingAllRequest = z.object({ type: z.literal('waiting/all') });

/** Bring a workbench tab to the front and open that buyer's conversation. */
export const focusBuyerRequest = z.object({
  type: z.literal('tabs/focus'),
  tabId: z.number().int(),
  buyer: z.string().min(1).max(200),
});

/** The next-buyer key's action (the extension command, or the 下一位 button of the overlay or the desk). */
export const deskNextRequest = z.object({ type: z.literal('desk/next') });

/** The next-buyer key as the browser has it set ('' when the agent removed it). */
export const deskShortcutRequest = z.object({ type: z.literal('desk/shortcut') });

/**
 * Decode the QR code in an image from a workbench composer (a PNG data URL the content script drew
 * at most QR_MAX_SIDE wide). The decoder lives in the background so it is not loaded on every page.
 */
export const qrDecodeRequest = z.object({
  type: z.literal('qr/decode'),
  image: z.string().startsWith('data:image/').max(4_000_000),
});

export const request = z.discriminatedUnion('type', [
  qrDecodeRequest,
  recordEventsRequest,
  dayCountsRequest,
  todayStatsRequest,
  listEventsRequest,
  tabWaitingRequest,
  waitingAllRequest,
  focusBuyerRequest,
  deskNextRequest,
  deskShortcutRequest,
]);
export type Request = z.infer<typeof request>;

export const recordEventsResponse = z.object({ ok: z.literal(true), added: z.number(), duplicates: z.number() });
export const dayCountsResponse = z.object({
  ok: z.literal(true),
  day: z.string(),
  buyerMessages: z.number(),
  humanReplies: z.number(),
  robotReplies: z.number(),
  buyers: z.number(),
});
export const listEventsResponse = z.object({ ok: z.literal(true), events: z.array(chatEvent) });
export const okResponse = z.object({ ok: z.literal(true) });
const rate = z.number().nullable();
export const dayFigures = z.object({
  date: z.string(),
  platform: z.string(),
  shop: z.string(),
  consulting_buyers: z.number(),
  rounds: z.number(),
  answered_rounds: z.number(),
  avg_response_s: rate,
  median_response_s: rate,
  p90_response_s: rate,
  rounds_30s_rate: rate,
  rounds_3min_rate: rate,
  buyers_30s_rate: rate,
  buyers_3min_rate: rate,
  effective_reply_rate: rate,
  unanswered_rounds: z.number(),
});
export const todayStatsResponse = z.object({ ok: z.literal(true), now: z.number(), day: z.string(), days: z.array(dayFigures) });
export const waitingAllResponse = z.object({
  ok: z.literal(true),
  now: z.number(),
  waiting: z.array(
    waitingEntry.extend({
      tabId: z.number(),
      platform: z.string(),
      shop: z.string().nullable(),
      level: z.enum(['fine', 'soon', 'late', 'breached']),
      elapsedMs: z.number(),
      /** Its tab has gone silent: the buyer may have been answered since. */
      stale: z.boolean(),
    }),
  ),
  /** Every watched workbench tab, recognised or not, with when it last reported. */
  tabs: z.array(
    z.object({
      tabId: z.number(),
      platform: z.string(),
      shop: z.string().nullable(),
      healthy: z.boolean(),
      updatedAt: z.number(),
      condition: z.enum(['ok', 'unrecognised', 'silent']),
      waiting: z.number(),
    }),
  ),
  /** The last notifications given, newest first. */
  alerts: z.array(
    z.object({
      id: z.string(),
      at: z.number(),
      tabId: z.number(),
      buyer: z.string(),
      nickname: z.string().nullable(),
      shop: z.string().nullable(),
      platform: z.string(),
      level: z.enum(['soon', 'late', 'breached']),
      elapsedMs: z.number(),
    }),
  ),
});
export const deskNextResponse = z.object({
  ok: z.literal(true),
  /** Where the key went; null when nobody waits. */
  target: z.object({ tabId: z.number(), buyer: z.string(), nickname: z.string().nullable(), shop: z.string().nullable(), platform: z.string() }).nullable(),
});
export const errorResponse = z.object({ ok: z.literal(false), error: z.string() });

const responseSchemas = {
  'events/record': recordEventsResponse,
  'stats/day-counts': dayCountsResponse,
  'events/list': listEventsResponse,
  'stats/today': todayStatsResponse,
  'tab/waiting': okResponse,
  'waiting/all': waitingAllResponse,
  'tabs/focus': okResponse,
  'desk/next': deskNextResponse,
  'desk/shortcut': z.object({ ok: z.literal(true), shortcut: z.string() }),
  'qr/decode': z.object({ ok: z.literal(true), text: z.string().nullable() }),
} as const satisfies Record<Request['type'], z.ZodType>;

export type ResponseFor<T extends Request['type']> = z.infer<(typeof responseSchemas)[T]>;

/** Messages from the background to a workbench tab. */
export const tabCommand = z.discriminatedUnion('type', [
  /** Open this buyer's conversation and put the caret in the composer. */
  z.object({ type: z.literal('open-buyer'), buyer: z.string().min(1) }),
  /** Say something in this tab's overlay for a few seconds (the key found nobody waiting). */
  z.object({ type: z.literal('notice'), text: z.string().max(200) }),
  z.object({ type: z.literal('play-alert-sound') }),
]);
export type TabCommand = z.infer<typeof tabCommand>;

/** Parse a response for the given request type; an error response or a malformed one throws. */
export function parseResponse<T extends Request['type']>(type: T, raw: unknown): ResponseFor<T> {
  const err = errorResponse.safeParse(raw);
  if (err.success) throw new Error(err.data.error);
  return responseSchemas[type].parse(raw) as ResponseFor<T>;
}
