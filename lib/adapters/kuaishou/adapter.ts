/**
 * Kuaishou 快手小店 快语客服 workbench adapter: reads the structure described in ./DOM.md through the
 * selector lists in ./selectors.ts. Reads only, except the composer write, and never sends.
 *
 * Cards carry no buyer id: a card is keyed provisionally from its nickname and avatar (`~<nick>`,
 * `~<nick>@<avatar hash>`, `~<nick>#<n>`: ../provisional.ts) until its conversation is open and the
 * transcript's `0_<buyerId>_…` message ids show the id, which is then bound to the key. The transcript
 * is attributed to the header's buyer only when it is theirs (the header may change first), otherwise
 * to the buyer its ids name. What was handed out and bound is kept per document (a WeakMap).
 */
import { toChinaIso } from '../../time/china';
import { composerFor } from '../composer';
import {
  bodyText,
  closestAny,
  firstOwnText,
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
import { ABSOLUTE_ROW_TIME, parseMessageTime } from '../message-time';
import { imgAvatar, openBuyerWithoutId, openRowAmong, perDocument, ProvisionalKeys, type Keyed } from '../provisional';
import { nicknameReadMethods, robotNicknames } from '../robots';
import type { AdapterHealth, Composer, ConversationRow, OpenConversation, PageMessage, PlatformAdapter, Sender } from '../types';
import { kuaishouMeta } from './meta';
import {
  COUNTDOWN_SECONDS,
  countdownWaiting,
  groupNameOf,
  IGNORED_CARD_TITLES,
  isAssistantPrompt,
  isLeadText,
  isNumericName,
  isOfficialAccount,
  isSystemNotice,
  MARKETING_MARKERS,
  pageCountdown,
  parseGroupCount,
  parseSenderLine,
  stripOrderCount,
} from './parse';
import { kuaishouSelectors as S, OVERTIME_GROUP, WAITING_GROUP, type KuaishouSelectorName } from './selectors';

export { COUNTDOWN_SECONDS, countdownWaiting, pageCountdown, parseSenderLine, type PageCountdown } from './parse';

/**
 * Nicknames of Kuaishou's own auto-replies. How 智能客服's replies render is not documented (§5 [G]):
 * the defaults are a guess the agent corrects in the settings, helped by `ourSideNicknames`.
 */
export const DEFAULT_KUAISHOU_ROBOT_NICKNAMES: readonly string[] = kuaishouMeta.robotNicknames;

export interface KuaishouAdapterOptions {
  /** "Now" for the sender lines' dates and the cards' clocks; tests fix it. */
  now?: () => number;
  /** Our-side nicknames that are robots, read on every call (default: configure()'s list, else the defaults). */
  robotNicknames?: () => readonly string[];
}

export const WORKBENCH_HOST = 'im.kwaixiaodian.com';
export const WORKBENCH_PATH = '/workbench';
export const LOGIN_HOST = 'login.kwaixiaodian.com';
/** The lost-login text of the workbench (§1 [C]). */
export const LOST_LOGIN = '登录信息已经失效';
/**
 * Where the main-world probe puts `window.__chat_sdk.appInfo.extraLoginInfo.shopName` (§8 [S hub]): an
 * attribute of `<html>`, read here; the adapter never reads the page's world itself.
 */
export const SHOP_ATTR = 'data-kp-shop';
const SHOP_MAX = 64;

/** Node.DOCUMENT_POSITION_FOLLOWING (a plain number: no DOM globals outside the page's realm). */
const FOLLOWING = 4;

// ---------------------------------------------------------------------------------------------------
// Which page this is

/**
 * Null when the address is the workbench's (im.kwaixiaodian.com/workbench and below) or there is none
 * (then the markup decides); else the health line saying what the page is instead.
 */
function elsewhere(doc: Document): string | null {
  const url = pageUrl(doc);
  if (!url) return null;
  const host = url.host.toLowerCase();
  if (host === LOGIN_HOST) return `page: not the Kuaishou workbench (the login page on ${host}: log in to 快手小店 again)`;
  if (host !== WORKBENCH_HOST) return `page: not the Kuaishou workbench (the page is on ${host})`;
  const path = url.pathname;
  if (path === WORKBENCH_PATH || path.startsWith(`${WORKBENCH_PATH}/`)) return null;
  return `page: not the Kuaishou workbench (the page is ${path} on ${host})`;
}

/** The chat's own parts: one of them makes the page the workbench (the app root alone is any sub-page). */
const CHAT_PARTS: readonly KuaishouSelectorName[] = ['card', 'listRoot', 'headerName', 'messageList', 'messageRow', 'messageMiddle', 'composer'];

const chatShown = (doc: Document): boolean => CHAT_PARTS.some((name) => queryFirst(doc, S[name]) !== null);

/**
 * The page says the login is lost: 「登录信息已经失效」 in a text of its own, not in a buyer's words (the
 * transcript, the list's previews, the composer) nor in a script.
 */
function loginLost(doc: Document): boolean {
  const body = doc.body;
  if (!body || !(body.textContent ?? '').includes(LOST_LOGIN)) return false;
  const theirs = [S.messageList, S.listRoot, S.card, S.composer].flatMap((list) => queryAllFirst(doc, list).nodes);
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n.textContent ?? '').includes(LOST_LOGIN)) continue;
    const parent = n.parentElement;
    if (parent && /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/i.test(parent.tagName)) continue;
    if (!theirs.some((el) => el.contains(n))) return true;
  }
  return false;
}

