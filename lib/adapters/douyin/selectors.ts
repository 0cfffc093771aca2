/**
 * Douyin Feige (抖店飞鸽) workspace selectors, as data (structure: ./DOM.md; sources:
 * ../shared/design/platforms/douyin.md §11). Each list runs from the hook seen on the live page to looser
 * fallbacks; the adapter uses the first selector that finds anything. Class hashes rotate on every
 * deploy, so a hashed class is only ever matched by its readable prefix (`[class*="nameLine"]`); the
 * opaque legacy hashes appear as last resorts for pages saved before 2026-06.
 * Lists named in `douyinScopes` are queried inside one list row / one message, the others in the document.
 * No selector holds a comma (one selector per entry), so health lines that join a list stay readable.
 * A change here must come with updated counts in adapter.test.ts.
 */
import type { SelectorTable } from '../dom';

export const douyinSelectors = {
  /** The app shell (logged-in markers): recognises the page, never required. */
  page: ['#rootContainer', '.chatd-root', '#garfishModuleInfo'],

  // Conversation list
  /** 「当前会话(N)」 and 「最近联系」 tabs; the tab's `[role=tab]` carries aria-selected. */
  currentTab: ['[data-qa-id="qa-active-chat-tab"]', '[role=tab][id$="-tab-current"]'],
  recentTab: ['[data-qa-id="qa-last-chat-tab"]', '[role=tab][id$="-tab-history"]'],
  /** Scroll root of the virtual list ("chant" is the page's own typo). */
  listRoot: ['#chantListScrollArea', '.pigeonChatNotScrollBox', '.pigeonChatScrollBox'],
  /** The 当前会话 box of the 2026-06 layout; the 2026-09 rebuilt frame has none. */
  currentBox: ['.pigeonChatNotScrollBox'],
  /** One row; no buyer id anywhere on it. Only rows in view exist (virtual list). */
  listRow: ['[data-qa-id="qa-conversation-chat-item"]', '[data-kora="conversation"]'],
  /** Every group header inside 当前会话 (a header of a group we do not know ends the group before it). */
  groupHeader: ['[data-btm^="message_group_name_"]'],
  /** 「3分钟内待回复 (N)」. */
  groupWaiting: ['[data-btm="message_group_name_waitReply"]'],
  /** 「已超时待回复 (N)」: the sources disagree on the spelling, both are listed. */
  groupOvertime: ['[data-btm="message_group_name_overThreemins"]', '[data-btm="message_group_name_overtime"]'],
  /** A waiting row's own class (`needReply-XXXX`); checked on the row itself. */
  rowNeedReply: ['[class*="needReply"]'],
  /**
   * Nickname: the legacy qa-id span, the 2026-06 name line (its title is the nickname; its text also
   * holds the timer), then the first element with a title that is not the unread badge's sup, then
   * the name text itself where nothing carries a title.
   */
  rowNickname: [
    '[data-qa-id="qa-conversation-nickname"]',
    '[class*="nameLine"][title]',
    '[title]:not(sup)',
    '[class*="NameContent"]',
  ],
  rowPreview: [
    '[data-btm="d089038"] [class*="msgContent"] span',
    '[class*="msgContent"] span',
    '[data-btm="d089038"] span',
    '[class*="msgContent"]',
  ],
  /** Waiting timer (`45秒`, `2分钟`) or absolute time (`14:02`, `06/29`); legacy relative, then absolute. */
  rowTimer: ['[class*="timerParticular"]', '.FDBMBK87T0SHSZ_4swP6', '.CEnLM8MEGksTdgi_8Lqf'],
  /** Unread badge (its sup has a title too, which is why the nickname fallback excludes sup). */
  rowUnread: ['sup.auxo-badge-count[title]', '.auxo-badge-count', '.rxAvaVFJHvpEGMc1ejm1'],
  /** Row tags (新客, 重复来访, 机器人接待中): never a time or a nickname. */
  rowLabel: ['[class*="userLabel"]'],
  /**
   * The row's avatar (inside the unread badge in 2026-06): its src, without the query, tells apart two
   * buyers behind one nickname (see DOM.md, "Buyer key").
   */
  rowAvatar: ['img[alt="头像"]'],

  // Open conversation
  /** Buyer name in the header; the adapter then tries the composer placeholder 「发送给 <nick>，…」. */
  headerName: ['[data-btm-id$=".c0467.d4350"]', '#topbar-left-info'],
  /** The open buyer's avatar beside the header name: picks the open row among same-nickname rows. */
  headerAvatar: ['#topbar-left-info img[alt="头像"]'],
  /** The thread's scroller: stands in for messages in a thread that shows none yet. */
  messageList: ['[class*="messageList"]', '#workspace-chat [class*="scroller"]'],
  /** One message ("warpper" is the page's own typo; the corrected spelling is a guess at a fix). */
  messageItem: [
    '[data-qa-id="qa-message-warpper"]',
    '.msgItemWrap',
    '[class*="msgItemWrap"]',
    '[data-qa-id="qa-message-wrapper"]',
  ],
  /** The inner card carrying the message id (agent messages get theirs 100–500 ms late). */
  messageCard: ['[data-id]'],
  /** Text bubbles by side (semantic tokens that survived the redesigns). */
  bubbleBuyer: ['[class*="messageNotMe"]', '.leaveMessage'],
  bubbleOurs: ['[class*="messageIsMe"]'],
  /** The bubble row: inline `flex-direction: row` (buyer) or `row-reverse` (our side). */
  bubbleRow: ['[style*="flex-direction"]'],
  /** Avatars: buyers' come from p3.douyinpic.com, the shop's from pigeon-sign / ecombdimg hosts. */
  avatar: ['img[alt="头像"]'],
  /** The text body: `pre > span` (the whole pre is read, emoji images by their alt). */
  messageText: ['pre'],
  /** Time under the bubble (legacy hashes; newer builds are found by the time pattern instead). */
  messageTime: ['.O4UWWFoQxgMq4AWHMq25', '.Vry36sSLfjhqZr9MfWnO'],
  /** 「已读」: a receipt on our message, never a message or part of one. */
  readMark: ['[data-qa-id="qa-message-read-mark"]', '.n8Q1ZZgm6vKkQE4v_774'],
  /** Product cards (chatd-*), the browsing-product system card. */
  card: ['.chatd-card', '[class*="chatd-card"]', '[class*="pigeon-dynamic-card"]'],
  /** Image and video messages: no text body. */
  media: ['img[alt="图片"]', 'video', '.I7ZfagWiu5KfRxXX0opn'],

  // Composer
  /** React-controlled textarea; its class list holds `inputArea_<buyer uid>`. */
  composer: [
    'textarea[data-qa-id="qa-send-message-textarea"]',
    '#im-input-box textarea',
    'textarea[class*="inputArea_"]',
  ],
  /** A div[role=button] reading 发送, not a button (the fallbacks are checked for that text). */
  sendButton: ['[data-qa-id="qa-send-message-button"]', '#im-input-box [role=button]', '#im-input-box button'],
  /** The send control of the preview the page shows after images are chosen (douyin.md §7). */
  imageSendSubmit: ['[data-qa-id="qa-send-img-popup-submit"]'],
} as const satisfies SelectorTable;

