import { z } from 'zod';

/**
 * The agent's settings, versioned. Every field has its default and falls back alone: a bad value in
 * one field (an old export, a hand edit) never resets the rest. Sections owned by a capability keep
 * their raw value here and are validated by that capability (`timing.profiles` by
 * `resolveProfiles`, `compliance` by the compliance settings schema).
 */

export const SETTINGS_VERSION = 1;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const field = <T extends z.ZodType>(schema: T, fallback: z.infer<T>) => schema.default(fallback as never).catch(fallback as never);

export const alertSettingsSchema = z.object({
  /** System notifications when a buyer crosses a level while the workbench is not in view. */
  enabled: field(z.boolean(), true),
  levels: field(
    z.object({
      soon: field(z.boolean(), false),
      late: field(z.boolean(), true),
      breached: field(z.boolean(), true),
    }),
    { soon: false, late: true, breached: true },
  ),
  sound: field(z.boolean(), false),
  quietHours: field(
    z.object({
      enabled: field(z.boolean(), false),
      from: field(hhmm, '12:00'),
      to: field(hhmm, '13:30'),
    }),
    { enabled: false, from: '12:00', to: '13:30' },
  ),
});

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).catch(SETTINGS_VERSION),
  timing: field(
    z.object({
      /** Partial rule-profile overrides keyed by profile name (validated by lib/timing/profiles). */
      profiles: field(z.record(z.string(), z.unknown()), {}),
    }),
    { profiles: {} },
  ),
  alerts: field(alertSettingsSchema, alertSettingsSchema.parse({})),
  /** Compliance settings (validated by lib/compliance). */
  compliance: field(z.record(z.string(), z.unknown()), {}),
  templates: field(
    z.object({
      /** Keyboard shortcut that opens the template picker, besides `/` at the start of the composer. */
      shortcut: field(z.string().regex(/^((Ctrl|Alt|Shift|Meta)\+)+[A-Za-z0-9]$/, 'expected e.g. Alt+K'), 'Alt+K'),
      suggestions: field(z.boolean(), true),
      /** What {客服昵称} becomes. */
      agentNick: field(z.string().max(40), ''),
    }),
    { shortcut: 'Alt+K', suggestions: true, agentNick: '' },
  ),
  stats: field(
    z.object({
      /** Raw events are kept this many days; daily figures (rollups) are kept for good. */
      keepDays: field(z.number().int().min(7).max(3650), 90),
    }),
    { keepDays: 90 },
  ),
  /**
   * The shop of each workbench whose page shows no shop name (Feige), as the agent typed it once in
   * the overlay, by platform id (one login per platform per browser profile). A bad entry drops alone.
   */
  shops: z
    .preprocess(
      (v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(
              Object.entries(v as Record<string, unknown>).flatMap(([k, name]) =>
                typeof name === 'string' && name.trim() && name.trim().length <= 200 && k.length <= 40 ? [[k, name.trim()]] : [],
              ),
            )
          : {},
      z.record(z.string(), z.string()),
    )
    .default({}),
  /**
   * Nicknames of the robot (auto-reply) on our side, by platform id, where the page marks robot
   * replies by nickname only (JD: 京小智). Absent: the adapter's defaults. A bad entry drops alone.
   */
  robotNicknames: z
    .preprocess(
      (v) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(
              Object.entries(v as Record<string, unknown>).flatMap(([k, list]) =>
                Array.isArray(list) && k.length <= 40
                  ? [[k, [...new Set(list.filter((n): n is string => typeof n === 'string').map((n) => n.trim()).filter((n) => n && n.length <= 40))].slice(0, 50)]]
                  : [],
              ),
            )
          : {},
      z.record(z.string(), z.array(z.string())),
    )
    .default({}),
  privacy: field(
    z.object({
      /** Store the text of blocked / overridden messages with their events (off: counts only). */
      keepComplianceText: field(z.boolean(), false),
    }),
    { keepComplianceText: false },
  ),
});

export type Settings = z.infer<typeof settingsSchema>;
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Migrations from each earlier version to the next; index = the version migrated from. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Whatever storage holds → current settings: migrated, validated, bad fields at their defaults. */
export function loadSettings(raw: unknown): Settings {
  let value: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  let version = typeof value.version === 'number' ? value.version : SETTINGS_VERSION;
  while (version < SETTINGS_VERSION && MIGRATIONS[version]) {
    value = MIGRATIONS[version]!(value);
    version++;
  }
  return settingsSchema.parse({ ...value, version: SETTINGS_VERSION });
}

/** Is `ms` (epoch) inside the quiet hours, read in China time? A range may cross midnight. */
export function inQuietHours(ms: number, q: AlertSettings['quietHours']): boolean {
  if (!q.enabled) return false;
  const minutes = Math.floor(((ms + 8 * 3600_000) % 86_400_000) / 60_000);
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const from = toMin(q.from);
  const to = toMin(q.to);
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/** When the current quiet hours end (epoch ms), or null when `ms` is not in quiet hours. */
export function quietHoursEnd(ms: number, q: AlertSettings['quietHours']): number | null {
  if (!inQuietHours(ms, q)) return null;
  const day = 86_400_000;
  const chinaMidnight = ms - ((ms + 8 * 3600_000) % day);
  const to = (Number(q.to.slice(0, 2)) * 60 + Number(q.to.slice(3, 5))) * 60_000;
  const end = chinaMidnight + to;
  return end > ms ? end : end + day;
}
