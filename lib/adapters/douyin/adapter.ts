/**
 * Douyin Feige (抖店飞鸽) workspace adapter: reads the structure described in ./DOM.md through the
 * selector lists in ./selectors.ts. Reads only, except the composer write, and never sends.
 *
 * The list rows carry no buyer id: a row is keyed provisionally from its nickname and avatar (`~<nick>`,
 * `~<nick>@<avatar hash>`, `~<nick>#<n>`; DOM.md, "Buyer key") until the conversation is opened and the
 * composer's `inputArea_<uid>` class shows the id. The keys handed out and their uid bindings are kept
 * per document (a WeakMap, nothing global; the key rules are shared: ../provisional.ts).
 */
import { CHINA_OFFSET_MS, chinaWallClockToEpoch, toChinaIso } from '../../time/china';
import { composerFor } from '../composer';
import { ABSOLUTE_ROW_TIME } from '../message-time';
import {
  bodyText,
  closestAny,
  imagesAround,
  matchesAny,
  noMatch,
  pageUrl,
  queryAllFirst,
  queryFirst,
  rowsByBuyer,
  textOf,
  textWithout,
  type SelectorList,
} from '../dom';
import { sendKeyFromText } from '../send-key';
import {
  imgAvatar,
  openBuyerWithoutId,
  openRowAmong,
  perDocument,
  ProvisionalKeys,
  type Keyed,
} from '../provisional';
import type {
  AdapterHealth,
  Composer,
  ConversationRow,
  ImagePreview,
  OpenConversation,
  PageMessage,
  PlatformAdapter,
  Sender,
} from '../types';
import { douyinRequired, douyinRequiredWhenOpen, douyinSelectors as S } from './selectors';

export interface DouyinAdapterOptions {
  /** "Today" for the page's time texts (`14:02:11`, `昨天 …`, `6月14日…`); tests fix it. */
  now?: () => number;
}

/** The workspace page of the app; the login and history pages live beside it under /pc_seller_v2/. */
export const WORKSPACE_PATH = '/pc_seller_v2/main/workspace';

/** List rows that are not buyers: the platform's own pseudo-conversations. */
const SYSTEM_ROW_NAMES = new Set(['智能客服', '系统通知']);
/** Message ids of system items (AI placeholders, closures, transfers, greetings, assignment notices). */
const SYSTEM_MESSAGE_ID = /^(?:llm_process_|cs_close_conversation|transfer_staff_)|_Welcome_|_CsAssign_/;
/** Card messages: `…_template` ids. */
const CARD_MESSAGE_ID = /_template$/;
const INPUT_AREA_UID = /^inputArea_(\d+)$/;

// Markers of messages on our side that no human typed (platform bot, store bot, shop-configured).
const BOT_LABEL = '智能客服';
const BOT_FOOTERS = ['抖音电商智能客服发送', '商家配置发送', '此消息由机器人自动回复'];
/** The store bot's marker may sit inside the bubble text: it is cut from the text when it does. */
const STORE_BOT_MARKER = '此消息由机器人自动回复';

const DAY_MS = 86_400_000;
/** A bare `HH:MM:SS` this far in the future was labelled before midnight: it is yesterday's. */
const FUTURE_SLACK_MS = 5 * 60_000;
/** Node.DOCUMENT_POSITION_FOLLOWING (a plain number: no DOM globals outside the page's realm). */
const FOLLOWING = 4;

// ---------------------------------------------------------------------------------------------------
// Page time texts

/**
 * A time text of the thread: `14:02:11` (today), `昨天 12:29:13`, `前天 …`, `6月14日16:21:05`,
 * `2025年6月14日 16:21:05`, `2025-06-14 16:21:05`; without seconds (`昨天 12:29`, `6月14日16:21`,
 * `14:23`) it is a date separator.
 */
