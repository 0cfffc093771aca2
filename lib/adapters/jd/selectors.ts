/**
 * JD Dongdong (京东咚咚) workbench selectors, as data (structure: ./DOM.md; sources:
 * /work/shared/design/platforms/jd.md §3–§8, hooks in the fallback order of its §13). Each list runs
 * from the hook seen on the live page to looser fallbacks; the adapter uses the first selector that
 * finds anything. The page's readable classes (`alluser-item`, `message_left`, `EditorContent`) are
 * treated as stable; its styled-components wrappers (`sc-…`) are hashed and never matched.
 * Single classes only, never a whole class attribute: the live rows' attribute ends in two spaces
 * (`'alluser-item t-item-h alluser-item__normal  '`) and the editor's in one (`'EditorContent '`).
 * Lists named in `jdScopes` are queried inside one pane / row / message, the others in the document.
 * No selector holds a comma (one selector per entry), so health lines that join a list stay readable.
 * A change here must come with updated counts in adapter.test.ts.
 */
import type { SelectorTable } from '../dom';

export const jdSelectors = {
  /** The workbench's own parts (§13 "page"): recognises the page, never required by itself. */
  page: ['#t-alluser-wrap', '#t-chat-scroll', '.panel-content .chat-wrap'],

  // Conversation list
  /**
   * The list pane shown. Inactive panes keep their rows in the DOM (§4 trap): rows are only ever read
   * inside this one. The `.ulist-wrap` entry is ours, for a renamed `#t-alluser-wrap` (one tool's
   * XPath has an older `#t-alluser-item`), still scoped to the conversation column.
   */
  activePane: [
    '#t-alluser-wrap .c_tabs-content > .c_tabs-tabpane:not(.c_tabs-tab_inactive)',
    '.ulist-wrap .c_tabs-content > .c_tabs-tabpane:not(.c_tabs-tab_inactive)',
  ],
  /** Every list pane, shown or not: only to find the open conversation's row (never for figures). */
  anyPane: ['#t-alluser-wrap .c_tabs-content > .c_tabs-tabpane', '.ulist-wrap .c_tabs-content > .c_tabs-tabpane'],
  /** The selected tab; its `title` is 正在咨询 / 历史咨询 / 常用联系人 / 群聊 / 组织架构. */
  activeTab: ['#t-alluser-wrap .c_tabs-tab.c_tabs-tab_check', '.ulist-wrap .c_tabs-tab.c_tabs-tab_check'],
  /** Group headers `正在咨询(3)` / `留言（0）` / `内部会话&群聊(2)`: rows follow their header as siblings. */
  groupHeader: ['.c_cas-head'],
  /**
   * One row, inside the shown pane. Its `id` is the buyer key `u_<pin>imcustomer<venderId>`. The
   * fallbacks are ours: `t-item-h` sits on the row in the live class string; a `u_` id inside a stream
   * item is the row whatever its classes.
   */
  row: ['.alluser-item', '.t-item-h', '.c_stream-item-w [id^="u_"]'],
  /** The open row's own classes (matched against the row itself, not inside it). */
  rowActive: ['.alluser-current', '.alluser-item_check', '.t-item-ck'],
  /** Buyer name; its `title` holds the pin (the key when the row has no id). */
  rowName: ['.alluser-item-name', '.alluser-item-name-w [title]'],
  /** Last message preview: `breifdesc` (the page's spelling) by its title, then its text. */
  rowPreview: ['.alluser-item-breifdesc', '.alluser-item-breifmsg'],
  /** The row's time text (`09:15`; format not captured). */
  rowTime: ['.alluser-item-date-w'],
  /** The unanswered marker: no text, no seconds. */
  rowWaiting: ['.user-none-reply-t'],

  // Open conversation
  /** The buyer name in the header; the whole `.chat-head-name` also holds `[在线咨询]` and a typing span. */
  headerName: ['.chat-head-name > span:first-child', '.chat-head-name'],
  /** The transcript's content box: stands in for messages in a conversation that shows none yet (ours). */
  messageList: ['#t-chat-scroll .c-c', '#t-chat-scroll .c-wrap', '#t-chat-scroll'],
  /** One message block; `.c-wrap` is the scroller, behind a hashed `sc-…` wrapper. */
  message: ['#t-chat-scroll .c-c > .message', '#t-chat-scroll .message'],
  /** A system notice, tested before the direction classes: it is not always inside `.message_center`. */
  messageSystem: ['.message__system'],
  /** The direction child: buyer / our side (agent or robot) / divider or system. Its `id` is `s_…`. */
  messageLeft: ['.message_left'],
  messageRight: ['.message_right'],
  messageCenter: ['.message_center'],
  /** Name line: the name text plus `span.message__time_str` (before or after the name). */
  messageNickname: ['.message__nickname'],
  /** The text body: only this (the bubble also holds the name, the time and 已读). */
  messageContent: ['.message__content'],
  messageTime: ['.message__time_str'],
  /** Images (also while loading) and product cards: no text body. */
  messageImage: ['.message__image-wrap', '.message_img_loading', 'img[src*="lds-spinner"]'],
  messageCard: ['.CardWrapper', '[class*="message_componet-"] .ProductCard'],

  // Composer
  /** The pell editor: `<div class="EditorContent " contenteditable="true"><br></div>`, main document. */
  composer: ['.pell-editor-wrapper .EditorContent[contenteditable="true"]', '.chat-foot [contenteditable="true"]'],
  /** A span reading 发送, no button role. */
  sendButton: ['.SendButtonGroup span.send-button', '.chat-foot span.send-button'],
  /** The send-key menu (`按 Enter 发送` / `按 Ctrl+Enter 发送`), opened by `span.SendButton-icon`. */
  sendKeyMenu: ['.set-key-w'],
  /**
   * The menu's chosen option. Its markup is not captured (§8 [G]): any of these marks, read through
   * the nearest element whose text names exactly one key.
   */
  sendKeyChecked: [
    '.set-key-w [aria-checked="true"]',
    '.set-key-w input:checked',
    // The page marks a chosen item with a `_check` suffix elsewhere (c_tabs-tab_check, alluser-item_check).
    '.set-key-w [class*="_check"]',
    '.set-key-w [class*="check"]:not([class*="uncheck"])',
    '.set-key-w [class*="active"]:not([class*="inactive"])',
    '.set-key-w [class*="selected"]',
  ],
} as const satisfies SelectorTable;

export type JdSelectorName = keyof typeof jdSelectors;

/** Lists queried inside each node of another list rather than in the whole document. */
export const jdScopes: Readonly<Partial<Record<JdSelectorName, 'activePane' | 'row' | 'message'>>> = {
  groupHeader: 'activePane',
  row: 'activePane',
  rowName: 'row',
  rowPreview: 'row',
  rowTime: 'row',
  rowWaiting: 'row',
  messageSystem: 'message',
  messageLeft: 'message',
  messageRight: 'message',
  messageCenter: 'message',
  messageNickname: 'message',
  messageContent: 'message',
  messageTime: 'message',
  messageImage: 'message',
  messageCard: 'message',
};

/** Tab titles (§4). Rows of a shown pane count for waiting only under 正在咨询. */
export const CONSULTING_TAB = '正在咨询';
/** Group names of 正在咨询's pane and of 历史咨询's, to tell the panes apart where the tab has no title. */
export const CONSULTING_GROUPS = ['正在咨询', '留言'] as const;
export const HISTORY_GROUPS = ['专享顾客', '最近联系人'] as const;
/** A group of colleagues and group chats, never buyers (§4 [G]). */
export const INTERNAL_GROUP = /内部会话|群聊/;
