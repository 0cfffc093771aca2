/**
 * Text formats of the JD Dongdong workbench (platform note §4, §6): row ids, group headers and the
 * message time strings. Pure functions, no DOM.
 */
import { CHINA_OFFSET_MS, chinaWallClockToEpoch } from '../../time/china';

export interface RowId {
  /** The buyer's pin (the part between `u_` and the app). */
  pin: string;
  /** The app without dots (`imcustomer` for buyers). */
  app: string;
  /** The shop's venderId, or null when the id ends at the app. */
  venderId: string | null;
}

/** Apps of the JD IM protocol as row ids spell them (dots dropped): `im.customer` is the buyer. */
export const BUYER_APP = 'imcustomer';
// Known app parts: the buyer's, the agent client's (`im.waiter`) and the vender's. Tried longest match
// last so a pin ending in letters of an app name does not take the app's place.
const KNOWN_APPS = [BUYER_APP, 'imwaiter', 'imvender'];

/**
 * `u_<pin><app><venderId>` → its parts (the pattern of §4, [S]). The pin may hold anything, so the app
 * is found from the end: the last known app name followed only by digits. An id of this shape with
 * an app not known here gives app `''` (not a buyer). Null when the id is not a `u_` id at all.
 */
export function parseRowId(id: string | null | undefined): RowId | null {
  const raw = (id ?? '').trim();
  if (!raw.startsWith('u_') || raw.length <= 2) return null;
  const body = raw.slice(2);
  const tail = /(\d*)$/.exec(body)![1]!;
  const head = body.slice(0, body.length - tail.length);
  for (const app of KNOWN_APPS) {
    if (head.endsWith(app) && head.length > app.length) {
      return { pin: head.slice(0, -app.length), app, venderId: tail || null };
    }
  }
  return { pin: body, app: '', venderId: null };
}

/** `最近联系人(12)` / `最近联系人（12）` → name and count (ASCII or full-width parentheses; count optional). */
export function parseGroupHeader(text: string | null | undefined): { name: string; count: number | null } {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  const m = /^(.*?)\s*[(（]\s*(\d+)\s*[)）]\s*$/.exec(t);
  return m ? { name: m[1]!.trim(), count: Number(m[2]) } : { name: t, count: null };
}

/**
 * A `.message__time_str`: `HH:MM:SS` (today), `MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM:SS` (§6: the format
 * is not captured; these are the three candidates). `/` is taken for `-`, and a time without seconds
 * is read as `:00` (leniency of ours).
 */
const MESSAGE_TIME = /^(?:(?:(\d{4})[-/])?(\d{1,2})[-/](\d{1,2})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const DAY_MS = 86_400_000;
/** A bare `HH:MM:SS` more than this ahead of now was shown before midnight: it is yesterday's. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Epoch ms of a message time string, China time (+08:00). A bare time is on `now`'s China date
 * (yesterday's when that would put it more than 5 minutes ahead of now); `MM-DD` is in `now`'s year
 * unless that date is still to come (then last year's). Null when the text is not a time or the date
 * does not exist.
 */
export function parseMessageTime(text: string | null | undefined, now: number): number | null {
  const m = MESSAGE_TIME.exec((text ?? '').replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const today = new Date(now + CHINA_OFFSET_MS);
  const ty = today.getUTCFullYear();
  const tm = today.getUTCMonth() + 1;
  const td = today.getUTCDate();
  if (mo === undefined) {
    const ms = chinaWallClockToEpoch(ty, tm, td, hour, minute, second);
    return ms !== null && ms > now + FUTURE_SLACK_MS ? ms - DAY_MS : ms; // China has no DST
  }
  const month = Number(mo);
  const day = Number(d);
  if (y !== undefined) return chinaWallClockToEpoch(Number(y), month, day, hour, minute, second);
  const ahead = month > tm || (month === tm && day > td);
  return chinaWallClockToEpoch(ahead ? ty - 1 : ty, month, day, hour, minute, second);
}
