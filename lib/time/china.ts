/**
 * China time (UTC+8, no daylight saving) helpers. Workbench pages show wall-clock China time whatever
 * the agent's machine zone is, so everything here is plain UTC arithmetic with a fixed offset and never
 * touches the local zone (no `new Date(y, m, d)`, no `getHours()`).
 */

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The instant shifted so that its UTC fields read as China wall-clock fields. */
const chinaFields = (ms: number): Date => {
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid time value: ${ms}`);
  return new Date(ms + CHINA_OFFSET_MS);
};

/**
 * Epoch ms of a China wall-clock time, or null when the fields do not form a real date/time
 * (e.g. 2月30日 or 24:00).
 */
export function chinaWallClockToEpoch(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | null {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  // Date.UTC silently rolls over out-of-range fields; a round trip catches that.
  const real =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  return real ? ms - CHINA_OFFSET_MS : null;
}

const TIME_LINE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/;

/** Parse a PDD time line `2026年11月25日 09:15:02` (China time) to epoch ms; null if unparsable. */
export function parseChinaTimeLine(text: string): number | null {
  const m = TIME_LINE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return chinaWallClockToEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
}

/**
 * ISO 8601 in China time: `2026-11-25T09:15:02+08:00`. Milliseconds are kept (`…02.250+08:00`) only
 * when non-zero, so an id-derived time loses nothing and a whole-second time stays short.
 * Throws RangeError for a non-finite input, like Date#toISOString.
 */
export function toChinaIso(ms: number): string {
  const d = chinaFields(ms);
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  return (
    `${chinaDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${frac}+08:00`
  );
}

/** China calendar date `YYYY-MM-DD` of an instant (00:30 China time is still "today" in China). */
export function chinaDate(ms: number): string {
  const d = chinaFields(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

// 已等待1小时5分钟 / 已等待2分30秒 / 已等待35秒; each part optional but at least one required (checked below).
const WAITING = /^(?:已?等待)?\s*(?:(\d+)\s*天)?\s*(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*(?:分钟|分))?\s*(?:(\d+)\s*秒)?$/;

/** Seconds shown by a PDD waiting badge (`已等待4分钟` → 240); null when the text is not such a badge. */
export function parseWaitingSeconds(text: string): number | null {
  const m = WAITING.exec(text.trim());
  if (!m) return null;
  const [, days, hours, minutes, seconds] = m;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) return null;
  const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
  return ((n(days) * 24 + n(hours)) * 60 + n(minutes)) * 60 + n(seconds);
}

/** `HH:mm` of an instant in China time, whatever the machine's zone. */
export function formatClock(ms: number): string {
  return toChinaIso(ms).slice(11, 16);
}
