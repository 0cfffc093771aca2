/**
 * JD Dongdong (京东咚咚) workbench adapter: reads the structure described in ./DOM.md through the
 * selector lists in ./selectors.ts. Reads only, except the composer write, and never sends.
 *
 * Two things here go beyond reading one node: the list is read in the shown pane only (hidden panes
 * keep their rows), and the transcript is attributed to the open buyer only once it shows that buyer
 * (the header changes before the messages do): the last attribution is kept per document (a
 * WeakMap, nothing global).
 */
import { toChinaIso } from '../../time/china';
import { firstOwnText, matchesAny, noMatch, pageUrl, queryAllFirst, queryFirst, rowsByBuyer, textOf, textWithout } from '../dom';
import { nicknameReadMethods, robotNicknames } from '../robots';
import { sendKeyFromText } from '../send-key';
import { jdMeta } from './meta';
import type { AdapterHealth, Composer, ConversationRow, OpenConversation, PageMessage, PlatformAdapter, SendKey, Sender } from '../types';
import { pellComposer } from './editor';
import { BUYER_APP, parseGroupHeader, parseMessageTime, parseRowId } from './parse';
import { CONSULTING_GROUPS, CONSULTING_TAB, HISTORY_GROUPS, INTERNAL_GROUP, jdSelectors as S } from './selectors';

/**
 * Nicknames of JD's own auto-replies. Defaults from the platform note's guess (§6 [G]: no DOM marker
 * of a robot reply is known; a 京小智 reply most likely renders as a right-side bubble): the agent
 * corrects the list in the settings, helped by the overlay's `ourSideNicknames` diagnostics.
 */
export const DEFAULT_JD_ROBOT_NICKNAMES: readonly string[] = jdMeta.robotNicknames;

export interface JdAdapterOptions {
  /** "Today" for `HH:MM:SS` message times; tests fix it. */
  now?: () => number;
  /**
   * Right-side nicknames that are robots (read on every call, so a settings change applies at once).
   * Default: the list `configure()` was given from the settings, else DEFAULT_JD_ROBOT_NICKNAMES.
   */
  robotNicknames?: () => readonly string[];
}

export const WORKBENCH_HOST = 'dongdong.jd.com';

/** Node.DOCUMENT_POSITION_FOLLOWING (a plain number: no DOM globals outside the page's realm). */
const FOLLOWING = 4;

// ---------------------------------------------------------------------------------------------------
// Small DOM helpers

/** Shown unless it says otherwise on itself: the marker may be kept in the DOM and hidden (ours). */
function shown(el: Element): boolean {
  if (el.hasAttribute('hidden')) return false;
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return !style.includes('display:none') && !style.includes('visibility:hidden');
}

// ---------------------------------------------------------------------------------------------------
// Which page this is

/**
 * The host of the page (its saved copy's address, so `inspect` still tells a saved jdcs.jd.com page
 * apart; else the location). Null where there is no web address: the markup alone decides then.
 */
const pageHost = (doc: Document): string | null => pageUrl(doc)?.host.toLowerCase() ?? null;

const onWorkbenchHost = (host: string | null): boolean => host === null || host === WORKBENCH_HOST;

/** The workbench's host and at least one of its own parts. */
const recognised = (doc: Document): boolean => onWorkbenchHost(pageHost(doc)) && queryFirst(doc, S.page) !== null;

// ---------------------------------------------------------------------------------------------------
// Conversation list

interface ListRow {
  row: HTMLElement;
  /** The buyer key: the pin, from the row id, else from the name's title. */
  buyer: string;
  nickname: string | null;
  /** Names the open buyer may go by in the transcript: the name text, the title, the id's pin. */
  names: string[];
  /** Under 内部会话&群聊, or an id whose app is not the buyer's. */
  internal: boolean;
  active: boolean;
}

const paneOfRowShown = (doc: Document): HTMLElement | null => queryFirst<HTMLElement>(doc, S.activePane)?.node ?? null;