/** The adapter reads the workbench only: its address and one of its chat parts. */
const readable = (doc: Document): boolean => elsewhere(doc) === null && chatShown(doc);

// ---------------------------------------------------------------------------------------------------
// Conversation list

type GroupKind = 'waiting' | 'overtime' | 'other';

/** A list group as the page shows it: a collapsed one holds at most one card; its count says how many. */
export interface KuaishouGroup {
  name: string;
  kind: GroupKind;
  /** The title's `(N)`, null when it shows none. */
  count: number | null;
  /** Cards of the group in the DOM (official accounts included). */
  shown: number;
}

function groupInfo(el: Element): KuaishouGroup {
  const nameEl = queryFirst(el, S.groupName)?.node ?? null;
  const name = groupNameOf(textOf(nameEl));
  const countText = textOf(queryFirst(el, S.groupCount)?.node) ?? textOf(nameEl);
  const kind: GroupKind = WAITING_GROUP.test(name) ? 'waiting' : OVERTIME_GROUP.test(name) ? 'overtime' : 'other';
  return { name, kind, count: parseGroupCount(countText), shown: queryAllFirst(el, S.card).nodes.length };
}

/** The list's groups, in page order (diagnostics: a collapsed group's count is the only sign of its other cards). */
export function kuaishouGroups(doc: Document): KuaishouGroup[] {
  return readable(doc) ? queryAllFirst(doc, S.group).nodes.map(groupInfo) : [];
}

interface Card {
  row: HTMLElement;
  nickname: string;
  avatar: string | null;
  group: KuaishouGroup | null;
  active: boolean;
}

/** The card's nickname: its text without a `下单数(N)` suffix; null when empty. */
function cardNickname(card: Element): string | null {
  const raw = textOf(queryFirst(card, S.cardNickname)?.node);
  return raw ? stripOrderCount(raw) || null : null;
}

/** Open: `colorHighLight` on the card, inside it, or on its star card (§3 [S webview]). */
function cardActive(card: Element): boolean {
  if (queryFirst(card, S.cardActive)) return true;
  const star = card.closest('.SessionStarCard');
  return closestAny(card, S.cardActive, star ?? card) !== null;
}

/**
 * The cards of the list, in page order: official accounts and cards without a readable nickname (nothing
 * to key them by) left out.
 */
