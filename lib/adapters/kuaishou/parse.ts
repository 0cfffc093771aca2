/**
 * Text formats of the Kuaishou 快语客服 workbench (platform note §3, §5, §9): the cards' own clock, group
 * counts, nicknames with their 下单数 suffix, official accounts, the sender line
 * `<nickname>M-D HH:MM:SS`, and the text markers of automated and system items. Pure functions, no DOM.
 */
import { parseMessageTime } from '../message-time';

/** The page's reply deadline: a card counts down 3 minutes, then reads 已超时 (§9 [C]). */
export const COUNTDOWN_SECONDS = 180;

/** Full-width digits made ASCII, every space (also U+3000) removed: `２分 ５秒后超时` → `2分5秒后超时`. */
const compact = (text: string): string =>
  text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');

/** What a card's clock says: seconds left before 超时, or that the deadline has passed. */
export type PageCountdown = { remaining: number } | { overtime: true };

// `2分31秒后超时`, `45秒后超时`, `2分后超时`, `2分钟后超时` (§3 [C]); hours are ours, should a longer deadline exist.
const COUNTDOWN = /^(?:(\d+)(?:小时|时))?(?:(\d+)分钟?)?(?:(\d+)秒钟?)?后超时$/;
// `已超时`, `超时` (§3 [C]); anything after them (`已超时2分钟`, not seen) is still over time.
const OVERTIME = /^已?超时/;

/**
 * The page's own clock on a card: `X分Y秒后超时`, `Y秒后超时`, `X分后超时` / `X分钟后超时` → the seconds
 * left; `已超时` / `超时` → over time; anything else (`3小时`, `14:02`, `昨天`) is not a countdown: null.
 * Spaces (also full-width) and full-width digits are allowed anywhere.
 */