/** The group header a row is listed under: the nearest header before it, in the same pane. */
function groupNameOf(row: Element, headers: readonly Element[]): string | null {
  let last: Element | null = null;
  for (const h of headers) if (h.compareDocumentPosition(row) & FOLLOWING) last = h;
  return last ? parseGroupHeader(textOf(last)).name : null;
}

/** Rows of one pane, in page order, with their keys; rows with neither id nor titled name are left out. */
function rowsOfPane(pane: Element): ListRow[] {
  const headers = queryAllFirst(pane, S.groupHeader).nodes;
  return queryAllFirst<HTMLElement>(pane, S.row).nodes.flatMap((row): ListRow[] => {
    const nameEl = queryFirst(row, S.rowName)?.node ?? null;
    const nickname = textOf(nameEl);
    const title = nameEl?.getAttribute('title')?.trim() || null;
    const rawId = row.getAttribute('id')?.trim() || null;
    const id = parseRowId(rawId);
    // Without an id the name's title (the pin) keys the row; an id of another shape than a buyer's
    // `u_<pin>imcustomer<venderId>` (a group chat's, a colleague's) is no buyer.
    const buyer = id?.pin ?? (rawId === null ? title : null) ?? rawId;
    if (!buyer) return [];
    const group = groupNameOf(row, headers);
    const internal =
      (rawId !== null && (id === null || id.app !== BUYER_APP)) || (group !== null && INTERNAL_GROUP.test(group));
    const names = [...new Set([nickname, title, id?.pin ?? null].filter((n): n is string => !!n))];
    return [{ row, buyer, nickname, names, internal, active: matchesAny(row, S.rowActive) }];
  });
}

/**
 * Is the shown pane 正在咨询's? By the selected tab's title; where it has none, by the pane's group
 * headers (正在咨询 / 留言 vs 专享顾客 / 最近联系人); where neither tells, by the pane being the first.
 */
function consultingShown(doc: Document, pane: Element): boolean {
  const title = queryFirst(doc, S.activeTab)?.node.getAttribute('title')?.trim();
  if (title) return title === CONSULTING_TAB;
  const groups = queryAllFirst(pane, S.groupHeader).nodes.map((h) => parseGroupHeader(textOf(h)).name);
  if (groups.some((g) => (CONSULTING_GROUPS as readonly string[]).includes(g))) return true;
  if (groups.some((g) => (HISTORY_GROUPS as readonly string[]).includes(g))) return false;
  return queryFirst(doc, S.anyPane)?.node === pane;
}

/** Buyer rows of the shown pane (internal rows left out). */
function shownBuyerRows(doc: Document): ListRow[] {
  const pane = paneOfRowShown(doc);
  return pane ? rowsOfPane(pane).filter((r) => !r.internal) : [];
}

// ---------------------------------------------------------------------------------------------------
// Open conversation

/** The buyer name in the header: its first span, else the first text that is not its tags. */
function headerName(doc: Document): string | null {
  for (const selector of S.headerName) {
    const node = queryFirst(doc, [selector])?.node;
    if (!node) continue;
    // `[在线咨询]` and the typing indicator sit beside the name, never part of it.
    const name = firstOwnText(node, Array.from(node.querySelectorAll('.consult-type, .chatHead-entering')));
    if (name) return name;
  }
  return null;
}

interface Target {
  /** Null for an internal conversation, or one whose row cannot be told. */
  buyer: string | null;
  nickname: string | null;
  names: Set<string>;
}

/**
 * Whom the header and the list say is open: the open row of the shown pane, else an open row of any
 * pane (the agent may look at 历史咨询 while 正在咨询's conversation stays open), else the one buyer
 * whose row name or pin is the header's name (the row's open class may lag the header). A header name
 * that no such row carries leaves the buyer untold (null): never the open row of someone else. Without
 * a header name, the one open row of the shown pane. Null when neither a header name nor an open row
 * is shown.
 */
