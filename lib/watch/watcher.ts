import type { AdapterHealth, ConversationRow, PageMessage, PlatformAdapter } from '../adapters/types';
import type { ChatEvent } from '../stats/events';
import { toChinaIso } from '../time/china';
import { fnv1aHex, hash53Hex } from '../hash';

/**
 * Turns successive reads of a workbench page into chat events.
 *
 * What counts as *new* (and so becomes an event) versus *history* (already on the page, or loaded by
 * opening a conversation or scrolling up) is the whole difficulty; the rules are:
 * - everything on the page at the first read is history;
 * - when the open conversation changes, the first non-empty pane read within `settleMs` is history;
 * - afterwards, an unseen message is new only when it stands after the last message already seen (a
 *   scroll-up prepends) and its page time is not older than the conversation's baseline by more than
 *   `staleMs` (late chunks of history);
 * - for conversations that are not open, a waiting badge on the row is a buyer message (also at the
 *   first read, dated by the badge) and a badge going away is a human reply given elsewhere.
 */

export interface WatcherState {
  health: AdapterHealth;
  shop: string | null;
  rows: ConversationRow[];
  openBuyer: string | null;
  /** Nickname of the open conversation's buyer, as its header shows it. */
  openNickname?: string | null;
  /** Text of the newest buyer message in the open conversation (for template suggestions). */
  lastBuyerText?: string | null;
}

export interface WatcherOptions {
  now?: () => number;
  /**
   * The shop when the page does not show one (Feige): the name the agent gave in the overlay for
   * this workbench. Null until given; the events then carry an empty shop ("unnamed").
   */
  shop?: () => string | null;
  settleMs?: number;
  staleMs?: number;
}

interface PaneBaseline {
  buyer: string;
  openedAt: number;
  settled: boolean;
  seen: Set<string>;
}

export class ChatWatcher {
  private readonly now: () => number;
  private readonly settleMs: number;
  private readonly staleMs: number;
  private pane: PaneBaseline | null = null;
  /** Message keys seen per buyer over the page's life, so reopening a conversation re-emits nothing. */
  private readonly seenByBuyer = new Map<string, Set<string>>();
  private readonly waitingBefore = new Map<string, boolean>();
  /** When each waiting row's round opened, by row key (to carry it over when a provisional key is bound). */
  private readonly waitingSince = new Map<string, { at: number; id: string }>();
  /** Provisional keys whose round was carried over to the buyer's id. */
  private readonly carried = new Set<string>();
  private readonly shopFallback: () => string | null;
  private started = false;

  constructor(
    private readonly adapter: PlatformAdapter,
    private readonly doc: Document,
    opts: WatcherOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.shopFallback = opts.shop ?? (() => null);
    this.settleMs = opts.settleMs ?? 2000;
    this.staleMs = opts.staleMs ?? 5 * 60_000;
  }

  /**
   * The open conversation showed the id of a buyer whose row had only a provisional key (Feige and
   * Kuaishou rows carry no id): a round opened under the provisional key moves to the id, with the
   * time it opened, and the provisional key is left out of the day's figures (`buyer_excluded`,
   * reason `merged`), so the round is counted once, under the buyer's real id.
   */
  /**
   * The agent took this buyer's waiting round out (advertising, harassment): it is not carried over to
   * the buyer's id when the open conversation shows it later, or the round would come back under the id.
   */
  excluded(buyer: string): void {
    for (const key of this.waitingSince.keys()) if (key === buyer || boundedKey(key, MAX_BUYER) === buyer) this.waitingSince.delete(key);
  }

  private carryOver(provisional: string | null, buyer: string, shopKey: string, events: ChatEvent[]): void {
    if (!provisional || provisional === buyer) return;
    const opened = this.waitingSince.get(provisional);
    if (opened === undefined || this.carried.has(opened.id)) return;
    this.carried.add(opened.id);
    const since = opened.at;
    // Named after the round's own event, so a reload that carries the same round again stores it once.
    const tag = fnv1aHex(opened.id);
    const platform = this.adapter.platform;
    const to = boundedKey(buyer, MAX_BUYER);
    const from = boundedKey(provisional, MAX_BUYER);
    events.push(
      {
        id: eventId(platform, shopKey, to, `carried:${tag}`),
        type: 'buyer_message',
        ts: toChinaIso(since),
        platform,
        shop: shopKey,
        buyer: to,
      },
      {
        id: eventId(platform, shopKey, from, `merged:${tag}`),
        type: 'buyer_excluded',
        ts: toChinaIso(since), // the day of the round it takes out
        platform,
        shop: shopKey,
        buyer: from,
        reason: 'merged',
      },
    );
  }

