import type { ChatEvent, PlatformName } from '../stats/events';

/**
 * Terse event builders for tests and benchmarks. `time` is China wall-clock `HH:MM:SS` on `day`
 * (default 2026-11-20), or a full ISO string with its own offset. Ids are unique per builder.
 */
export function eventBuilder(defaults: { platform?: PlatformName; shop?: string; day?: string } = {}) {
  let n = 0;
  const platform = defaults.platform ?? 'pdd';
  const shop = defaults.shop ?? '暖阳杂货铺';
  const day = defaults.day ?? '2026-11-20';
  const ts = (time: string): string => (time.includes('T') ? time : `${day}T${time}+08:00`);
  type Extra = Partial<{ platform: PlatformName; shop: string; id: string }>;
  const base = (time: string, buyer: string, extra: Extra) => ({
    id: extra.id ?? `e${++n}`,
    ts: ts(time),
    platform: extra.platform ?? platform,
    shop: extra.shop ?? shop,
    buyer,
  });
  return {
    ts,
    /** Epoch ms of `time`. */
    ms: (time: string): number => Date.parse(ts(time)),
    buyer: (time: string, buyer = 'u1', extra: Extra = {}): ChatEvent => ({ ...base(time, buyer, extra), type: 'buyer_message' }),
    human: (time: string, buyer = 'u1', extra: Extra = {}): ChatEvent => ({
      ...base(time, buyer, extra),
      type: 'agent_message',
      sender: 'human',
    }),
    robot: (time: string, buyer = 'u1', extra: Extra = {}): ChatEvent => ({
      ...base(time, buyer, extra),
      type: 'agent_message',
      sender: 'robot',
    }),
    exclude: (time: string, buyer = 'u1', extra: Extra = {}): ChatEvent => ({
      ...base(time, buyer, extra),
      type: 'buyer_excluded',
      reason: 'advertising',
    }),
  };
}