function openTarget(doc: Document): Target | null {
  const nickname = headerName(doc);
  const pane = paneOfRowShown(doc);
  const shownRows = pane ? rowsOfPane(pane) : [];
  const allRows = queryAllFirst(doc, S.anyPane).nodes.flatMap(rowsOfPane);
  const activeShown = shownRows.filter((r) => r.active);
  let row: ListRow | undefined;
  if (nickname === null) {
    row = activeShown.length === 1 ? activeShown[0] : undefined;
    if (!row) return null;
  } else {
    const named = (r: ListRow) => r.names.includes(nickname);
    row = activeShown.find(named) ?? allRows.find((r) => r.active && named(r));
    if (!row) {
      const byName = allRows.filter((r) => named(r) && !r.internal);
      if (new Set(byName.map((r) => r.buyer)).size === 1) row = byName[0];
    }
  }
  const names = new Set<string>([...(row?.names ?? []), ...(nickname ? [nickname] : [])]);
  if (!row || row.internal) return { buyer: null, nickname: nickname ?? row?.nickname ?? null, names };
  return { buyer: row.buyer, nickname: nickname ?? row.nickname, names };
}

// ---------------------------------------------------------------------------------------------------
// Messages

type Side = 'left' | 'right' | 'center' | 'system' | null;

interface RawMessage extends PageMessage {
  side: Side;
  /** The name line's name (without its time), or null. */
  nickname: string | null;
}

function directionOf(item: Element): { side: Side; node: Element | null } {
  if (queryFirst(item, S.messageSystem)) {
    const node = queryFirst(item, S.messageLeft)?.node ?? queryFirst(item, S.messageRight)?.node ?? queryFirst(item, S.messageCenter)?.node ?? null;
    return { side: 'system', node };
  }
  for (const [side, list] of [['left', S.messageLeft], ['right', S.messageRight], ['center', S.messageCenter]] as const) {
    const hit = queryFirst(item, list);
    if (hit) return { side, node: hit.node };
  }
  return { side: null, node: null };
}

function readMessages(doc: Document, now: number, isRobot: (nickname: string) => boolean): RawMessage[] {
  return queryAllFirst(doc, S.message).nodes.map((item): RawMessage => {
    const { side, node } = directionOf(item);
    const dirId = node?.getAttribute('id')?.trim() ?? '';
    const id = dirId.startsWith('s_') ? dirId : null;
    const timeEl = queryFirst(item, S.messageTime)?.node ?? null;
    const nameEl = queryFirst(item, S.messageNickname)?.node ?? null;
    const nickname = nameEl ? textWithout(nameEl, timeEl ? [timeEl] : []) || null : null;
    const ms = parseMessageTime(textOf(timeEl), now);

    let sender: Sender;
    if (side === 'left') sender = 'buyer';
    else if (side === 'right') sender = nickname !== null && isRobot(nickname) ? 'robot' : 'agent';
    else sender = 'system';

    let text: string | null;
    if (side === 'system') text = textOf(queryFirst(item, S.messageSystem)?.node);
    else if (queryFirst(item, S.messageImage) || queryFirst(item, S.messageCard)) text = null;
    else text = textOf(queryFirst(item, S.messageContent)?.node);
    return { id, sender, text, ts: ms === null ? null : toChinaIso(ms), side, nickname };
  });
}

/** What ties a transcript to its conversation across reads: the page ids, else the shown content. */
const messageKey = (m: RawMessage): string => m.id ?? `${m.sender}|${m.ts ?? ''}|${m.text ?? ''}|${m.nickname ?? ''}`;
/** System notices and dividers (`以上为历史消息`) recur in every transcript: they tie none to a conversation. */
const tyingKeys = (messages: readonly RawMessage[]): string[] => messages.filter((m) => m.sender !== 'system').map(messageKey);

interface Shown {
  buyer: string;
  nickname: string | null;
  names: Set<string>;
  keys: Set<string>;
}

interface Reading {
  open: OpenConversation | null;
  messages: RawMessage[];
}


// ---------------------------------------------------------------------------------------------------
// Send key