const PAGE_TIME =
  /^(?:(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-/](\d{1,2})[-/](\d{1,2})|(昨天|前天))?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export interface PageTime {
  /** Date as shown: none (today), days back (昨天 1, 前天 2), month-day (year from today), or full. */
  date:
    | { kind: 'today' }
    | { kind: 'back'; days: number }
    | { kind: 'md'; month: number; day: number }
    | { kind: 'ymd'; year: number; month: number; day: number };
  hour: number;
  minute: number;
  /** Null on a date separator (minute precision). */
  second: number | null;
}

/** Parse one of the thread's time texts; null when the text is not one. */
export function parsePageTime(text: string): PageTime | null {
  const m = PAGE_TIME.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const [, cnYear, cnMonth, cnDay, isoYear, isoMonth, isoDay, relDay, h, mi, s] = m;
  const date: PageTime['date'] =
    isoYear !== undefined
      ? { kind: 'ymd', year: Number(isoYear), month: Number(isoMonth), day: Number(isoDay) }
      : cnMonth !== undefined
        ? cnYear !== undefined
          ? { kind: 'ymd', year: Number(cnYear), month: Number(cnMonth), day: Number(cnDay) }
          : { kind: 'md', month: Number(cnMonth), day: Number(cnDay) }
        : relDay !== undefined
          ? { kind: 'back', days: relDay === '昨天' ? 1 : 2 }
          : { kind: 'today' };
  return { date, hour: Number(h), minute: Number(mi), second: s === undefined ? null : Number(s) };
}

