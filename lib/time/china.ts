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

/** `HH:mm` of an instant in China time, whatever the machine's zone. */
export function formatClock(ms: number): string {
  return toChinaIso(ms).slice(11, 16);
}