  /** Read the page; returns what it shows and the events that happened since the last read. */
  scan(): { state: WatcherState; events: ChatEvent[] } {
    const health = this.adapter.health(this.doc);
    // The shop is in every event and every id (the guard's and the templates' too, from `state`).
    const pageShop = this.adapter.shop(this.doc) ?? this.shopFallback();
    const shop = pageShop === null ? null : boundedKey(pageShop, MAX_SHOP);
    const rows = this.adapter.conversations(this.doc);
    const open = this.adapter.openConversation(this.doc);
    const openBuyer = open?.buyer ?? null;
    const state: WatcherState = { health, shop, rows, openBuyer, openNickname: open?.nickname ?? null, lastBuyerText: null };
    const events: ChatEvent[] = [];
    if (!health.healthy) return { state, events };
    // The first *healthy* read is the baseline: a single-page app may render after we arrive.
    const first = !this.started;
    this.started = true;

    const shopKey = shop ?? '';
    const t = this.now();

    // Conversations as the list shows them. A waiting badge is the page saying "this buyer's message
    // has had no human answer": it opens a round (on the first read too, so an agent who opens the
    // workbench late still has the round; its id names the row's time so a reload stores it once).
    // A badge going away on a conversation that is not open means someone answered it elsewhere.
    for (const row of rows) {
      // A badge beyond a week is no waiting time (a misread number, a date): this read of the row
      // says nothing, neither a round nor an answer.
      if (row.waiting !== null && !(Number.isFinite(row.waiting) && row.waiting >= 0 && row.waiting <= MAX_WAIT_S)) continue;
      const waiting = row.waiting !== null;
      const before = this.waitingBefore.get(row.buyer) ?? false;
      this.waitingBefore.set(row.buyer, waiting);
      // The open conversation is read from its pane, except at the first read, whose pane is history.
      if (!waiting) this.waitingSince.delete(row.buyer);
      if ((row.buyer === openBuyer && !first) || waiting === before) continue;
      const buyer = boundedKey(row.buyer, MAX_BUYER);
      const base = { platform: this.adapter.platform, shop: shopKey, buyer };
      if (waiting) {
        const at = t - row.waiting! * 1000;
        // At the first read the row names the message, so a reload stores it once: by its time where
        // the row shows one (PDD's `12:40`); where it shows only a running timer (Feige's `4分钟`, a
        // minute coarse, so two reloads may date it a minute apart) by a hash of its preview (the
        // buyer's last message) and the day. Live, a buyer may write again within the same minute
        // after an answer, so the second is added.
        const named = (row.time == null ? null : boundedKey(row.time, MAX_TIME_LABEL)) ?? previewKey(row.preview, at) ?? String(Math.floor(at / 60_000));
        const id = eventId(this.adapter.platform, shopKey, buyer, `wait:${named}${first ? '' : `:${Math.floor(at / 1000)}`}`);
        this.waitingSince.set(row.buyer, { at, id });
        events.push({ ...base, id, type: 'buyer_message', ts: toChinaIso(at) });
      } else if (!first) {
        events.push({
          ...base,
          id: eventId(this.adapter.platform, shopKey, buyer, `answered:${Math.floor(t / 1000)}`),
          type: 'agent_message',
          sender: 'human',
          ts: toChinaIso(t),
        });
      }
    }

    if (!openBuyer) {
      this.pane = null;
      return { state, events };
    }
    this.carryOver(open?.provisional ?? null, openBuyer, shopKey, events);
    if (!this.pane || this.pane.buyer !== openBuyer) {
      let seen = this.seenByBuyer.get(openBuyer);
      if (!seen) this.seenByBuyer.set(openBuyer, (seen = new Set()));
      this.pane = { buyer: openBuyer, openedAt: t, settled: false, seen };
    }
    const pane = this.pane;
    const messages = this.adapter.messages(this.doc);
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]!.sender === 'buyer' && messages[i]!.text) {
        state.lastBuyerText = messages[i]!.text;
        break;
      }
    }
    // A message may get its page id only after it appeared (Feige's agent bubbles, 100–500 ms late):
    // what it showed before the id counts as seen too, so it is not taken for a new message.
    const shown = messages.map((m, i) => contentKey(m, i));
    const keys = messages.map((m, i) => messageKey(m, shown[i]!));
    const isSeen = (i: number) => pane.seen.has(keys[i]!) || pane.seen.has(shown[i]!);
    const remember = (i: number) => {
      pane.seen.add(keys[i]!);
      pane.seen.add(shown[i]!);
    };

    if (first || (!pane.settled && t - pane.openedAt <= this.settleMs)) {
      // History: remember it, emit nothing.
      keys.forEach((_k, i) => remember(i));
      if (messages.length > 0) pane.settled = true;
      return { state, events };
    }
    pane.settled = true;

    let lastSeen = -1;
    keys.forEach((_k, i) => {
      if (isSeen(i)) lastSeen = i;
    });
    messages.forEach((m, i) => {
      const k = keys[i]!;
      if (isSeen(i)) return remember(i);
      remember(i);
      if (i < lastSeen) return; // prepended by scroll-up
      const at = m.ts ? Date.parse(m.ts) : t;
      if (at < pane.openedAt - this.staleMs) return; // a late chunk of old history
      if (m.sender === 'system') return;
      const buyer = boundedKey(openBuyer, MAX_BUYER);
      const common = {
        id: eventId(this.adapter.platform, shopKey, buyer, k),
        ts: toChinaIso(at),
        platform: this.adapter.platform,
        shop: shopKey,
        buyer,
      };
      events.push(
        m.sender === 'buyer'
          ? { ...common, type: 'buyer_message' }
          : { ...common, type: 'agent_message', sender: m.sender === 'robot' ? 'robot' : 'human' },
      );
    });
    return { state, events };
  }
}

