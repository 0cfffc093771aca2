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
  /**
   * False when the page is not this workbench at all (another site, a login page, another
   * platform's workbench); true when it is, healthy or not. Optional for older callers: absent = true.
   */
  recognised?: boolean;
  /** One line per problem, naming the selector list that found nothing, e.g. `messageList: no match`. */
  problems: string[];
}

export interface ConversationRow {
  /**
   * Stable buyer key read from data attributes or text (never node identity). Where the page shows no
   * buyer id on its rows (Douyin, Kuaishou) this is a provisional key made from the nickname (see
   * `provisional`) until the conversation has been opened and its id bound to that nickname.
   */
  buyer: string;
  /** True when `buyer` is a provisional key from the nickname, not the platform's buyer id. */
  provisional?: boolean;
  nickname: string | null;
  /** Last message preview as the list shows it (diagnostics and `inspect` only). */
  preview?: string | null;
  /**
   * The row's absolute time text (`12:40`): names the last message, stable across page reloads, so
   * it goes into the id of a round opened from the row. Null where the row shows a running timer.
   */
  time: string | null;
  /** Seconds the page's own waiting badge or timer shows (已等待35秒 → 35, 2分钟 → 120), or null. */
  waiting: number | null;
  /** True when the page marks this buyer's waiting as over time (diagnostics and `inspect` only). */
  overtime?: boolean;
  /** True for the conversation open in the message pane. */
  active: boolean;
}

export interface OpenConversation {
  buyer: string | null;
  nickname: string | null;
  /**
   * The provisional row key this buyer had before the page showed their id (Douyin: the nickname key
   * of the row that was opened). The watcher carries a round opened under it over to `buyer`.
   */
  provisional?: string | null;
}

/** Which key combination sends on this page: the page's own setting where it shows one. */
export type SendKey = 'enter' | 'ctrl+enter';

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

/** A page's dialog that sends images: its send control and the images it will send. */
export interface ImagePreview {
  submit: HTMLElement;
  images: HTMLImageElement[];
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
  /**
   * The dialog the page shows before it sends images (Feige's image preview with its own send
   * control), while it is open: null otherwise. Absent where the page has none.
   */
  imagePreview?(doc: Document): ImagePreview | null;
  /**
   * The key that sends on this page now, read from the page's own setting; null when the page does
   * not show it (then both Enter and Ctrl+Enter are treated as sends).
   */
  sendKey(doc: Document): SendKey | null;
  /** The list row elements of each buyer (several when the page lists a buyer in several tabs). */
  rowElements(doc: Document): Map<string, HTMLElement[]>;
  /** Where a countdown chip goes inside a list row (the row itself when nothing better is found). */
  chipSlot(row: HTMLElement): HTMLElement;
  /** Click the list row of this buyer so the page opens the conversation. Returns false if not found. */
  open(doc: Document, buyer: string): boolean;
  /**
   * Where robot replies are told apart by the sender's nickname (JD, Kuaishou): the nicknames seen on
   * our side of the open conversation, each with whether it counted as a robot, so the overlay's
   * diagnostics let the agent fix the robot-nickname list. Absent where the page marks robots itself.
   */
  ourSideNicknames?(doc: Document): { nickname: string; robot: boolean }[];
  /**
   * The agent's settings for this workbench, on start and whenever they change: the robot nicknames
   * (null: the adapter's defaults). Absent where nothing is configurable.
   */
  configure?(c: AdapterConfig): void;
}

export interface AdapterConfig {
  robotNicknames: readonly string[] | null;
}

/**
 * What every tool needs to know of a supported workbench, as data (one `meta.ts` per adapter folder,
 * collected in `registry.ts`): the entrypoint's matches, the simulator routes, `inspect`, the build
 * check's host list, the demo and the benchmarks all read it.
 */
export interface PlatformMeta {
  readonly id: PlatformId;
  /** Display names; the interface shows the i18n message `i18nName` (the same names). */
  readonly name: string;
  readonly nameEn: string;
  readonly i18nName: string;
  /** The page an agent opens; saved pages are parsed at this URL by `inspect`. */
  readonly workbenchUrl: string;
  /** Content-script match patterns: the workbench only. */
  readonly matches: readonly string[];
  /** The rule profile (lib/timing/profiles.ts) its rounds are judged by. */
  readonly ruleProfile: string;
  /** Where tests and the demo serve its simulator: `tests/simulator/<folder>/` under `base`. */
  readonly simulator: { readonly folder: string; readonly base: string };
  /**
   * Where robot replies are told apart by nickname only: the default robot nicknames, which the agent
   * can change in the options page (settings `robotNicknames[id]`).
   */
  readonly robotNicknames?: readonly string[];
  /**
   * Where the page shows its own countdown per buyer to the second (Kuaishou's `2分31秒后超时`): the
   * overlay's diagnostics compare it with ours and name the buyers where the two disagree.
   */
  readonly pageClock?: 'seconds';
}
