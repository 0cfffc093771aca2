/**
 * The contract between a seller workbench page and the rest of Kefu Pilot.
 * An adapter only reads (and, for the composer, writes) the platform's DOM and returns plain data.
 * It never stores anything, never renders UI and never sends a message by itself.
 */

export type PlatformId = 'pdd' | 'taobao' | 'douyin' | 'jd' | 'kuaishou' | 'generic';

/** Who wrote a message, as the page shows it. `robot` is an auto-reply; it never answers a buyer. */
export type Sender = 'buyer' | 'agent' | 'robot' | 'system';

export interface AdapterHealth {
  /** True when every required part of the page was found. */
  healthy: boolean;
  /** One line per problem, naming the selector list that found nothing, e.g. `messageList: no match`. */
  problems: string[];
}

export interface ConversationRow {
  /** Stable buyer key read from data attributes (never node identity). */
  buyer: string;
  nickname: string | null;
  /** Last message preview as the list shows it. */
  preview: string | null;
  /** The row's time text as shown (`12:40`): names the last message, stable across page reloads. */
  time: string | null;
  /** Seconds the page's own waiting badge shows (已等待35秒 → 35), or null when no badge. */
  waiting: number | null;
  /** True when the page marks this buyer's waiting as over time (`.chat-unreply-over-time`). */
  overtime: boolean;
  /** True for the conversation open in the message pane. */
  active: boolean;
}

export interface OpenConversation {
  buyer: string | null;
  nickname: string | null;
}

export interface PageMessage {
  /** The page's own message id (PDD: the number in `middlePanel_list_<n>`), or null if none. */
  id: string | null;
  sender: Sender;
  /** Plain text; null for cards, images and anything without a text body. */
  text: string | null;
  /** ISO 8601 with +08:00 offset, from the page's time line or its id; null when the page shows none. */
  ts: string | null;
}

export interface Composer {
  element: HTMLElement;
  kind: 'textarea' | 'contenteditable';
  read(): string;
  /** Replace the composer's text through the page's own input path (input events fire). */
  write(text: string): void;
  sendButton: HTMLElement | null;
}

export interface PlatformAdapter {
  readonly platform: PlatformId;
  /** Is this the workbench, and is its structure what we expect? */
  health(doc: Document): AdapterHealth;
  /** The shop / account the agent is logged in as. */
  shop(doc: Document): string | null;
  /** One row per buyer, de-duplicated across list tabs. */
  conversations(doc: Document): ConversationRow[];
  openConversation(doc: Document): OpenConversation | null;
  /** Messages of the open conversation, in page order (oldest first). */
  messages(doc: Document): PageMessage[];
  composer(doc: Document): Composer | null;
  /** The list row elements of each buyer (several when the page lists a buyer in several tabs). */
  rowElements(doc: Document): Map<string, HTMLElement[]>;
  /** Where a countdown chip goes inside a list row (the row itself when nothing better is found). */
  chipSlot(row: HTMLElement): HTMLElement;
  /** Click the list row of this buyer so the page opens the conversation. Returns false if not found. */
  open(doc: Document, buyer: string): boolean;
}