// Bounds on what the page puts into events, so that every event the watcher makes passes the schema
// (events.ts: shop and buyer ≤ 200, id ≤ 300). An event the schema refuses is never stored.
/** Longest buyer key an event carries (the schema's): up to it a key is kept as the rest of the page uses it. */
const MAX_BUYER = 200;
/**
 * Longest shop an event carries, and the page state with it: every id holds the shop, the guard's and
 * the templates' ids too (`<platform>:<shop>:tpl:<template id ≤ 100>:<ms>`), and must stay ≤ 300.
 */
const MAX_SHOP = 100;
/** The buyer as it stands in an id that would be too long with the whole key. */
const MAX_BUYER_IN_ID = 120;
const MAX_ID = 300;
/** Longest page message id kept as it is in an id (the ones seen are ≤ 40 characters). */
const MAX_PAGE_ID = 64;
/** Longest row time (`12:40`, `昨天 12:40`) kept as it is in an id. */
const MAX_TIME_LABEL = 24;
/** A waiting badge of more than a week is no waiting time (already waited 800000 days is a misread). */
const MAX_WAIT_S = 7 * 86_400;

/**
 * A page string as a key: as it is when short enough, else cut and followed by a hash of the whole,
 * so the same string always gives the same key and two long ones that share a start do not merge.
 */
function boundedKey(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 15; // `~` and 14 hex digits
  if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--; // never half a surrogate pair
  return `${text.slice(0, cut)}~${hash53Hex(text)}`;
}

/**
 * `<platform>:<shop>:<buyer>:<what>`, the shape exports recognise (pseudonymise-pack.ts). With a buyer
 * key over 120 characters the id names the buyer by a shorter key of its own: the shop (≤ 100) and
 * `what` (≤ 64) then fit in 300.
 */
function eventId(platform: string, shop: string, buyer: string, what: string): string {
  const id = `${platform}:${shop}:${buyer}:${what}`;
  return id.length <= MAX_ID ? id : `${platform}:${shop}:${boundedKey(buyer, MAX_BUYER_IN_ID)}:${what}`;
}

/** The page id when there is one (hashed when it is long), otherwise what the message shows, hashed. */
function messageKey(m: PageMessage, shown: string): string {
  if (m.id == null) return shown;
  return m.id.length <= MAX_PAGE_ID ? m.id : `h${hash53Hex(m.id)}`;
}

/**
 * A name for a message from what it shows, stable across re-renders: its sender, and a hash of its
 * time and text. Never the text itself: ids end up in exports, and a buyer writes names and phone
 * numbers. 53 bits keep two different messages of one conversation apart (a collision would make the
 * second one "seen"): about one chance in 10^9 for 4,000 messages.
 */
function contentKey(m: PageMessage, index: number): string {
  return `x${m.sender}-${hash53Hex(`${m.ts ?? ''}|${m.text ?? ''}|${m.ts || m.text ? '' : index}`)}`;
}

/**
 * A reload-stable name for the message a row's preview shows, without its text (ids end up in
 * exports): a hash of the preview and the China day. Null for an agent's own draft (`[草稿]…`, it
 * changes as they type) or no preview.
 */
function previewKey(preview: string | null | undefined, at: number): string | null {
  if (!preview || preview.startsWith('[草稿]')) return null;
  return `p${fnv1aHex(preview)}:${toChinaIso(at).slice(0, 10)}`;
}
