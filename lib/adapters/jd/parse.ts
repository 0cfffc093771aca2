/**
 * Text formats of the JD Dongdong workbench (platform note §4, §6): row ids, group headers and the
 * message time strings (../message-time.ts). Pure functions, no DOM.
 */
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

// The `.message__time_str` formats (`HH:MM:SS`, `MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM:SS`): the shared parser.
export { parseMessageTime } from '../message-time';
