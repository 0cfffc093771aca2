/**
 * PDD's own time texts: the time line on the first message of a group and the waiting badge of a
 * list row. Platform formats live with their adapter; lib/time keeps only China-time arithmetic.
 */
import { chinaWallClockToEpoch } from '../../time/china';

const TIME_LINE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/;

/** Parse a PDD time line `2026年11月25日 09:15:02` (China time) to epoch ms; null if unparsable. */
export function parseChinaTimeLine(text: string): number | null {
  const m = TIME_LINE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return chinaWallClockToEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
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
