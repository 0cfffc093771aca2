/**
 * PDD (拼多多商家后台 客服工作台) adapter: reads the structure described in ./DOM.md through the
 * selector lists in ./selectors.ts. Reads only, except the composer write, and never sends.
 */
import { toChinaIso } from '../../time/china';
import { parseChinaTimeLine, parseWaitingSeconds } from './parse';
import { firstText, noMatch, queryAllFirst, queryFirst, rowsByBuyer, textOf } from '../dom';
import { composerFor } from '../composer';
import { sendKeyFromText } from '../send-key';
import type {
  AdapterHealth,
  Composer,
  ConversationRow,
  OpenConversation,
  PageMessage,
  PlatformAdapter,
  Sender,
} from '../types';
import { type PddSelectorName, pddRequired, pddSelectors as S } from './selectors';

/** `<uid>-0-<group>` → uid and list group; null when there is no uid. */
export function parseRowKey(dataRandom: string | null): { buyer: string; group: string | null } | null {
  const [buyer = '', , ...group] = (dataRandom ?? '').trim().split('-');
  return buyer ? { buyer, group: group.length ? group.join('-') : null } : null;
}

const MESSAGE_ID = /^middlePanel_list_(\d+)$/;
// Message ids are epoch ms; only 13-digit numbers (2001–2286) are taken as a time, so a short id of
// some other kind is never turned into a 1970 date.
const EPOCH_MS_ID = /^\d{13}$/;

function rowsOf(doc: Document): { row: HTMLElement; buyer: string }[] {
  return queryAllFirst<HTMLElement>(doc, S.listRow).nodes.flatMap((row) => {
    const key = parseRowKey(row.getAttribute('data-random'));
    return key ? [{ row, buyer: key.buyer }] : [];
  });
}

function activeRow(doc: Document): { row: HTMLElement; buyer: string } | null {
  const active = new Set(queryAllFirst(doc, S.activeRow).nodes);
  return rowsOf(doc).find(({ row }) => active.has(row)) ?? null;
}

function senderOf(message: Element): { sender: Sender; item: Element } | null {
  // Order matters: a robot reply is also a .cs-item.
  const roles: [Sender, PddSelectorName][] = [
    ['robot', 'robotItem'],
    ['agent', 'agentItem'],
    ['buyer', 'buyerItem'],
    ['system', 'systemItem'],
  ];
  for (const [sender, list] of roles) {
    const hit = queryFirst(message, S[list]);
    if (hit) return { sender, item: hit.node };
  }
  return null;
}

function messageTime(message: Element, id: string | null): string | null {
  const line = firstText(message, S.timeLine);
  const fromLine = line === null ? null : parseChinaTimeLine(line);
  if (fromLine !== null) return toChinaIso(fromLine);
  if (id !== null && EPOCH_MS_ID.test(id)) return toChinaIso(Number(id));
  return null;
}

export const pddAdapter: PlatformAdapter = {
  platform: 'pdd',

  health(doc) {
    const problems: string[] = [];
    let found = 0;
    for (const alternatives of pddRequired) {
      if (alternatives.some((name) => queryFirst(doc, S[name]))) found++;
      else problems.push(...alternatives.map((name) => noMatch(name, S[name])));
    }
    if (found === 0) {
      problems.unshift('page: not the PDD chat workbench (no conversation list, message list or composer)');
    }
    return { healthy: problems.length === 0, recognised: found > 0, problems } satisfies AdapterHealth;
  },

  shop(doc) {
    return firstText(doc, S.shopName);
  },

  conversations(doc) {
    const active = new Set(queryAllFirst(doc, S.activeRow).nodes);
    const byBuyer = new Map<string, ConversationRow>(); // Map keeps first-appearance order
    for (const { row, buyer } of rowsOf(doc)) {
      const badge = queryFirst(row, S.rowWaiting)?.node;
      const copy: ConversationRow = {
        buyer,
        nickname: firstText(row, S.rowNickname),
        preview: firstText(row, S.rowPreview),
        time: firstText(row, S.rowTime),
        waiting: badge ? parseWaitingSeconds(textOf(badge) ?? '') : null,
        overtime: queryFirst(row, S.rowOvertime) !== null,
        active: active.has(row),
      };
      const seen = byBuyer.get(buyer);
      if (!seen) {
        byBuyer.set(buyer, copy);
        continue;
      }
      // The same buyer listed in several groups: keep the first copy, fill its gaps from later ones.
      seen.nickname ??= copy.nickname;
      seen.preview ??= copy.preview;
      seen.time ??= copy.time;
      seen.waiting ??= copy.waiting;
      seen.overtime ||= copy.overtime;
      seen.active ||= copy.active;
    }
    return [...byBuyer.values()];
  },

  openConversation(doc): OpenConversation | null {
    const active = activeRow(doc);
    const buyer =
      active?.buyer ??
      queryAllFirst(doc, S.buyerItem)
        .nodes.map((item) => queryFirst(item, S.messageUid)?.node.getAttribute('currentuid')?.trim())
        .find((uid) => !!uid) ??
      null;
    const nickname = firstText(doc, S.headerName) ?? (active ? firstText(active.row, S.rowNickname) : null);
    return buyer === null && nickname === null ? null : { buyer, nickname };
  },

  messages(doc) {
    return queryAllFirst(doc, S.messageRow).nodes.flatMap((message): PageMessage[] => {
      const role = senderOf(message);
      if (!role) return []; // an unknown kind of row: skip rather than guess who wrote it
      const id = MESSAGE_ID.exec(message.id)?.[1] ?? null;
      const text = queryFirst(role.item, S.goodsCard)
        ? null // a card's product name is not something the buyer wrote
        : (firstText(role.item, S.messageText) ?? (role.sender === 'system' ? textOf(role.item) : null));
      return [{ id, sender: role.sender, text, ts: messageTime(message, id) }];
    });
  },

  composer(doc): Composer | null {
    const field = queryFirst<HTMLTextAreaElement>(doc, S.composer)?.node;
    if (!field || field.tagName !== 'TEXTAREA') return null;
    return composerFor(field, queryFirst<HTMLElement>(doc, S.sendButton)?.node ?? null);
  },

  sendKey(doc) {
    // The page states its setting in the composer's placeholder (`Ctrl+Enter 发送，Enter 换行`) or in
    // the send-key menu next to it; a page that says neither gets both keys checked.
    const field = queryFirst<HTMLTextAreaElement>(doc, S.composer)?.node;
    const menu = queryFirst<HTMLSelectElement>(doc, S.sendKeyMenu)?.node;
    const chosen = menu?.selectedOptions?.[0]?.textContent ?? null;
    return sendKeyFromText(chosen) ?? sendKeyFromText(field?.getAttribute('placeholder'));
  },

  rowElements(doc) {
    return rowsByBuyer(rowsOf(doc));
  },

  chipSlot(row) {
    return queryFirst<HTMLElement>(row, S.rowChipSlot)?.node ?? row;
  },

  open(doc, buyer) {
    const hit = rowsOf(doc).find((r) => r.buyer === buyer);
    if (!hit) return false;
    hit.row.click();
    return true;
  },
};