function listCards(doc: Document): Card[] {
  const groups = new Map<Element, KuaishouGroup>();
  return queryAllFirst<HTMLElement>(doc, S.card).nodes.flatMap((row): Card[] => {
    const nickname = cardNickname(row);
    if (!nickname || isOfficialAccount(nickname)) return [];
    const groupEl = closestAny(row, S.group);
    let group: KuaishouGroup | null = null;
    if (groupEl) {
      group = groups.get(groupEl) ?? groupInfo(groupEl);
      groups.set(groupEl, group);
    }
    return [{ row, nickname, avatar: imgAvatar(queryFirst(row, S.cardAvatar)?.node), group, active: cardActive(row) }];
  });
}

/**
 * The card's clock: the timer class, else (wykf) a `span` under the card's info block reading 秒 or
 * 分钟, or 超时 (ours: `已超时` reads neither), outside the nickname and the preview.
 */
function cardClock(card: Element): string | null {
  const skip = [S.cardNickname, S.cardPreview].flatMap((list) => queryAllFirst(card, list).nodes);
  for (const selector of S.cardTimer) {
    const nodes = queryAllFirst(card, [selector]).nodes;
    if (!selector.endsWith(' span')) {
      const hooked = textOf(nodes[0]);
      if (hooked) return hooked;
      continue;
    }
    for (const span of nodes) {
      if (skip.some((s) => s.contains(span) || span.contains(s))) continue;
      const t = textOf(span);
      if (t && /秒|分钟|超时/.test(t)) return t;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Open conversation

/** The buyer's nickname in the header (never the shop, §4), without a `下单数(N)` suffix. */
function headerName(doc: Document): string | null {
  for (const selector of S.headerName) {
    const node = queryFirst(doc, [selector])?.node;
    // The title line may hold tags beside the name: its first text is the name.
    const raw = node ? (selector === S.headerName[2] ? firstOwnText(node) : textOf(node)) : null;
    const name = raw ? stripOrderCount(raw) : '';
    if (name) return name;
  }
  return null;
}

const headerAvatar = (doc: Document): string | null => imgAvatar(queryFirst(doc, S.headerAvatar)?.node);

/** `0_<buyerId>_…`, also inside a longer id (`cs-common-message-list-item-0_<id>_…`): segment [1]. */
export function buyerIdOf(id: string | null | undefined): string | null {
  const m = /(?:^|[-_:])0_([^_\s]+)(?:_|$)/.exec(id ?? '');
  return m ? m[1]! : null;
}

// ---------------------------------------------------------------------------------------------------
// Messages

type Side = 'buyer' | 'ours';

interface RawMessage extends PageMessage {
  /** The side the page put it on (null: centred, or no side to be told). */
  side: Side | null;
  /** The sender line's nickname, or null. */
  nickname: string | null;
}

interface Unit {
  el: Element;
  middle: boolean;
}

/**
 * The transcript's messages in page order: the rows and the centred items together (a centred item inside
 * a row belongs to the row); where neither is found, the list items themselves.
 */
function messageUnits(root: ParentNode): Unit[] {
  const rows = queryAllFirst(root, S.messageRow).nodes;
  const middles = queryAllFirst(root, S.messageMiddle).nodes.filter((m) => !rows.some((r) => r.contains(m)));
  if (rows.length === 0 && middles.length === 0) return queryAllFirst(root, S.messageItem).nodes.map((el) => ({ el, middle: false }));
  const units = [...rows.map((el) => ({ el, middle: false })), ...middles.map((el) => ({ el, middle: true }))];
  return units.sort((a, b) => (a.el.compareDocumentPosition(b.el) & FOLLOWING ? -1 : 1));
}

const ITEM_IDS: SelectorList = ['[id^="0_"]', '[id*="cs-common-message-list-item"]'];

/** The list item a unit stands in: the nearest element with a message id, up to the list. */
const itemOf = (unit: Element, list: Element | null): Element => closestAny(unit, ITEM_IDS, list) ?? unit;

/** The message's id: its item's, else the first message id inside it. */
function messageId(unit: Element, item: Element): string | null {
  const carrier = matchesAny(item, ITEM_IDS) ? item : queryFirst(unit, ITEM_IDS)?.node;
  return carrier?.getAttribute('id')?.trim() || null;
}

/** The side modifier on the row, on an ancestor within its item, or inside it (the nearest wins). */
function sideOf(unit: Element, item: Element): Side | null {
  for (let n: Element | null = unit; n; n = n.parentElement) {
    if (matchesAny(n, S.sideNotMe)) return 'buyer';
    if (matchesAny(n, S.sideMine)) return 'ours';
    if (n === item) break;
  }
  const notMe = queryFirst(unit, S.sideNotMe)?.node;
  const mine = queryFirst(unit, S.sideMine)?.node;
  if (notMe && mine) return notMe.compareDocumentPosition(mine) & FOLLOWING ? 'buyer' : 'ours';
  return notMe ? 'buyer' : mine ? 'ours' : null;
}

interface Line {
  nickname: string | null;
  ms: number | null;
  ambiguous: boolean;
  text: string | null;
}

/**
 * Sender and time: a time node of its own first (then the line's other text is the nickname), else the
 * `<nickname>M-D HH:MM:SS` line, split with the `known` nicknames stripped first.
 */
function senderLine(unit: Element, known: readonly string[], now: number): Line {
  const lineEl = queryFirst(unit, S.senderLine)?.node ?? null;
  const timeEl = queryFirst(unit, S.messageTime)?.node ?? null;
  const timeMs = timeEl ? parseMessageTime(textOf(timeEl), now) : null;
  if (timeMs !== null) {
    return { nickname: lineEl ? textWithout(lineEl, [timeEl!]) || null : null, ms: timeMs, ambiguous: false, text: null };
  }
  const text = lineEl ? textWithout(lineEl, []) || null : null;
  const parsed = parseSenderLine(text, known, now);
  return { nickname: parsed?.nickname ?? null, ms: parsed?.ms ?? null, ambiguous: parsed?.ambiguous === true, text };
}

const has = (el: Element, list: SelectorList): boolean => queryFirst(el, list) !== null;

/** A card holding a title of the cards to ignore, or a text starting with one (a buyer may type the words). */
function ignoredCard(card: boolean, content: string): boolean {
  return IGNORED_CARD_TITLES.some((t) => (card ? content.includes(t) : content.startsWith(t) || content.startsWith(`【${t}】`)));
}

interface Context {
  /** The open buyer's nickname (header), or null. */
  buyer: string | null;
  now: number;
  isRobot: (nickname: string) => boolean;
  /** Nicknames to strip off a sender line first. */
  known: readonly string[];
  list: Element | null;
}

function readUnit(u: Unit, ctx: Context, line: Line): RawMessage {
  const { el } = u;
  const item = itemOf(el, ctx.list);
  const id = messageId(el, item);
  const ts = line.ms === null ? null : toChinaIso(line.ms);
  if (u.middle) {
    const text = textWithout(el, []);
    // A centred date or clock is a divider; cards there carry no text either.
    const divider = /^[\d\s:\-/年月日昨天前]+$/.test(text) || has(el, S.otherCard);
    return { id, sender: 'system', text: divider ? null : text || null, ts, side: null, nickname: null };
  }
  const skip = [queryFirst(el, S.senderLine)?.node, queryFirst(el, S.messageTime)?.node].filter((n): n is Element => !!n);
  const body = queryFirst(el, S.messageBody)?.node ?? null;
  const textCard = queryFirst(body ?? el, S.textCard)?.node ?? null;
  const card = has(body ?? el, S.otherCard);
  const image = has(body ?? el, S.messageImage);
  const content = body ? textWithout(body, []) : textWithout(el, skip);
  const text = textCard ? bodyText(textCard) || null : card || image ? null : content || null;

  let side = sideOf(el, item);
  if (side === null && ctx.buyer !== null && line.nickname !== null) {
    // No side modifier: dxl's rule, the sender line's name against the conversation's nickname.
    side = line.nickname === ctx.buyer ? 'buyer' : 'ours';
  }
  let sender: Sender;
  if (has(el, S.leadCard) || isLeadText(content) || isSystemNotice(content) || isAssistantPrompt(content)) sender = 'system';
  else if (has(body ?? el, S.orderCard) || ignoredCard(card, content)) sender = 'system';
  else if (side === 'buyer') sender = 'buyer'; // a notice card too (§5: preload counts it as the buyer's)
  else if (side === 'ours') {
    if (has(el, S.noticeCard)) sender = 'system';
    else if (card && MARKETING_MARKERS.some((m) => content.includes(m))) sender = 'robot';
    else sender = line.nickname !== null && ctx.isRobot(line.nickname) ? 'robot' : 'agent';
  } else sender = 'system';
  return { id, sender, text, ts, side, nickname: line.nickname };
}

function readMessages(doc: Document, ctx: Omit<Context, 'list'>): RawMessage[] {
  const list = queryFirst(doc, S.messageList)?.node ?? null;
  const units = messageUnits(list ?? doc);
  const full: Context = { ...ctx, list };
  const lines = units.map((u) => (u.middle ? null : senderLine(u.el, ctx.known, ctx.now)));
  // Names read without doubt help split the lines that had two readings (`客服12-20 …`).
  const learned = lines.flatMap((l) => (l && !l.ambiguous && l.nickname ? [l.nickname] : []));
  return units.map((u, i) => {
    let line = lines[i] ?? { nickname: null, ms: null, ambiguous: false, text: null };
    if (line.ambiguous && learned.length) {
      const again = parseSenderLine(line.text, [...ctx.known, ...learned], ctx.now);
      if (again) line = { ...line, nickname: again.nickname, ms: again.ms };
    }
    return readUnit(u, full, line);
  });
}

/**
 * The buyer id the transcript shows: segment [1] of its message ids, the buyer-side ones first (should
 * our side's ids name someone else), then all of them and the `0_` elements of the list. Ambiguous when
 * they name several.
 */
function transcriptBuyer(doc: Document, messages: readonly RawMessage[]): { id: string | null; ambiguous: boolean } {
  const ids = (ms: readonly RawMessage[]) => new Set(ms.map((m) => buyerIdOf(m.id)).filter((x): x is string => x !== null));
  let found = ids(messages.filter((m) => m.sender === 'buyer'));
  if (found.size === 0) {
    found = ids(messages);
    for (const el of queryAllFirst(doc, S.messageIds).nodes) {
      const id = buyerIdOf(el.getAttribute('id'));
      if (id) found.add(id);
    }
  }
  return found.size === 1 ? { id: [...found][0]!, ambiguous: false } : { id: null, ambiguous: found.size > 1 };
}

// ---------------------------------------------------------------------------------------------------
// The adapter

interface DocState {
  keys: ProvisionalKeys;
  /** Each card element's nickname and key at the last read: keeps a key across a numeric → name change. */
  cards: WeakMap<Element, { nickname: string; key: string }>;
  /** When each key's countdown started (now − waiting), to tell how long past 已超时 it is. */
  since: Map<string, number>;
  /** Buyer id → the nickname the header showed with it (the last real name). */
  names: Map<string, string>;
  /** The conversation attributed at the last read, the key it replaced and its card's key. */
  open: { id: string; nickname: string; provisional: string | null; key: string | null } | null;
}

type KeyedCard = Keyed<Card>;

interface Reading {
  open: OpenConversation | null;
  messages: RawMessage[];
}

export function createKuaishouAdapter(options: KuaishouAdapterOptions = {}): PlatformAdapter {
  const now = options.now ?? Date.now;
  const robots = robotNicknames(DEFAULT_KUAISHOU_ROBOT_NICKNAMES, options.robotNicknames);
  const stateOf = perDocument<DocState>(() => ({
    keys: new ProvisionalKeys(),
    cards: new WeakMap(),
    since: new Map(),
    names: new Map(),
    open: null,
  }));

  /**
   * Cards with their keys. A card keeps the key it had at the last read while its nickname is the same;
   * a card whose numeric placeholder turned into a name (and no card shows the number any more) takes
   * the placeholder's key along. Everything else is by nickname and avatar (../provisional.ts).
   */
  const keyedCards = (doc: Document): KeyedCard[] => {
    const state = stateOf(doc);
    const cards = listCards(doc);
    const names = new Set(cards.map((c) => c.nickname));
    const rows = cards.map((c) => {
      const last = state.cards.get(c.row);
      if (!last) return { ...c, prefer: null };
      if (last.nickname === c.nickname) return { ...c, prefer: last.key };
      if (isNumericName(last.nickname) && !isNumericName(c.nickname) && !names.has(last.nickname)) {
        state.keys.alias(c.nickname, c.avatar, last.key);
        return { ...c, prefer: last.key };
      }
      return { ...c, prefer: null };
    });
    const keyed = state.keys.keyed(rows);
    for (const k of keyed) state.cards.set(k.row, { nickname: k.nickname, key: k.key });
    return keyed;
  };

  /** Among same-nickname cards: the one the page marks open, else the one with the header's avatar. */
  const pickOpen = (doc: Document) => (several: readonly KeyedCard[]): KeyedCard | null => {
    const active = several.filter((c) => c.active);
    if (active.length === 1) return active[0]!;
    const avatar = headerAvatar(doc);
    const hits = avatar === null ? [] : several.filter((c) => c.avatar === avatar);
    return hits.length === 1 ? hits[0]! : null;
  };

  /** The card of the open conversation: by the header's name, else the one card still showing the id. */
  const openCard = (doc: Document, cards: readonly KeyedCard[], nickname: string, id: string) => {
    const hit = openRowAmong(cards, nickname, stateOf(doc).keys, pickOpen(doc));
    if (hit || cards.some((c) => c.nickname === nickname)) return hit;
    const placeholder = cards.filter((c) => c.nickname === id);
    return placeholder.length === 1 ? { key: placeholder[0]!.key, row: placeholder[0]! } : null;
  };

  /**
   * The open conversation and its messages, read together so they always agree. The header names the
   * open buyer, the message ids the buyer whose transcript is shown; the header may change first
   * (JD's trap), so:
   * - the transcript is the header's buyer's when a buyer-side sender line names them, or when none
   *   names anybody and its id was not seen before under another (real) name: then the id is bound to
   *   the header's card;
   * - otherwise the transcript is still the conversation its ids name (kept with its name), and nothing
   *   is bound;
   * - ids naming several buyers (mid-switch) attribute nothing: buyer null, no messages.
   * Without ids the open card's key stands in (nothing to bind); without a header, the ids alone.
   */
  const read = (doc: Document): Reading => {
    const state = stateOf(doc);
    if (!readable(doc)) {
      state.open = null;
      return { open: null, messages: [] };
    }
    const nickname = headerName(doc);
    const t = now();
    const messages = readMessages(doc, {
      buyer: nickname,
      now: t,
      isRobot: robots.matcher(),
      known: [...(nickname ? [nickname] : []), ...robots.names()],
    });
    const { id, ambiguous } = transcriptBuyer(doc, messages);
    if (ambiguous) return { open: { buyer: null, nickname, provisional: null }, messages: [] };
    if (nickname === null) {
      state.open = null;
      if (id === null) return { open: null, messages: [] };
      return { open: { buyer: id, nickname: state.names.get(id) ?? null, provisional: null }, messages };
    }
    const buyerNames = [...new Set(messages.flatMap((m) => (m.side === 'buyer' && m.nickname && !isNumericName(m.nickname) ? [m.nickname] : [])))];
    const namesOther = !isNumericName(nickname) && buyerNames.length > 0 && !buyerNames.includes(nickname);
    if (id === null) {
      if (state.open?.nickname !== nickname) state.open = null;
      if (namesOther) return { open: { buyer: null, nickname, provisional: null }, messages: [] };
      const buyer = openBuyerWithoutId(keyedCards(doc), nickname, state.keys, pickOpen(doc));
      return { open: { buyer, nickname, provisional: null }, messages };
    }
    const known = state.names.get(id);
    const seenAsOther = known !== undefined && known !== nickname && !isNumericName(known) && !isNumericName(nickname);
    if (namesOther || (buyerNames.length === 0 && seenAsOther)) {
      // The header moved on, the transcript not yet: it is still the conversation its ids name.
      const name = known ?? (buyerNames.length === 1 ? buyerNames[0]! : null);
      const provisional = state.open?.id === id ? state.open.provisional : null;
      return { open: { buyer: id, nickname: name, provisional }, messages };
    }
    if (!isNumericName(nickname) || known === undefined) state.names.set(id, nickname);
    const same = state.open?.id === id && state.open.nickname === nickname ? state.open : null;
    // Still the same conversation, its card known: the key it replaced stays reported while it is open.
    if (same && same.key !== null) return { open: { buyer: id, nickname, provisional: same.provisional }, messages };
    const hit = openCard(doc, keyedCards(doc), nickname, id);
    // Renamed while open (numeric → name): the key carried over before stays reported.
    const provisional = (hit ? state.keys.bind(hit.key, id) : null) ?? (state.open?.id === id ? state.open.provisional : null);
    state.open = { id, nickname, provisional, key: hit?.key ?? null };
    return { open: { buyer: id, nickname, provisional }, messages };
  };

  const sendButton = (doc: Document): HTMLElement | null => {
    const primary = queryFirst<HTMLElement>(doc, [S.sendButton[0]])?.node;
    if (primary) return primary;
    // antd spaces two-character labels (`发 送`): compared without spaces.
    const buttons = queryAllFirst<HTMLElement>(doc, [S.sendButton[1]]).nodes;
    return buttons.find((b) => (b.textContent ?? '').replace(/\s+/g, '').startsWith('发送')) ?? null;
  };

  const adapter: PlatformAdapter = {
    platform: 'kuaishou',

    health(doc): AdapterHealth {
      const away = elsewhere(doc);
      if (away) return { healthy: false, recognised: false, problems: [away] };
      const lost = loginLost(doc);
      if (!lost && !chatShown(doc)) {
        return {
          healthy: false,
          recognised: false,
          problems: [
            'page: not the Kuaishou workbench (no conversation list, conversation or composer)',
            ...CHAT_PARTS.map((name) => noMatch(name, S[name])),
          ],
        };
      }
      const problems: string[] = [];
      if (lost) problems.push(`login: the page says ${LOST_LOGIN} (logged out of 快手小店: log in again)`);
      const need = (...names: KuaishouSelectorName[]) => {
        if (!names.some((name) => queryFirst(doc, S[name]))) problems.push(...names.map((name) => noMatch(name, S[name])));
      };
      need('page');
      // An empty list is normal (no buyers): the list's box stands in for cards.
      need('card', 'listRoot');
      // With a conversation open (a header name) the transcript and the editor are required.
      if (headerName(doc) !== null) {
        need('messageRow', 'messageMiddle', 'messageItem', 'messageList');
        need('composer');
      }
      return { healthy: problems.length === 0, recognised: true, problems };
    },

    shop(doc) {
      // Never the header (the buyer) nor the title: only what the main-world probe copied (§8).
      if (elsewhere(doc) !== null) return null;
      const name = doc.documentElement?.getAttribute(SHOP_ATTR)?.replace(/\s+/g, ' ').trim();
      return name && Array.from(name).length <= SHOP_MAX ? name : null;
    },

    conversations(doc) {
      if (!readable(doc)) return [];
      const state = stateOf(doc);
      const t = now();
      const seen = new Set<string>();
      return keyedCards(doc).flatMap((c): ConversationRow[] => {
        const clock = cardClock(c.row);
        const countdown = pageCountdown(clock);
        let waiting: number | null = null;
        let overtime = false;
        if (countdown) {
          waiting = countdownWaiting(countdown);
          overtime = 'overtime' in countdown;
        } else if (c.group?.kind === 'waiting') {
          waiting = 0; // listed as waiting, no clock to say since when: as of this read
        } else if (c.group?.kind === 'overtime') {
          waiting = COUNTDOWN_SECONDS;
          overtime = true;
        }
        if (countdown && !overtime) state.since.set(c.key, t - waiting! * 1000);
        else if (overtime) {
          // Past 已超时 the page shows no number: since the countdown was seen to start, else at least 180 s.
          const since = state.since.get(c.key);
          if (since !== undefined) waiting = Math.max(waiting!, Math.floor((t - since) / 1000));
        } else if (waiting === null) state.since.delete(c.key);
        if (seen.has(c.buyer)) return [];
        seen.add(c.buyer);
        return [
          {
            buyer: c.buyer,
            provisional: c.provisional,
            nickname: c.nickname,
            preview: textOf(queryFirst(c.row, S.cardPreview)?.node),
            // A running countdown or `3小时` changes while it stands: only an absolute time names the message.
            time: clock !== null && countdown === null && ABSOLUTE_ROW_TIME.test(clock) ? clock : null,
            waiting,
            overtime,
            active: c.active,
          },
        ];
      });
    },

    // Our side's agent and robot messages name the nicknames (not the system items standing there).
    ...nicknameReadMethods(robots, read, (m) => m.side === 'ours' && (m.sender === 'agent' || m.sender === 'robot')),

    composer(doc): Composer | null {
      if (!readable(doc)) return null;
      const field = queryFirst<HTMLElement>(doc, S.composer)?.node;
      return field ? composerFor(field, sendButton(doc)) : null;
    },

    sendKey(doc) {
      // Enter sends, Shift+Enter does not (§7 [C]); no setting is known. A label naming Ctrl+Enter wins.
      if (!readable(doc)) return null;
      return /ctrl\s*\+\s*enter/i.test(sendButton(doc)?.textContent ?? '') ? 'ctrl+enter' : 'enter';
    },

    rowElements(doc) {
      return readable(doc) ? rowsByBuyer(keyedCards(doc)) : new Map();
    },

    chipSlot(row) {
      // The card's text column (the chip is its last line); else the line of the nickname and the clock.
      const slot = queryFirst<HTMLElement>(row, S.cardInfo)?.node ?? queryFirst<HTMLElement>(row, S.cardTopHead)?.node ?? queryFirst(row, S.cardNickname)?.node.parentElement;
      return slot && slot !== row && row.contains(slot) ? slot : row;
    },

    open(doc, buyer) {
      if (!readable(doc)) return false;
      const hit = keyedCards(doc).find((c) => c.buyer === buyer || c.key === buyer);
      if (!hit) return false; // not in the DOM (a collapsed group shows one card)
      // Never the outer element: it is an ant-dropdown-trigger whose click opens the card's menu.
      const inner = queryFirst<HTMLElement>(hit.row, S.cardInner)?.node ?? queryFirst<HTMLElement>(hit.row, S.cardNickname)?.node;
      if (!inner) return false;
      inner.click();
      return true;
    },
  };
  return adapter;
}

export const kuaishouAdapter: PlatformAdapter = createKuaishouAdapter();