export type DouyinSelectorName = keyof typeof douyinSelectors;

/**
 * What health() requires of the workspace: each entry is satisfied when ANY of its lists finds
 * something. An empty conversation list is normal (no buyers), so the list root stands in for rows.
 */
export const douyinRequired: readonly (readonly DouyinSelectorName[])[] = [['listRow', 'listRoot']];

/**
 * Required once a conversation is open (a header name or a buyer uid is shown): with nothing open the
 * page shows no thread and no composer, which is normal.
 */
export const douyinRequiredWhenOpen: readonly (readonly DouyinSelectorName[])[] = [
  ['messageItem', 'messageList'],
  ['composer'],
];

/** Lists queried inside each node of another list rather than in the whole document. */
export const douyinScopes: Readonly<Partial<Record<DouyinSelectorName, 'listRow' | 'messageItem'>>> = {
  rowNickname: 'listRow',
  rowPreview: 'listRow',
  rowTimer: 'listRow',
  rowUnread: 'listRow',
  rowLabel: 'listRow',
  rowAvatar: 'listRow',
  messageCard: 'messageItem',
  bubbleBuyer: 'messageItem',
  bubbleOurs: 'messageItem',
  bubbleRow: 'messageItem',
  avatar: 'messageItem',
  messageText: 'messageItem',
  messageTime: 'messageItem',
  readMark: 'messageItem',
  card: 'messageItem',
  media: 'messageItem',
};
