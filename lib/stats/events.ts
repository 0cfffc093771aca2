import { z } from 'zod';

/**
 * The event format of `design/metrics.md`: the contract between the extension, its exports and the
 * `stats` command. One event per observed fact; `id` is made where the fact was observed so a
 * retried write is stored once.
 */

export const PLATFORMS = ['pdd', 'taobao', 'douyin', 'jd', 'kuaishou', 'generic'] as const;

/** ISO 8601 with an explicit offset (`Z` or `±hh:mm`). */
const isoWithOffset = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/, 'ts must be ISO 8601 with an offset')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'ts is not a real instant');

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