/** The menu's chosen option: the nearest element (up to the menu) around a mark whose text names one key. */
function sendKeyOfMenu(doc: Document): SendKey | null {
  const menu = queryFirst(doc, S.sendKeyMenu)?.node;
  if (!menu) return null;
  for (const selector of S.sendKeyChecked) {
    for (const mark of queryAllFirst(doc, [selector]).nodes) {
      for (let el: Element | null = mark; el && menu.contains(el); el = el.parentElement) {
        const text = textOf(el) ?? '';
        const keys = [/ctrl\s*\+\s*enter/i.test(text), /(^|[^+\w])enter/i.test(text.replace(/ctrl\s*\+\s*enter/gi, ''))];
        if (keys[0] && keys[1]) break; // this element holds both options: not the chosen one
        const key = sendKeyFromText(text);
        if (key) return key;
        if (el === menu) break;
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The adapter

/**
 * How long a buyer the page marks unanswered has waited at least: the marker says "unanswered", not
 * since when, and the row's time (`HH:MM`, the last message) says it to the minute. The end of that
 * minute is taken, so the wait is never overstated (by up to 59 s under it); 0 when the row shows no
 * time of today (DOM.md).
 */
export function waitedAtLeast(rowTime: string | null, now: number): number {
  if (!rowTime || !/^\d{1,2}:\d{2}$/.test(rowTime.trim())) return 0;
  const at = parseMessageTime(rowTime, now);
  const midnight = now - ((now + 8 * 3600_000) % 86_400_000); // today in China time
  if (at === null || at < midnight) return 0;
  return Math.max(0, Math.floor((now - (at + 60_000)) / 1000));
}

export function createJdAdapter(options: JdAdapterOptions = {}): PlatformAdapter {
  const now = options.now ?? Date.now;
  const robots = robotNicknames(DEFAULT_JD_ROBOT_NICKNAMES, options.robotNicknames);
  /** Per document: the conversation whose transcript was last attributed. */
  const states = new WeakMap<Document, { shown: Shown | null }>();
  const stateOf = (doc: Document) => {
    let s = states.get(doc);
    if (!s) states.set(doc, (s = { shown: null }));
    return s;
  };

  /**
   * The open conversation and its messages, read together so they always agree. The header (and the
   * row's open class) change before the transcript renders (§5), so the transcript is attributed to
   * the header's buyer only when it shows that buyer:
   * - a buyer-side message's nickname is one of the open buyer's names (header name, row name, pin);
   * - or it shows no buyer-side nickname and none of the messages attributed last to another buyer
   *   (the pane was cleared or re-rendered; an empty pane is the new buyer's, with no messages).
   * While it still shows the buyer attributed last (their nicknames or their messages), that buyer
   * stays the open conversation, with their messages. A transcript tied to nobody gives buyer null and
   * no messages: never another buyer's.
   */
  const read = (doc: Document): Reading => {
    const state = stateOf(doc);
    if (!recognised(doc)) {
      state.shown = null;
      return { open: null, messages: [] };
    }
    const target = openTarget(doc);
    if (!target) {
      state.shown = null;
      return { open: null, messages: [] };
    }
    if (target.buyer === null) return { open: { buyer: null, nickname: target.nickname }, messages: [] };
    const messages = readMessages(doc, now(), robots.matcher());
    const keys = tyingKeys(messages);
    const buyerNames = [...new Set(messages.filter((m) => m.side === 'left' && m.nickname).map((m) => m.nickname!))];
    const prev = state.shown;
    const overlaps = (s: Shown) => keys.some((k) => s.keys.has(k));
    const remember = (buyer: string, nickname: string | null, names: Set<string>): Reading => {
      state.shown = { buyer, nickname, names, keys: new Set(keys) };
      return { open: { buyer, nickname }, messages };
    };

    if (buyerNames.some((n) => target.names.has(n))) return remember(target.buyer, target.nickname, target.names);
    if (prev && prev.buyer === target.buyer && (buyerNames.length === 0 || overlaps(prev))) {
      return remember(target.buyer, target.nickname, target.names);
    }
    if (prev && prev.buyer !== target.buyer && (buyerNames.some((n) => prev.names.has(n)) || overlaps(prev))) {
      // The header moved on, the transcript not yet: still the previous conversation.
      return remember(prev.buyer, prev.nickname, prev.names);
    }
    if (buyerNames.length === 0) return remember(target.buyer, target.nickname, target.names);
    return { open: { buyer: null, nickname: target.nickname }, messages: [] };
  };

  const adapter: PlatformAdapter = {
    platform: 'jd',

    health(doc): AdapterHealth {
      const host = pageHost(doc);
      if (!onWorkbenchHost(host)) {
        return { healthy: false, recognised: false, problems: [`page: not the JD Dongdong workbench (the page is on ${host})`] };
      }
      if (!queryFirst(doc, S.page)) {
        return {
          healthy: false,
          recognised: false,
          problems: ['page: not the JD Dongdong workbench (no conversation list or chat pane)', noMatch('page', S.page)],
        };
      }
      const problems: string[] = [];
      const need = (...names: (keyof typeof S)[]) => {
        if (!names.some((name) => queryFirst(doc, S[name]))) problems.push(...names.map((name) => noMatch(name, S[name])));
      };
      // An empty list is normal (no buyers): the pane is required, not rows.
      need('activePane');
      // With a conversation open the transcript and the composer are required; with none, neither.
      if (headerName(doc) !== null || queryFirst(doc, S.rowActive)) {
        need('message', 'messageList');
        need('composer');
      }
      return { healthy: problems.length === 0, recognised: true, problems };
    },

    // No DOM location of the shop is known (§9: it lives in the page's main world, session.customer
    // .venderName, and in checkin.json; a main-world probe is not in this increment): the overlay asks
    // the agent once. Never the title, never a guess.
    shop: () => null,

    conversations(doc) {
      if (!recognised(doc)) return [];
      const pane = paneOfRowShown(doc);
      // Only 正在咨询's pane says who is waiting. Rows of 历史咨询 (or another tab) are not listed: the
      // same buyers stand there without the marker, which would read as "answered elsewhere".
      if (!pane || !consultingShown(doc, pane)) return [];
      const seen = new Set<string>();
      return rowsOfPane(pane).flatMap((r): ConversationRow[] => {
        if (r.internal || seen.has(r.buyer)) return [];
        seen.add(r.buyer);
        const previewEl = queryFirst(r.row, S.rowPreview)?.node;
        const marker = queryAllFirst(r.row, S.rowWaiting).nodes.some(shown);
        return [
          {
            buyer: r.buyer,
            nickname: r.nickname,
            preview: previewEl?.getAttribute('title')?.trim() || textOf(previewEl) || null,
            time: textOf(queryFirst(r.row, S.rowTime)?.node),
            waiting: marker ? waitedAtLeast(textOf(queryFirst(r.row, S.rowTime)?.node), now()) : null,
            active: r.active,
          },
        ];
      });
    },

    ...nicknameReadMethods(robots, read, (m) => m.side === 'right'),

    composer(doc): Composer | null {
      if (!recognised(doc)) return null;
      const field = queryFirst<HTMLElement>(doc, S.composer)?.node;
      if (!field) return null;
      return pellComposer(field, queryFirst<HTMLElement>(doc, S.sendButton)?.node ?? null);
    },

    sendKey(doc) {
      return recognised(doc) ? sendKeyOfMenu(doc) : null;
    },

    rowElements(doc) {
      return recognised(doc) ? rowsByBuyer(shownBuyerRows(doc)) : new Map();
    },

    chipSlot(row) {
      // The brief line holding the name and the time, beside the preview.
      const date = queryFirst(row, S.rowTime)?.node;
      const slot = date?.parentElement;
      return slot && slot !== row && row.contains(slot) ? (slot as HTMLElement) : row;
    },

    open(doc, buyer) {
      if (!recognised(doc)) return false;
      const hit = shownBuyerRows(doc).find((r) => r.buyer === buyer);
      if (!hit) return false; // not in the shown pane (or scrolled out of a recycled list)
      const item = matchesAny(hit.row, ['.alluser-item']) ? hit.row : (hit.row.querySelector<HTMLElement>('.alluser-item') ?? hit.row);
      item.click();
      return true;
    },
  };
  return adapter;
}

export const jdAdapter: PlatformAdapter = createJdAdapter();
