/**
 * Message time strings of the workbenches that show a date without a year (JD's `.message__time_str`,
 * Kuaishou's `<nickname>M-D HH:MM:SS` sender line): China time, a year inferred so the date is not
 * still to come. Pure functions, no DOM.
 */
import { CHINA_OFFSET_MS, chinaWallClockToEpoch } from '../time/china';

/**
 * A message time: `HH:MM:SS` (today), `MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM:SS` (JD note §6: the format
 * is not captured, these are the three candidates; Kuaishou shows `M-D HH:MM:SS`). `/` is taken for
 * `-`, and a time without seconds is read as `:00` (leniency of ours).
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

/**
 * Absolute list-row times (`14:02`, `06/29`, `5-20`, `昨天`, `星期三`, `6月29日`, `2025/06/29`, with or
 * without a clock after them): they name the last message and survive a reload, unlike a running timer.
 */
export const ABSOLUTE_ROW_TIME =
  /^(?:昨天|前天|星期[一二三四五六日天]|周[一二三四五六日天]|\d{1,2}:\d{2}|\d{1,2}[/-]\d{1,2}|\d{4}[/-]\d{1,2}[/-]\d{1,2}|\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2})?$/;