export function pageCountdown(text: string | null | undefined): PageCountdown | null {
  const t = compact(text ?? '');
  const m = COUNTDOWN.exec(t);
  if (m && (m[1] !== undefined || m[2] !== undefined || m[3] !== undefined)) {
    const [h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    return { remaining: (h * 60 + mi) * 60 + s };
  }
  return OVERTIME.test(t) ? { overtime: true } : null;
}

/**
 * How long the buyer has waited by the page's clock: `180 − remaining` (never below 0: a deadline longer
 * than 3 minutes reads as "just now"); over time → at least 180 (the page does not say by how much).
 */
export function countdownWaiting(c: PageCountdown): number {
  return 'overtime' in c ? COUNTDOWN_SECONDS : Math.max(0, COUNTDOWN_SECONDS - c.remaining);
}

/** The count of a group title, `(4)` or `（4）` (full-width digits too); null when it shows none. */
export function parseGroupCount(text: string | null | undefined): number | null {
  const m = /[(（](\d+)[)）]/.exec(compact(text ?? ''));
  return m ? Number(m[1]) : null;
}

/** A group title's name without its count: `已超时 (2)` → `已超时`. */
export const groupNameOf = (text: string | null | undefined): string =>
  (text ?? '').replace(/[(（]\s*[\d０-９]+\s*[)）]/g, '').replace(/\s+/g, ' ').trim();

/** The nickname without the `下单数(N)` a card may add (§3 [C]): `演示用户丁下单数(2)` → `演示用户丁`. */
export const stripOrderCount = (text: string): string =>
  text.replace(/\s*下单数\s*[(（]?\s*[\d０-９]+\s*[)）]?\s*$/, '').replace(/\s+/g, ' ').trim();

/** A nickname that is all digits: the numeric id a card shows before the name renders (§3 [S]). */
export const isNumericName = (name: string | null | undefined): boolean => !!name && /^\d+$/.test(name);

/**
 * The platform's own accounts, never buyers (§3 [S preload]: 「官方极致保障」 and the like): a name that
 * starts with 官方 (optionally after 快手 / 快手小店 / 快手电商), or ends with 官方客服 / 官方助手 / 官方通知 /
 * 官方服务 / 官方保障 [G: only 官方极致保障 is in a source].
 */
export const isOfficialAccount = (name: string): boolean =>
  /^(?:快手(?:小店|电商)?)?官方/.test(name) || /官方(?:极致保障|保障|客服|助手|通知|服务)$/.test(name);

/** A sender line read: the nickname (null when the line shows none) and the time (null when none). */
export interface SenderLine {
  nickname: string | null;
  ms: number | null;
  /** Two splits stood (a nickname ending in digits before a month 1 or 2): the time decided. */
  ambiguous?: true;
}

/** The day and clock at the end of a sender line; the month is the digits before its `-`. */
const LINE_TAIL = /-(\d{1,2})\s*(\d{1,2}):(\d{2}):(\d{2})$/;

/** `M-D HH:MM:SS` (the whole text) as epoch ms, its year inferred (see parseMessageTime); else null. */
function monthDayTime(text: string, now: number): number | null {
  const m = /^(\d{1,2})-(\d{1,2})\s*(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  return m ? parseMessageTime(`${m[1]}-${m[2]} ${m[3]}:${m[4]}:${m[5]}`, now) : null;
}

/**
 * `<nickname>M-D HH:MM:SS` with no separator (§5 [C]: `测试顾客2-22 18:55:20`, `8-19 11:01:08`), the
 * year not shown (the date's latest year not still to come, China time). A nickname ending in digits
 * makes the split ambiguous, so:
 * 1. a `known` nickname (the open buyer's, the robot names, names read before) the line starts with,
 *    longest first, is stripped first when a time follows it;
 * 2. otherwise the month is the one or two digits before the `-`; a month outside 1–12 (or a date that
 *    does not exist) is rejected;
 * 3. when both readings stand (`客服12-20 …`: 客服 in December or 客服1 in February), the more recent
 *    time wins, and on a tie (`…05-20`) the one-digit month (the page does not pad months).
 * A line without a time tail is all nickname; null for an empty line or one whose tail is no date.
 */
export function parseSenderLine(text: string | null | undefined, known: readonly string[], now: number): SenderLine | null {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return null;
  for (const k of [...new Set(known.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length)) {
    if (!t.startsWith(k)) continue;
    const ms = monthDayTime(t.slice(k.length), now);
    if (ms !== null) return { nickname: k, ms };
  }
  const m = LINE_TAIL.exec(t);
  if (!m) return { nickname: t, ms: null };
  const head = t.slice(0, m.index);
  const readings: { nickname: string | null; ms: number }[] = [];
  for (const len of [1, 2]) {
    const month = head.slice(-len);
    if (head.length < len || !/^\d+$/.test(month)) continue;
    const ms = parseMessageTime(`${month}-${m[1]} ${m[2]}:${m[3]}:${m[4]}`, now);
    if (ms !== null) readings.push({ nickname: head.slice(0, -len).trim() || null, ms });
  }
  if (readings.length === 0) return null;
  if (readings.length === 1) return readings[0]!;
  // The latest reading; on equal times the one-digit month, pushed first.
  return { ...readings.reduce((best, r) => (r.ms > best.ms ? r : best)), ambiguous: true };
}

/** Our-side marketing cards, automated (§5 [S preload]). */
export const MARKETING_MARKERS = ['立省', '券后价', '支持新人特权'] as const;
/** Card titles of items that are nobody's message (§5 [S preload]). */
export const IGNORED_CARD_TITLES = [
  '发货验收提醒',
  '催付卡片',
  '寄回商品提醒',
  '快手官方保障',
  '评价邀请',
  '订单卡片',
  '核单卡片',
  '猜你想问',
  '会话关闭',
  '核对订单提醒',
] as const;

/**
 * The platform's notices wherever they stand (§5 [S dxl]): the close notices 「客服超时未回复，会话关闭」 /
 * 「买家超时未回复，会话关闭」 and a text starting 「【防诈贴士】」. Whole phrases only: a buyer may well type
 * 会话关闭.
 */
export const isSystemNotice = (text: string): boolean => /(?:客服|买家)超时未回复[，,]\s*会话关闭/.test(text) || text.startsWith('【防诈贴士】');
/** The workbench's assistant prompts (§5 [S mixed]). */
export const isAssistantPrompt = (text: string): boolean => text.includes('智能快捷回复助手') || /常见问题回答[\s\S]*立即配置/.test(text);
/** The lead card's text (§5 [S]). */
export const isLeadText = (text: string): boolean => /^当前用户来自/.test(text);
