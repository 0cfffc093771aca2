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

export const listEventsRequest = z.object({
  type: z.literal('events/list'),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const request = z.discriminatedUnion('type', [recordEventsRequest, dayCountsRequest, listEventsRequest]);
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
export const errorResponse = z.object({ ok: z.literal(false), error: z.string() });

export type ResponseFor<T extends Request['type']> = T extends 'events/record'
  ? z.infer<typeof recordEventsResponse>
  : T extends 'stats/day-counts'
    ? z.infer<typeof dayCountsResponse>
    : T extends 'events/list'
      ? z.infer<typeof listEventsResponse>
      : never;

const responseSchemas = {
  'events/record': recordEventsResponse,
  'stats/day-counts': dayCountsResponse,
  'events/list': listEventsResponse,
} as const;

/** Parse a response for the given request type; an error response or a malformed one throws. */
export function parseResponse<T extends Request['type']>(type: T, raw: unknown): ResponseFor<T> {
  const err = errorResponse.safeParse(raw);
  if (err.success) throw new Error(err.data.error);
  return responseSchemas[type].parse(raw) as ResponseFor<T>;
}
