/**
 * Kuaishou 快手小店 快语客服 workbench selectors, as data (structure: ./DOM.md; sources:
 * /work/shared/design/platforms/kuaishou.md, hooks in the fallback order of its §11). Each list runs from
 * the hook the sources name to looser fallbacks (entries marked *ours* in DOM.md); the adapter uses the
 * first selector that finds anything. The page's classes are readable antd component names
 * (`SessionBaseCard-topHeadName`, `kwaishop-cs-LayoutDefaultWrapper__isMine`), treated as stable; a
 * fallback matches the readable part of a name (`[class*="LayoutDefaultWrapper_msgMain"]`), never a hash.
 * Lists named in `kuaishouScopes` are queried inside one group / card / message, the others in the
 * document. No selector holds a comma (one selector per entry), so health lines that join a list stay
 * readable. A change here must come with updated counts in adapter.test.ts.
 */
import type { SelectorTable } from '../dom';

export const kuaishouSelectors = {
  /** The app root `#main_root > main > .new-workbench-container` (§1 [C]): recognises the page. */
  page: ['.new-workbench-container', '#main_root main'],

  // Conversation list (§3)
  /**
   * The list's box, grouped or ungrouped (§3 [S]); an empty list is normal. Not the left column
   * `.leftBottom`: a list renamed inside it would read as an empty one, not as changed markup.
   */
  listRoot: ['.SessionListGroup', '.AllSessionList-Sessions'],
  /** A group: its title (name and count) and its cards; a collapsed group holds at most one card. */
  group: ['.SessionListGroupItem'],
  /** 「请在3分钟内回复」, 「已超时」; others unknown (§3 [C]). */
  groupName: ['.SessionListGroupItem-groupName', '.SessionListGroupItem-title'],
  /** `(N)` or `（N）`. */
  groupCount: ['.SessionListGroupItem-count'],
  /** One card (the base card inside `.SessionStarCard`); no buyer id anywhere on it (§3 [C]). */
  card: ['.SessionBaseCard', '.SessionStarCard'],
  /** Nickname, possibly ending in `下单数(N)`; may first show the numeric id (§3 [C], [S]). */
  cardNickname: ['.SessionBaseCard-topHeadName', '[class*="topHeadName"]'],
  cardPreview: ['.SessionBaseCard-lastMessage', '[class*="lastMessage"]'],
  /**
   * The card's clock: `2分31秒后超时`, `45秒后超时`, `已超时`, `N小时` (§3 [C]); then wykf's way, a `span`
   * under `.SessionBaseCard-info` (or a renamed `…Card-info`, ours), of which the adapter takes the one
   * reading 秒 / 分钟 (/ 超时, ours). Entries ending in ` span` are read that way.
   */
  cardTimer: ['.SessionBaseCard-topHeadTime', '[class*="topHeadTime"]', '.SessionBaseCard-info span', '[class*="Card-info"] span'],
  /** Unread dot (§3 [C mixed]): read by nobody yet, listed for the counts. */
  cardUnread: ['.SessionBaseCard-unread-rot', '[class*="unread-rot"]'],
  /** The open card's class (§3 [S webview]); the adapter looks on the card, its star card and inside. */
  cardActive: ['[class*="colorHighLight"]'],
  /** The buyer's avatar: its address contains `uhead` (§5 [S gf], for messages); an antd avatar [G]. */
  cardAvatar: ['img[src*="uhead"]', '.ant-avatar img'],
  /**
   * What `open()` clicks: an inner part, never the outer element (an `ant-dropdown-trigger`: a click on
   * it opens the card's menu) (§3 [C]).
   */
  cardInner: [
    '.SessionBaseCard-Static',
    '.SessionBaseCard-info',
    '.SessionBaseCard-topHead',
    '[class*="Card-Static"]',
    '[class*="Card-info"]',
  ],
  /** The line of the nickname and the clock. */
  cardTopHead: ['.SessionBaseCard-topHead'],
  /**
   * Where the countdown chip goes: a line of its own at the end of the card's text column (in the
   * nickname's line it squeezed the name to one character on a 300 px list).
   */
  cardInfo: ['.SessionBaseCard-info', '[class*="Card-info"]'],

  // Open conversation (§4)
  /** The chat target's nickname, despite the component's name never the shop (§4 [S]). */
  headerName: [
    '.TargetUserHeader .LoginUserInfo-mainTitle-text',
    '.TargetUserHeader [class*="mainTitle-text"]',
    '.TargetUserHeader .LoginUserInfo-mainTitle',
  ],
  /** The open buyer's avatar, to pick among same-nickname cards [G: no source shows one]. */
  headerAvatar: ['.TargetUserHeader .LoginUserInfo img'],

  // Messages (§5)
  /** The transcript's box: stands in for messages in a conversation that shows none yet. */
  messageList: ['.ChatMessageList-ContentWrap', '.ChatMessageList'],
  /** Elements whose id is `0_<buyerId>_…` (§3 [S preload]): segment [1] is the buyer id. */
  messageIds: ['.ChatMessageList-ContentWrap div[id^="0_"]', '.ChatMessageList div[id^="0_"]'],
  /** A message with a side (buyer, ours), its sender line and body (§5 [C]). */
  messageRow: ['.kwaishop-cs-LayoutDefaultWrapper_msgMain', '[class*="LayoutDefaultWrapper_msgMain"]'],
  /** A centred item: notices, cards (§5 [S dxl]). Read together with the rows, in page order. */
  messageMiddle: ['.kwaishop-cs-LayoutMiddleWrapper_msgBody', '[class*="LayoutMiddleWrapper_msgBody"]'],
  /** The list items (§5 [S mixed]): the messages where neither rows nor centred items are found. */
  messageItem: ['div[id*="cs-common-message-list-item"]', '.ChatMessageList-ContentWrap div[id^="0_"]'],
  /** The side modifiers, on the row, an ancestor within its item, or inside it (§5 [C]). */
  sideMine: ['[class*="LayoutDefaultWrapper__isMine"]', '[class*="__isMine"]'],
  sideNotMe: ['[class*="LayoutDefaultWrapper__notMe"]', '[class*="__notMe"]'],
  /** `<nickname>M-D HH:MM:SS`, no separator (§5 [C]). */
  senderLine: ['.kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody', '[class*="LayoutDefaultWrapper_beforeMsgBody"]'],
  /** The time in a node of its own (§5 [S mixed]); read before the sender line's tail. */
  messageTime: [
    '.kwaishop-cs-LayoutDefaultWrapper_sendItem.kwaishop-cs-LayoutDefaultWrapper__time',
    '[class*="LayoutDefaultWrapper__time"]',
  ],
  messageBody: ['.kwaishop-cs-LayoutDefaultWrapper_msgBody', '[class*="LayoutDefaultWrapper_msgBody"]'],
  /** Content components (§5 [S each]). */
  textCard: ['.kwaishop-cs-BizTextCard', '[class*="BizTextCard"]'],
  noticeCard: ['.kwaishop-cs-BizNoticeCard', '[class*="BizNoticeCard"]'],
  /** The lead card 「当前用户来自…商品详情页」. */
  leadCard: ['.kwaishop-cs-bizBuyerFromCard', '[class*="BuyerFromCard"]'],
  orderCard: ['.kwaishop-cs-BizOrderCard', '.OrderCard'],
  /** Any content component but text: cards have no text body. */
  otherCard: ['[class*="kwaishop-cs-Biz"]:not([class*="BizTextCard"])', '[class*="kwaishop-cs-biz"]', '.OrderCard'],
  /** Images are `img` without `alt`; avatars (`uhead`) are not images of the message (§5 [S gf]). */
  messageImage: ['img:not([alt]):not([src*="uhead"])', 'img[alt=""]:not([src*="uhead"])'],

  // Composer (§7)
  /** Quill: `div.ql-editor[contenteditable]` in `.SendBox .SendBox-Editor` [C]; the older build [S]. */
  composer: ['.SendBox .ql-editor', '.SendBox-Editor [contenteditable="true"]', '#esim-editor5678 > div:first-child'],
  /** 「发送 Enter」, disabled while the editor is empty [C]; then a `.SendBox` button reading 发送 (the adapter checks). */
  sendButton: ['.SendBox-buttonRight .ant-btn-primary', '.SendBox button'],
} as const satisfies SelectorTable;

export type KuaishouSelectorName = keyof typeof kuaishouSelectors;

/** Lists queried inside each node of another list rather than in the whole document. */
export const kuaishouScopes: Readonly<Partial<Record<KuaishouSelectorName, 'group' | 'card' | 'messageRow'>>> = {
  groupName: 'group',
  groupCount: 'group',
  cardNickname: 'card',
  cardPreview: 'card',
  cardTimer: 'card',
  cardUnread: 'card',
  cardAvatar: 'card',
  cardInner: 'card',
  cardTopHead: 'card',
  cardInfo: 'card',
  sideMine: 'messageRow',
  sideNotMe: 'messageRow',
  senderLine: 'messageRow',
  messageTime: 'messageRow',
  messageBody: 'messageRow',
  textCard: 'messageRow',
  noticeCard: 'messageRow',
  orderCard: 'messageRow',
  otherCard: 'messageRow',
  messageImage: 'messageRow',
};

/** Group names (§3 [C]): the buyers listed under them are waiting for a reply. */
export const WAITING_GROUP = /分钟内回复/;
export const OVERTIME_GROUP = /^已?超时/;
