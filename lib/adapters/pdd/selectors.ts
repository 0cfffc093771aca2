/**
 * PDD chat workbench selectors, as data (structure: ./DOM.md). Each list runs from the selector seen on
 * the live page to looser fallbacks; the adapter uses the first selector that finds anything.
 * Lists named in `pddScopes` are queried inside one list row / one message, the others in the document.
 * No selector holds a comma (one selector per entry), so health lines that join a list stay readable.
 * A change here must come with updated counts in adapter.test.ts.
 */
import type { SelectorTable } from '../dom';

export const pddSelectors = {
  /** Workbench header: the shop the agent is logged in as. */
  shopName: ['.header-box .mall-info .mall-name', '.mall-name', '.mall-info [class*="name"]'],

  // Conversation list
  listContainer: ['.chat-list-box', 'ul.already-unreply', 'ul.chat-list'],
  /** One list row; carries data-random="<uid>-0-<group>". Vue re-renders rows, so keys come from data-random. */
  listRow: ['li.chat-item > .chat-item-box[data-random]', '.chat-item-box[data-random]', '[data-random]'],
  activeRow: ['li.chat-item > .chat-item-box.active', '.chat-item-box.active', '[data-random].active'],
  rowNickname: ['.chat-detail .chat-nickname .nickname-span', '.nickname-span', '[class*="nickname"]'],
  rowPreview: ['.bottom-message .chat-message-content', '.chat-message-content', '[class*="message-content"]'],
  rowTime: ['.chat-time .item-note', '.item-note'],
  /** Where Kefu Pilot puts its countdown chip: under the nickname and preview. */
  rowChipSlot: ['.chat-detail', '.bottom-message'],
  /** The waiting badge, under or over the 3-minute mark (a row shows one or none). */
  rowWaiting: ['.chat-unreply-time', '.chat-unreply-over-time', '[class*="unreply"][class*="time"]'],
  rowOvertime: ['.chat-unreply-over-time', '[class*="unreply-over"]'],

  // Open conversation
  headerName: ['.chatWindowHeader .base-info .name', '.chatWindowHeader .name'],
  messageList: ['#msgListContainer ul.msg-list', '#msgListContainer', 'ul.msg-list'],
  /** One message; id="middlePanel_list_<epoch ms>". */
  messageRow: ['#msgListContainer ul.msg-list > li.onemsg', 'li.onemsg', 'li[id^="middlePanel_list_"]'],
  /** `YYYY年MM月DD日 HH:mm:ss`, on the first message of a time group only. */
  timeLine: ['.merchantMessage > p.message-time', 'p.message-time'],
  // Role containers. A robot auto-reply is a `.cs-item.callback`, so robotItem is tested before agentItem.
  robotItem: ['.merchantMessage > .cs-item.callback', '.cs-item.callback'],
  agentItem: ['.merchantMessage > .cs-item:not(.callback)', '.cs-item:not(.callback)'],
  buyerItem: ['.merchantMessage > .buyer-item', '.buyer-item'],
  /** Class starting with system-msg (system-msg-1 …), wherever it stands in the class attribute. */
  systemItem: [
    '.merchantMessage > [class^="system-msg"]',
    '.merchantMessage > [class*=" system-msg"]',
    '[class^="system-msg"]',
    '[class*=" system-msg"]',
  ],
  /** The buyer uid the message belongs to (attribute `currentuid`). */
  messageUid: ['[currentuid]'],
  messageText: ['.msg-content > p.msg-content-box', '.msg-content-box'],
  goodsCard: ['.msg-content.good-card', '.good-card'],

  // Composer
  composer: ['.reply-box textarea#replyTextarea', 'textarea#replyTextarea', '.reply-box textarea'],
  /** A div reading 发送, not a button. */
  sendButton: ['.reply-box .send-btn', '.send-btn'],
  /** The send-key menu (Enter 发送 / Ctrl+Enter 发送) where the page shows one beside the composer. */
  sendKeyMenu: ['.reply-box select'],
} as const satisfies SelectorTable;

export type PddSelectorName = keyof typeof pddSelectors;

/**
 * What health() requires: each entry is satisfied when ANY of its lists finds something. An empty
 * conversation list is normal (no buyers), so the list container stands in for rows.
 */
export const pddRequired: readonly (readonly PddSelectorName[])[] = [
  ['listRow', 'listContainer'],
  ['messageList'],
  ['composer'],
];

/** Lists queried inside each node of another list rather than in the whole document. */
export const pddScopes: Readonly<Partial<Record<PddSelectorName, 'listRow' | 'messageRow'>>> = {
  rowNickname: 'listRow',
  rowPreview: 'listRow',
  rowTime: 'listRow',
  rowChipSlot: 'listRow',
  rowWaiting: 'listRow',
  rowOvertime: 'listRow',
  timeLine: 'messageRow',
  robotItem: 'messageRow',
  agentItem: 'messageRow',
  buyerItem: 'messageRow',
  systemItem: 'messageRow',
  messageUid: 'messageRow',
  messageText: 'messageRow',
  goodsCard: 'messageRow',
};