/** China calendar date of an instant. */
function chinaYmd(ms: number): { year: number; month: number; day: number } {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Epoch ms of a page time, relative to `now`: no date = today (yesterday when that would be more than a
 * few minutes ahead: the label was rendered before midnight), 昨天 / 前天 = one / two days back, `M月D日`
 * in today's year unless that date is still to come (then last year). Null for impossible dates.
 */
export function resolvePageTime(t: PageTime, now: number): number | null {
  const today = chinaYmd(now);
  const at = (y: number, mo: number, d: number) => chinaWallClockToEpoch(y, mo, d, t.hour, t.minute, t.second ?? 0);
  switch (t.date.kind) {
    case 'ymd':
      return at(t.date.year, t.date.month, t.date.day);
    case 'md': {
      const { month, day } = t.date;
      const ahead = month > today.month || (month === today.month && day > today.day);
      return at(ahead ? today.year - 1 : today.year, month, day);
    }
    case 'back': {
      const ms = at(today.year, today.month, today.day);
      return ms === null ? null : ms - t.date.days * DAY_MS; // China has no DST: a day is 24 h
    }
    case 'today': {
      const ms = at(today.year, today.month, today.day);
      return ms !== null && ms > now + FUTURE_SLACK_MS ? ms - DAY_MS : ms;
    }
  }
}

// 45秒 / 2分钟 / 2分 / 1小时5分钟 / 已等待35秒: digits and a unit, possibly repeated, largest unit first.
const ROW_WAITING = /^(?:已?等待)?\s*(?:(\d+)\s*天)?\s*(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*(?:分钟|分))?\s*(?:(\d+)\s*秒)?$/;

/** The row timer as seconds when it is a relative waiting time (`45秒`, `2分钟`, `1小时5分钟`), else null. */
export function parseRowWaiting(text: string): number | null {
  const m = ROW_WAITING.exec(text.trim());
  if (!m || m.slice(1).every((v) => v === undefined)) return null;
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/** Relative-looking texts that are not a plain waiting time (`2分31秒后超时`, `3天前`): neither time nor timer. */
const RELATIVE_LIKE = /\d\s*(?:秒|分钟|分|小时|天)/;

// ---------------------------------------------------------------------------------------------------
// Small DOM helpers

/** Text of an element without its descendants' text (`09:00:20 <span>已读</span>` → `09:00:20`). */
function ownText(el: Element): string {
  let s = '';
  for (const n of Array.from(el.childNodes)) if (n.nodeType === 3) s += n.textContent ?? '';
  return s.replace(/\s+/g, ' ').trim();
}

/** First non-empty text node under el that is not one of `except` (the header's 添加备注). */
function firstLeafText(el: Element, except: readonly string[]): string | null {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent?.trim();
    if (t && !except.includes(t)) return t;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Which page this is

/** The path of the page (its saved copy's address, else the location; null where there is none). */
const pagePath = (doc: Document): string | null => pageUrl(doc)?.pathname ?? null;

const onWorkspacePath = (path: string | null): boolean =>
  path === null || path === WORKSPACE_PATH || path.startsWith(`${WORKSPACE_PATH}/`);

/** The adapter reads nothing on the app's other pages (login, history) nor on other sites. */
const readable = (doc: Document): boolean => onWorkspacePath(pagePath(doc));

// ---------------------------------------------------------------------------------------------------
// Conversation list

type SubList = 'current' | 'recent' | 'systemConv' | null;
type GroupKind = 'waiting' | 'overtime' | 'other' | null;

interface ListRow {
  row: HTMLElement;
  nickname: string;
  /** The element carrying the nickname's title (the name line), for the chip slot. */
  nameLine: Element;
  sub: SubList;
  /** The avatar's identity (avatarIdentity of its src); null without an avatar or a src. */
  avatar: string | null;
}

/** Is this tab shown? aria-selected on its [role=tab], else the auxo active class; null when unknown. */
function tabShown(doc: Document, list: SelectorList): boolean | null {
  const node = queryFirst(doc, list)?.node;
  if (!node) return null;
  const tab = node.closest('[role=tab]') ?? node;
  const aria = tab.getAttribute('aria-selected');
  if (aria === 'true' || aria === 'false') return aria === 'true';
  return node.closest('.auxo-tabs-tab-active') ? true : null;
}

const SUB_LISTS: readonly string[] = ['current', 'recent', 'systemConv'];
const subListSuffix = (el: Element | null | undefined): SubList => {
  const suffix = el?.getAttribute('data-btm-id')?.trim().split('.').pop() ?? '';
  return SUB_LISTS.includes(suffix) ? (suffix as SubList) : null;
};

/**
 * `data-btm-id="a9034.b39122.c2622.{current|recent|systemConv}"` on the row (or, should it move, on
 * its wrapper or inside it), else the box the row sits in.
 */
function subListOf(row: Element): SubList {
  const carriers = [row, row.parentElement, ...Array.from(row.querySelectorAll('[data-btm-id]'))];
  const suffix = carriers.map(subListSuffix).find((s) => s !== null);
  if (suffix) return suffix;
  if (row.closest('.pigeonChatNotScrollBox')) return 'current';
  if (row.closest('.pigeonChatScrollBox')) return 'recent';
  return null;
}

function nicknameOf(row: Element): { nickname: string; nameLine: Element } | null {
  const hit = queryFirst(row, S.rowNickname);
  if (!hit) return null;
  const node = hit.node;
  const nameLine = node.hasAttribute('title') ? node : (node.parentElement?.closest('[title]') ?? node);
  // The qa-id span holds just the name; a name line's title is the name (its text also has the timer).
  const nickname =
    (hit.selector === S.rowNickname[0] ? textOf(node) : null) ??
    (node.getAttribute('title')?.trim() || null) ??
    textOf(node.querySelector('[class*="NameContent"]')) ??
    textOf(node);
  return nickname ? { nickname, nameLine: row.contains(nameLine) ? nameLine : node } : null;
}

/**
 * The rows the adapter lists: 当前会话 when its rows are in the DOM (a hidden 最近联系 pane is not read:
 * its copies of the same buyers would look like duplicate nicknames), otherwise whatever list is shown
 * (最近联系, or the 2026-09 frame where every row is `.recent`). System pseudo-rows are skipped, and so
 * are rows without a readable nickname (nothing to key them by).
 */
function listRows(doc: Document): ListRow[] {
  const rows = queryAllFirst<HTMLElement>(doc, S.listRow).nodes.flatMap((row): ListRow[] => {
    const sub = subListOf(row);
    const name = nicknameOf(row);
    if (!name || sub === 'systemConv' || SYSTEM_ROW_NAMES.has(name.nickname)) return [];
    return [{ row, sub, ...name, avatar: imgAvatar(queryFirst(row, S.rowAvatar)?.node) }];
  });
  return rows.some((r) => r.sub === 'current') ? rows.filter((r) => r.sub !== 'recent') : rows;
}

/**
 * The group a row is listed under: the nearest group header before it in document order, inside the
 * same list box. The virtual list may have scrolled a header out of the DOM: its rows then read as
 * ungrouped (needReply and the sub-list still mark them).
 */
function groupOf(row: Element, headers: readonly Element[]): GroupKind {
  const box = row.parentElement ? closestAny(row.parentElement, S.listRoot) : null;
  let last: Element | null = null;
  for (const h of headers) {
    if (box && !box.contains(h)) continue;
    if (h.compareDocumentPosition(row) & FOLLOWING) last = h;
  }
  if (!last) return null;
  if (matchesAny(last, S.groupOvertime)) return 'overtime';
  if (matchesAny(last, S.groupWaiting)) return 'waiting';
  return 'other';
}

/** The row's time or timer text: the timer hooks, else a leaf whose whole text reads as one. */
function rowTimeText(row: Element, nickname: string): string | null {
  const hooked = textOf(queryFirst(row, S.rowTimer)?.node);
  if (hooked) return hooked;
  const skip = [S.rowPreview, S.rowLabel, S.rowUnread].flatMap((list) => queryAllFirst(row, list).nodes);
  for (const el of Array.from(row.querySelectorAll('*'))) {
    if (el.children.length || skip.some((s) => s.contains(el))) continue;
    const t = textOf(el);
    if (t && t !== nickname && (parseRowWaiting(t) !== null || ABSOLUTE_ROW_TIME.test(t))) return t;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Open conversation

/** `发送给 <nick>，使用Enter 发送消息` → `<nick>`. */
function placeholderName(field: Element | null | undefined): string | null {
  const m = /发送给\s*(.+?)\s*[，,]/.exec(field?.getAttribute('placeholder') ?? '');
  return m?.[1] ?? null;
}

function composerField(doc: Document): HTMLTextAreaElement | null {
  const field = queryFirst<HTMLTextAreaElement>(doc, S.composer)?.node;
  return field && field.tagName === 'TEXTAREA' ? field : null;
}

/** The open buyer's name: header hooks in order, then the composer placeholder. */
function headerName(doc: Document): string | null {
  for (const selector of S.headerName) {
    const node = queryFirst(doc, [selector])?.node;
    // The first text, not the element's whole text: tags or icons beside the name must not join it.
    const name = node ? firstLeafText(node, ['添加备注']) : null;
    if (name) return name;
  }
  return placeholderName(composerField(doc));
}

/** The open buyer's avatar identity, from the header; null when it shows none. */
const headerAvatar = (doc: Document): string | null => imgAvatar(queryFirst(doc, S.headerAvatar)?.node);

/** The open buyer's uid: the `inputArea_<digits>` class of the composer (or of any element). */
function openUid(doc: Document): string | null {
  const field = composerField(doc);
  const candidates = [...(field ? [field] : []), ...Array.from(doc.querySelectorAll('[class*="inputArea_"]'))];
  for (const el of candidates) {
    for (const token of Array.from(el.classList)) {
      const m = INPUT_AREA_UID.exec(token);
      if (m) return m[1]!;
    }
  }
  return null;
}

/** Two spellings of one name, allowing for an ellipsis where the page shortened one. */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const cut = (s: string) => (/(?:…|\.\.\.)$/.test(s) ? s.replace(/(?:…|\.\.\.)$/, '') : null);
  const ca = cut(a);
  const cb = cut(b);
  return (ca !== null && ca.length > 0 && b.startsWith(ca)) || (cb !== null && cb.length > 0 && a.startsWith(cb));
}

// ---------------------------------------------------------------------------------------------------
// Messages

type Side = 'buyer' | 'ours';

/** Which side a message stands on: bubble class, inline flex-direction, then the avatar's host. */
function sideOf(item: Element): Side | null {
  if (queryFirst(item, S.bubbleBuyer)) return 'buyer';
  if (queryFirst(item, S.bubbleOurs)) return 'ours';
  for (const el of queryAllFirst(item, S.bubbleRow).nodes) {
    const m = /flex-direction\s*:\s*(row-reverse|row)\b/.exec(el.getAttribute('style') ?? '');
    if (m) return m[1] === 'row' ? 'buyer' : 'ours';
  }
  for (const img of queryAllFirst(item, S.avatar).nodes) {
    const src = img.getAttribute('src') ?? '';
    if (/douyinpic\.com/.test(src)) return 'buyer';
    if (/pigeon-sign|ecombdimg/.test(src)) return 'ours';
  }
  return null;
}

interface TimeText {
  el: Element;
  time: PageTime;
}

/**
 * The time texts of one message (its own `HH:MM:SS` and any date separator), outside the text body: an
 * element whose whole text is a time (`<div>昨天 <span>12:29:13</span></div>` reads as one), or whose own
 * text is (`<div>09:00:20 <span>已读</span></div>`). Legacy time hooks first.
 */
function timeTexts(item: Element, body: Element | null): TimeText[] {
  const out: TimeText[] = [];
  const taken: Element[] = [];
  // A card's own dates (an order's 下单时间) are not the message's.
  const cards = queryAllFirst(item, S.card).nodes;
  const consider = (el: Element) => {
    if ((body && (body.contains(el) || el.contains(body))) || taken.some((t) => t.contains(el))) return;
    if (cards.some((c) => c.contains(el))) return;
    const whole = parsePageTime(el.textContent ?? '');
    const time = whole ?? parsePageTime(ownText(el));
    if (time) {
      out.push({ el, time });
      taken.push(el);
    }
  };
  queryAllFirst(item, S.messageTime).nodes.forEach(consider);
  Array.from(item.querySelectorAll('*')).forEach(consider);
  return out;
}

interface Separator {
  ms: number;
  time: PageTime;
}

/**
 * A message's own time, read with the date separator before it: a bare `HH:MM:SS` after a dated
 * separator (`6月14日16:21`) and not earlier than it is taken on the separator's day; otherwise today.
 */
function ownTime(time: PageTime, sep: Separator | null, now: number): number | null {
  if (time.date.kind === 'today' && sep && sep.time.date.kind !== 'today') {
    const day = chinaYmd(sep.ms);
    const ms = chinaWallClockToEpoch(day.year, day.month, day.day, time.hour, time.minute, time.second ?? 0);
    if (ms !== null && ms >= sep.ms && ms <= now + FUTURE_SLACK_MS) return ms;
  }
  return resolvePageTime(time, now);
}

/** Our-side message that no human typed: the bot label line, a bot / auto footer, the store bot marker. */
function isAutomatic(item: Element, body: Element | null, skip: readonly Element[]): boolean {
  const outside = textWithout(item, body ? [...skip, body] : skip);
  if (BOT_FOOTERS.some((f) => outside.includes(f))) return true;
  if (body && bodyText(body).includes(STORE_BOT_MARKER)) return true;
  return Array.from(item.querySelectorAll('*')).some(
    (el) => !(body && body.contains(el)) && textOf(el) === BOT_LABEL,
  );
}

function messageId(item: Element): string | null {
  const inner = queryFirst(item, S.messageCard)?.node.getAttribute('data-id')?.trim();
  if (inner) return inner;
  return item.getAttribute('data-qa-message-id')?.trim() || null;
}

// ---------------------------------------------------------------------------------------------------
// The adapter

interface DocState {
  /** The provisional keys handed out on this document and the uids bound to them. */
  keys: ProvisionalKeys;
  /**
   * The conversation open at the last read with a uid, the provisional key it replaced (null when
   * nothing was carried over) and the key of its row (null while that row could not be told).
   */
  open: { uid: string; nickname: string; provisional: string | null; key: string | null } | null;
}

type KeyedRow = Keyed<ListRow>;

export function createDouyinAdapter(options: DouyinAdapterOptions = {}): PlatformAdapter {
  const now = options.now ?? Date.now;
  const stateOf = perDocument<DocState>(() => ({ keys: new ProvisionalKeys(), open: null }));

  /** Rows with their keys: the uid bound to the row's provisional key, else that key. */
  const keyedRows = (doc: Document): KeyedRow[] => stateOf(doc).keys.keyed(listRows(doc));

  /** Among same-nickname rows, the one whose avatar is the header's (null when none or several are). */
  const byHeaderAvatar = (doc: Document) => (several: readonly KeyedRow[]): KeyedRow | null => {
    const avatar = headerAvatar(doc);
    const hits = avatar === null ? [] : several.filter((r) => r.avatar === avatar);
    return hits.length === 1 ? hits[0]! : null;
  };

  /**
   * The row of the open conversation, named `nickname`: the one row carrying that name; among several,
   * the one whose avatar is the header's; with none in the DOM (the virtual list dropped it), the
   * nickname's only key handed out so far (`row` null). Null when it cannot be told: several rows or
   * keys, none of them (or more than one) with the header's avatar.
   */
  const openRowOf = (doc: Document, rows: readonly KeyedRow[], nickname: string) =>
    openRowAmong(rows, nickname, stateOf(doc).keys, byHeaderAvatar(doc));

  /**
   * Name and uid of the open conversation. The uid is a class of the composer and the placeholder names
   * the buyer on the same element, so when both are there they are taken as the pair: the header may be
   * a render ahead or behind while the pane switches (or show a remark name), and pairing its name with
   * the composer's uid would bind a nickname to another buyer. The header name stands in where the
   * placeholder names nobody, and replaces a placeholder name the page shortened with an ellipsis.
   */
  const openIdentity = (doc: Document): { nickname: string | null; uid: string | null } => {
    const header = headerName(doc);
    const uid = openUid(doc);
    const named = placeholderName(composerField(doc));
    if (uid && named) return { nickname: header && sameName(named, header) ? header : named, uid };
    return { nickname: header, uid };
  };

  const adapter: PlatformAdapter = {
    platform: 'douyin',

    health(doc): AdapterHealth {
      const path = pagePath(doc);
      if (!onWorkspacePath(path)) {
        return { healthy: false, recognised: false, problems: [`page: not the Feige workspace (the page is ${path})`] };
      }
      const problems: string[] = [];
      const check = (required: readonly (readonly (keyof typeof S)[])[]) => {
        for (const alternatives of required) {
          if (!alternatives.some((name) => queryFirst(doc, S[name]))) {
            problems.push(...alternatives.map((name) => noMatch(name, S[name])));
          }
        }
      };
      const hooks = ['page', 'listRoot', 'listRow', 'currentTab', 'messageItem', 'composer', 'headerName'] as const;
      if (!hooks.some((name) => queryFirst(doc, S[name]))) {
        check(douyinRequired);
        problems.unshift('page: not the Feige workspace (no Feige app root, conversation list, thread or composer)');
        return { healthy: false, recognised: false, problems };
      }
      check(douyinRequired);
      const { nickname, uid } = openIdentity(doc);
      if (nickname !== null || uid !== null) check(douyinRequiredWhenOpen);
      return { healthy: problems.length === 0, recognised: true, problems };
    },

    // No DOM source of the shop name is known (the page gets it from its own API): the overlay asks.
    shop: () => null,

    conversations(doc) {
      if (!readable(doc)) return [];
      const rows = keyedRows(doc);
      // The agent is looking at 最近联系 and the 当前会话 pane is not in the DOM: those rows say nothing
      // of who is waiting, and listing them without a timer would read as "answered elsewhere".
      if (tabShown(doc, S.recentTab) === true && !rows.some((r) => r.sub === 'current')) return [];
      const headers = queryAllFirst(doc, S.groupHeader).nodes;
      // The 2026-09 rebuilt frame: one list, no groups, no 当前会话 box; every row there is a current one.
      const rebuilt =
        !queryFirst(doc, S.currentBox) &&
        headers.length === 0 &&
        tabShown(doc, S.recentTab) !== true &&
        !rows.some((r) => r.sub === 'current');
      // Row "selected" classes are unreliable: the open conversation is the open row (openRowOf) of the
      // header's name when a row carries it, else of the composer's.
      const openName = [headerName(doc), openIdentity(doc).nickname].find(
        (name) => name !== null && rows.some((r) => r.nickname === name),
      );
      const activeRow = openName == null ? null : (openRowOf(doc, rows, openName)?.row ?? null);
      return rows.map(({ row, nickname, sub, buyer, provisional }): ConversationRow => {
        const group = groupOf(row, headers);
        const inCurrent =
          sub === 'current' || group === 'waiting' || group === 'overtime' || matchesAny(row, S.rowNeedReply) || rebuilt;
        const text = rowTimeText(row, nickname);
        const seconds = text === null ? null : parseRowWaiting(text);
        const absolute = text !== null && seconds === null && !RELATIVE_LIKE.test(text) && /\d|昨天|前天|星期|周/.test(text);
        const preview = queryFirst(row, S.rowPreview)?.node;
        return {
          buyer,
          provisional,
          nickname,
          preview: textOf(preview?.closest('[class*="msgContent"]') ?? preview) ?? null,
          // A running timer is not a time: it changes every second and would not survive a reload.
          time: absolute ? text : null,
          waiting: inCurrent && seconds !== null ? seconds : null,
          // Under 已超时待回复, unless the row shows a settled time (then nobody is waiting on it).
          overtime: inCurrent && group === 'overtime' && !absolute,
          active: activeRow !== null && activeRow.row === row,
        };
      });
    },

    openConversation(doc): OpenConversation | null {
      if (!readable(doc)) return null;
      const state = stateOf(doc);
      const { nickname, uid } = openIdentity(doc);
      if (nickname === null && uid === null) {
        state.open = null;
        return null;
      }
      if (uid === null) {
        // The id is not shown yet (or the pane is mid-switch): the open row's own key (the key a first
        // row of the name would get when the name was never listed), null when the row cannot be told.
        // A read without the uid does not end the conversation seen before.
        if (state.open?.nickname !== nickname) state.open = null;
        const buyer = openBuyerWithoutId(keyedRows(doc), nickname!, state.keys, byHeaderAvatar(doc));
        return { buyer, nickname, provisional: null };
      }
      if (nickname === null) {
        state.open = null;
        return { buyer: uid, nickname: null, provisional: null };
      }
      const same = state.open?.uid === uid && state.open.nickname === nickname ? state.open : null;
      // Still the same conversation, its row known: the key it replaced stays reported while it is open.
      if (same && same.key !== null) return { buyer: uid, nickname, provisional: same.provisional };
      const hit = openRowOf(doc, keyedRows(doc), nickname);
      // A key bound before to another uid (the page reused the nickname) takes this one, carrying nothing.
      const provisional = hit ? state.keys.bind(hit.key, uid) : null;
      state.open = { uid, nickname, provisional, key: hit?.key ?? null };
      return { buyer: uid, nickname, provisional };
    },

    messages(doc) {
      if (!readable(doc)) return [];
      const t = now();
      let sep: Separator | null = null;
      let timedSinceSep = false;
      return queryAllFirst(doc, S.messageItem).nodes.map((item): PageMessage => {
        const id = messageId(item);
        const body = queryFirst(item, S.messageText)?.node ?? null;
        const times = timeTexts(item, body);
        const skip = [...times.map((x) => x.el), ...queryAllFirst(item, S.readMark).nodes];

        // Time: the message's own time text, else the separator of its group (the one in its wrapper,
        // or an earlier one when no message since showed a time of its own).
        let sepHere = false;
        const separator = times.find((x) => x.time.second === null);
        if (separator) {
          const ms = resolvePageTime(separator.time, t);
          if (ms !== null) {
            sep = { ms, time: separator.time };
            timedSinceSep = false;
            sepHere = true;
          }
        }
        const own = times.find((x) => x.time.second !== null);
        let ms: number | null = null;
        if (own) {
          ms = ownTime(own.time, sep, t);
          timedSinceSep = true;
        } else if (sep && (sepHere || !timedSinceSep)) {
          ms = sep.ms;
        }
        const ts = ms === null ? null : toChinaIso(ms);

        const side = sideOf(item);
        const isCard = !!queryFirst(item, S.card) || (id !== null && CARD_MESSAGE_ID.test(id));
        let sender: Sender;
        if ((id !== null && SYSTEM_MESSAGE_ID.test(id)) || side === null) sender = 'system';
        else if (side === 'buyer') sender = 'buyer';
        else sender = isAutomatic(item, body, skip) ? 'robot' : 'agent';

        let text: string | null = null;
        if (isCard || (!body && queryFirst(item, S.media))) text = null;
        else if (body) text = bodyText(body).replace(STORE_BOT_MARKER, '').trim() || null;
        else if (sender === 'system') text = textWithout(item, skip) || null;
        return { id, sender, text, ts };
      });
    },

    composer(doc): Composer | null {
      if (!readable(doc)) return null;
      const field = composerField(doc);
      if (!field) return null;
      let button: HTMLElement | null = null;
      for (const selector of S.sendButton) {
        const nodes = queryAllFirst<HTMLElement>(doc, [selector]).nodes;
        // The qa-id names the send control; the looser fallbacks must also read 发送.
        button = (selector === S.sendButton[0] ? nodes[0] : nodes.find((n) => textOf(n) === '发送')) ?? null;
        if (button) break;
      }
      return composerFor(field, button);
    },

    imagePreview(doc): ImagePreview | null {
      // Images chosen with the file input (or pasted) are sent from a preview dialog with its own send
      // control; its markup beyond that control is not known, so its images are those around it.
      const submit = queryFirst<HTMLElement>(doc, S.imageSendSubmit)?.node;
      if (!submit || !submit.isConnected || submit.getClientRects().length === 0) return null;
      return { submit, images: imagesAround(submit, composerField(doc)) };
    },

    sendKey(doc) {
      // 「发送给 <nick>，使用Enter 发送消息」: the placeholder is where the page states its send key.
      if (!readable(doc)) return null;
      return sendKeyFromText(composerField(doc)?.getAttribute('placeholder'));
    },

    rowElements(doc) {
      return readable(doc) ? rowsByBuyer(keyedRows(doc)) : new Map();
    },

    chipSlot(row) {
      // The content block holding the name line and the preview, under the avatar's right.
      const name = nicknameOf(row);
      const block = name?.nameLine.parentElement;
      return block && block !== row && row.contains(block) ? (block as HTMLElement) : row;
    },

    open(doc, buyer) {
      if (!readable(doc)) return false;
      const hit = keyedRows(doc).find((r) => r.buyer === buyer);
      if (!hit) return false; // not in view: the virtual list holds only the rows on screen
      const item = hit.row.matches('[data-qa-id="qa-conversation-chat-item"]')
        ? hit.row
        : (hit.row.querySelector<HTMLElement>('[data-qa-id="qa-conversation-chat-item"]') ?? hit.row);
      item.click();
      return true;
    },
  };
  return adapter;
}

export const douyinAdapter: PlatformAdapter = createDouyinAdapter();
