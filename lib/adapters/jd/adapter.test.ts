// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { douyinAdapter } from '../douyin/adapter';
import { douyinMeta } from '../douyin/meta';
import { loadHtml, type LoadedPage } from '../html-node';
import { pddAdapter } from '../pdd/adapter';
import { pddMeta } from '../pdd/meta';
import { adapterConformance } from '../testing/conformance';
import { createJdAdapter, DEFAULT_JD_ROBOT_NICKNAMES, jdAdapter, waitedAtLeast } from './adapter';
import { editorText } from './editor';
import { jdMeta } from './meta';
import { parseGroupHeader, parseMessageTime, parseRowId } from './parse';
import { jdScopes, jdSelectors } from './selectors';

const { load, pages } = adapterConformance({
  meta: jdMeta,
  adapter: jdAdapter,
  selectors: jdSelectors,
  scopes: jdScopes,
  dir: import.meta.dirname,
  extraFixtures: ['history-tab'],
  // How many nodes each selector list must find on each saved page. A platform change shows up here
  // as a failing row that names the list: update the selectors (and this table) together. Lists scoped
  // to `row` count inside the rows of the whole document (both panes), as the conformance suite does.
  //                           workbench  no-conv  changed  not-wb  history
  expected: {
    page: /*               */ [1, 1, 1, 0, 1],
    activePane: /*         */ [1, 1, 1, 0, 1],
    anyPane: /*            */ [2, 2, 2, 0, 2],
    activeTab: /*          */ [1, 1, 1, 0, 1],
    groupHeader: /*        */ [3, 3, 1, 0, 2], // in the shown pane
    row: /*                */ [6, 2, 2, 0, 3], // in the shown pane, with the two internal rows
    rowActive: /*          */ [1, 0, 1, 0, 1],
    rowName: /*            */ [8, 2, 2, 0, 5],
    rowPreview: /*         */ [8, 2, 2, 0, 5],
    rowTime: /*            */ [8, 2, 2, 0, 5],
    rowWaiting: /*         */ [5, 1, 1, 0, 2],
    headerName: /*         */ [1, 0, 1, 1, 1], // the buyer page has a header of its own (never read)
    messageList: /*        */ [1, 0, 0, 0, 1],
    message: /*            */ [10, 0, 0, 0, 2],
    messageSystem: /*      */ [2, 0, 0, 0, 0],
    messageLeft: /*        */ [6, 0, 0, 0, 1],
    messageRight: /*       */ [2, 0, 0, 0, 1],
    messageCenter: /*      */ [1, 0, 0, 0, 0],
    messageNickname: /*    */ [7, 0, 0, 0, 2],
    messageContent: /*     */ [5, 0, 0, 0, 2],
    messageTime: /*        */ [7, 0, 0, 0, 2],
    messageImage: /*       */ [1, 0, 0, 0, 0],
    messageCard: /*        */ [1, 0, 0, 0, 0],
    composer: /*           */ [1, 0, 1, 0, 1],
    sendButton: /*         */ [1, 0, 1, 0, 1],
    sendKeyMenu: /*        */ [1, 0, 0, 0, 1],
    sendKeyChecked: /*     */ [1, 0, 0, 0, 1],
  },
  fallbacks: {
    page: '.panel-content .chat-wrap',
    activePane: '.ulist-wrap .c_tabs-content > .c_tabs-tabpane:not(.c_tabs-tab_inactive)',
    anyPane: '.ulist-wrap .c_tabs-content > .c_tabs-tabpane',
    activeTab: '.ulist-wrap .c_tabs-tab.c_tabs-tab_check',
    row: '.t-item-h',
    rowName: '.alluser-item-name-w [title]',
    headerName: '.chat-head-name',
    composer: '.chat-foot [contenteditable="true"]',
    sendButton: '.chat-foot span.send-button',
  },
  brokenOnChanged: ['message', 'messageList'],
});

/** "Today" of every test: 2026-11-25 09:20:00 China time. */
const NOW = Date.parse('2026-11-25T09:20:00+08:00');
const fresh = (robotNicknames?: () => readonly string[]) => createJdAdapter({ now: () => NOW, robotNicknames });

const opened: LoadedPage[] = [];
afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
});
const fixtureHtml = (dir: string, name: string) => readFileSync(join(dir, 'fixtures', `${name}.html`), 'utf8');
/** A page parsed at another URL than the workbench. */
function loadAt(html: string, url: string): Document {
  const page = loadHtml(html, url);
  opened.push(page);
  return page.document;
}

const rowOf = (doc: Document, id: string) => doc.querySelector<HTMLElement>(`.c_tabs-tabpane:not(.c_tabs-tab_inactive) [id="${id}"]`)!;
const transcript = (doc: Document) => doc.querySelector('#t-chat-scroll .c-c')!;

/** Click another row as the page does: the open classes move and the header changes (the transcript not yet). */
function switchTo(doc: Document, rowId: string, name: string): void {
  for (const r of doc.querySelectorAll('.alluser-current')) r.classList.remove('alluser-current', 'alluser-item_check', 't-item-ck');
  rowOf(doc, rowId).classList.add('alluser-item_check', 't-item-ck', 'alluser-current');
  doc.querySelector('.chat-head-name > span')!.textContent = name;
}

/** A message block as the live page renders one. */
function block(side: 'left' | 'right', id: string, nickname: string, time: string, text: string): string {
  const name = side === 'left' ? `${nickname}<span class="message__time_str">${time}</span>` : `<span class="message__time_str">${time}</span>${nickname}`;
  return `<div class="message"><div class="message_${side}" id="${id}"><div class="message__nickname">${name}</div><pre class="message__text message__text_${side}"><span class="message__content">${text}</span></pre></div></div>`;
}

describe('jdAdapter.health', () => {
  it('names the renamed transcript on changed markup', () => {
    expect(jdAdapter.health(pages['changed-markup']!)).toEqual({
      healthy: false,
      recognised: true,
      problems: [
        'message: no match for #t-chat-scroll .c-c > .message, #t-chat-scroll .message',
        'messageList: no match for #t-chat-scroll .c-c, #t-chat-scroll .c-wrap, #t-chat-scroll',
      ],
    });
  });

  it('says the buyer-side chat page is not the workbench, by its markup alone', () => {
    expect(jdAdapter.health(pages['not-workbench']!)).toEqual({
      healthy: false,
      recognised: false,
      problems: [
        'page: not the JD Dongdong workbench (no conversation list or chat pane)',
        'page: no match for #t-alluser-wrap, #t-chat-scroll, .panel-content .chat-wrap',
      ],
    });
    expect(jdAdapter.sendKey(pages['not-workbench']!)).toBeNull();
    expect(jdAdapter.rowElements(pages['not-workbench']!).size).toBe(0);
  });

  it.each([
    'https://jdcs.jd.com/index.action?pid=100012345',
    'https://jdcs.jd.com/jdchat/custom.action?entry=jd_pc_item&venderId=100001',
    'https://dongdong.jd.com.evil.test/',
    pddMeta.workbenchUrl,
  ])('the workbench markup on another host is not the workbench: %s', (url) => {
    const doc = loadAt(fixtureHtml(import.meta.dirname, 'workbench'), url);
    const adapter = fresh();
    expect(adapter.health(doc)).toEqual({
      healthy: false,
      recognised: false,
      problems: [`page: not the JD Dongdong workbench (the page is on ${new URL(url).host})`],
    });
    expect(adapter.conversations(doc)).toEqual([]);
    expect(adapter.messages(doc)).toEqual([]);
    expect(adapter.openConversation(doc)).toBeNull();
    expect(adapter.composer(doc)).toBeNull();
    expect(adapter.open(doc, 'jd_demo_a01')).toBe(false);
  });

  it('a saved page is judged by the address it was saved from', () => {
    const html = fixtureHtml(import.meta.dirname, 'workbench');
    const saved = (url: string) => html.replace('<html lang="zh-CN">', `<!-- saved from url=(${String(url.length).padStart(4, '0')})${url} -->\n<html lang="zh-CN">`);
    expect(jdAdapter.health(loadAt(saved('https://jdcs.jd.com/index.action?pid=1'), jdMeta.workbenchUrl)).recognised).toBe(false);
    expect(jdAdapter.health(loadAt(saved('https://dongdong.jd.com/?from=passport'), jdMeta.workbenchUrl)).healthy).toBe(true);
  });

  it("does not take PDD's or Feige's workbench for its own, at their address or at JD's", () => {
    for (const [dir, meta] of [['../pdd', pddMeta], ['../douyin', douyinMeta]] as const) {
      const html = fixtureHtml(join(import.meta.dirname, dir), 'workbench');
      for (const url of [meta.workbenchUrl, jdMeta.workbenchUrl]) {
        const doc = loadAt(html, url);
        expect(jdAdapter.health(doc), `${meta.id} at ${url}`).toMatchObject({ healthy: false, recognised: false });
        expect(jdAdapter.conversations(doc)).toEqual([]);
        expect(jdAdapter.messages(doc)).toEqual([]);
        expect(jdAdapter.openConversation(doc)).toBeNull();
      }
    }
  });

  it("and PDD's and Feige's adapters do not take JD's pages for theirs", () => {
    for (const f of ['workbench', 'no-conversation-open', 'history-tab']) {
      expect(pddAdapter.health(pages[f]!).recognised, `pdd ${f}`).toBe(false);
      expect(douyinAdapter.health(pages[f]!).recognised, `douyin ${f}`).toBe(false);
    }
  });

  it('an open conversation needs its transcript and editor; nothing open needs neither', () => {
    const doc = load('workbench');
    doc.querySelector('.pell-editor-wrapper')!.remove();
    expect(jdAdapter.health(doc).problems.map((p) => p.split(':')[0])).toEqual(['composer']);
    doc.querySelector('#t-chat-scroll')!.remove();
    expect(jdAdapter.health(doc).problems.map((p) => p.split(':')[0])).toEqual(['message', 'messageList', 'composer']);
    doc.querySelector('.chat-head')!.remove();
    doc.querySelector('.alluser-current')!.classList.remove('alluser-current', 'alluser-item_check', 't-item-ck');
    expect(jdAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
  });

  it('an empty transcript and an empty list are normal', () => {
    const doc = load('workbench');
    transcript(doc).replaceChildren();
    for (const row of doc.querySelectorAll('.c_stream-item-w')) row.remove();
    expect(jdAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
    expect(jdAdapter.conversations(doc)).toEqual([]);
  });
});

describe('jdAdapter conversations', () => {
  it('the shown 正在咨询 pane only: buyers by pin, internal rows and the hidden 历史咨询 pane left out', () => {
    expect(fresh().conversations(pages.workbench!)).toEqual([
      { buyer: 'jd_demo_a01', nickname: '演示顾客甲', preview: '示例：这款有现货吗', time: '09:18', waiting: 60, active: true },
      { buyer: 'jd_demo_b02', nickname: '演示顾客乙', preview: '[图片]', time: '09:16', waiting: 180, active: false },
      { buyer: 'jd_demo_c03', nickname: '演示顾客丙', preview: '示例：好的谢谢', time: '08:57', waiting: null, active: false },
      // Under 留言（1）: a leave-message row is a consultation too.
      { buyer: 'jd_demo_d04', nickname: '演示顾客丁', preview: '示例：晚上能发货吗', time: '昨天', waiting: 0, active: false },
    ]);
  });

  it('rows of a hidden pane never count, whichever pane is hidden', () => {
    const doc = load('workbench');
    const [consulting, history] = Array.from(doc.querySelectorAll('.c_tabs-tabpane'));
    consulting!.classList.add('c_tabs-tab_inactive');
    history!.classList.remove('c_tabs-tab_inactive');
    // The tab still says 正在咨询, the pane shown is 历史咨询's: its rows (戊 unanswered) are listed, never 乙's.
    expect(fresh().conversations(doc).map((c) => [c.buyer, c.waiting])).toEqual([
      ['jd_demo_a01', null],
      ['jd_demo_e05', 0],
    ]);
  });

  it('internal rows: under 内部会话&群聊 by the header, elsewhere by the id app', () => {
    const doc = load('workbench');
    const colleague = rowOf(doc, 'u_demo_kefu_yiimwaiter100001').closest('.c_stream-item-w')!;
    const first = doc.querySelector('.c_cas-head')!;
    first.after(colleague); // a colleague row under 正在咨询: its app (imwaiter) leaves it out
    // A buyer-shaped id under 内部会话&群聊: the header leaves it out.
    doc.querySelector('[id="g_demo_group_9001"]')!.id = 'u_jd_demo_x99imcustomer100001';
    expect(fresh().conversations(doc).map((c) => c.buyer)).toEqual(['jd_demo_a01', 'jd_demo_b02', 'jd_demo_c03', 'jd_demo_d04']);
    expect([...fresh().rowElements(doc).keys()]).toEqual(['jd_demo_a01', 'jd_demo_b02', 'jd_demo_c03', 'jd_demo_d04']);
    expect(fresh().open(doc, 'demo_kefu_yi')).toBe(false);
  });

  it('the unanswered marker: present is waiting (since the end of the row’s minute), hidden or gone is not', () => {
    const doc = load('workbench');
    const marker = rowOf(doc, 'u_jd_demo_b02imcustomer100001').querySelector('.user-none-reply-t')!;
    marker.setAttribute('style', 'display: none');
    expect(fresh().conversations(doc)[1]!.waiting).toBeNull();
    marker.removeAttribute('style');
    expect(fresh().conversations(doc)[1]!.waiting).toBe(180); // 09:16, read at 09:20:00
    marker.remove();
    expect(fresh().conversations(doc)[1]!.waiting).toBeNull();
  });

  it('a buyer listed twice in the pane is one row in conversations(), two in rowElements()', () => {
    const doc = load('workbench');
    const copy = rowOf(doc, 'u_jd_demo_b02imcustomer100001').closest('.c_stream-item-w')!.cloneNode(true) as Element;
    doc.querySelectorAll('.c_cas-head')[1]!.after(copy);
    expect(fresh().conversations(doc).filter((c) => c.buyer === 'jd_demo_b02')).toHaveLength(1);
    expect(fresh().rowElements(doc).get('jd_demo_b02')).toHaveLength(2);
  });

  it('changed markup: rows by t-item-h, names by their title, a row without an id keyed by its pin', () => {
    expect(fresh().conversations(pages['changed-markup']!)).toEqual([
      { buyer: 'jd_demo_h08', nickname: '演示顾客辛', preview: '示例：尺码怎么选', time: '14:20', waiting: 0, active: true },
      { buyer: 'jd_demo_i09', nickname: '演示顾客壬', preview: '示例：谢谢', time: '13:05', waiting: null, active: false },
    ]);
  });

  it('历史咨询 shown: no rows count (they say nothing of waiting), yet they stay openable', () => {
    const adapter = fresh();
    const doc = load('history-tab');
    expect(adapter.conversations(doc)).toEqual([]);
    expect([...adapter.rowElements(doc).keys()]).toEqual(['jd_demo_j10', 'jd_demo_a01', 'jd_demo_e05']);
    const clicked = vi.fn();
    doc.querySelector('.c_tabs-tabpane:not(.c_tabs-tab_inactive) [id="u_jd_demo_a01imcustomer100001"]')!.addEventListener('click', clicked);
    const hidden = vi.fn();
    doc.querySelector('.c_tabs-tab_inactive [id="u_jd_demo_a01imcustomer100001"]')!.addEventListener('click', hidden);
    expect(adapter.open(doc, 'jd_demo_a01')).toBe(true);
    expect([clicked.mock.calls.length, hidden.mock.calls.length]).toEqual([1, 0]);
    // 乙 is only in the hidden 正在咨询 pane: not openable from here.
    expect(adapter.open(doc, 'jd_demo_b02')).toBe(false);
  });

  it('without tab titles the pane is told by its groups, then by being the first', () => {
    const doc = load('history-tab');
    for (const t of doc.querySelectorAll('.c_tabs-tab')) t.removeAttribute('title');
    expect(fresh().conversations(doc)).toEqual([]); // 专享顾客 / 最近联系人: 历史咨询's
    const wb = load('workbench');
    for (const t of wb.querySelectorAll('.c_tabs-tab')) t.removeAttribute('title');
    expect(fresh().conversations(wb)).toHaveLength(4); // 正在咨询 / 留言
    for (const h of wb.querySelectorAll('.c_cas-head')) h.remove();
    expect(fresh().conversations(wb).map((c) => c.buyer)).toEqual(['jd_demo_a01', 'jd_demo_b02', 'jd_demo_c03', 'jd_demo_d04']);
  });

  it('rowElements: the same keys as conversations(), the .alluser-item rows', () => {
    const adapter = fresh();
    const rows = adapter.rowElements(pages.workbench!);
    expect([...rows.keys()]).toEqual(adapter.conversations(pages.workbench!).map((c) => c.buyer));
    expect([...rows.values()].every((list) => list.length === 1 && list[0]!.classList.contains('alluser-item'))).toBe(true);
  });

  it('chipSlot: the brief line holding the name and the time (or the row)', () => {
    for (const f of ['workbench', 'changed-markup', 'history-tab']) {
      const [row] = [...fresh().rowElements(pages[f]!).values()][0]!;
      const slot = jdAdapter.chipSlot(row!);
      expect(slot.classList.contains('alluser-item-brief'), f).toBe(true);
    }
    const bare = pages.workbench!.createElement('div');
    expect(jdAdapter.chipSlot(bare)).toBe(bare);
  });

  it('open clicks the row in the shown pane; false for a buyer it does not show', () => {
    const doc = load('workbench');
    const clicked = vi.fn();
    rowOf(doc, 'u_jd_demo_c03imcustomer100001').addEventListener('click', clicked);
    expect(jdAdapter.open(doc, 'jd_demo_c03')).toBe(true);
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(jdAdapter.open(doc, 'jd_demo_e05')).toBe(false); // only in the hidden 历史咨询 pane
    expect(jdAdapter.open(doc, 'nobody')).toBe(false);
  });

  it('shop: none in the DOM (the overlay asks once)', () => {
    for (const f of ['workbench', 'no-conversation-open', 'changed-markup', 'history-tab', 'not-workbench']) {
      expect(jdAdapter.shop(pages[f]!)).toBeNull();
    }
  });
});

describe('jdAdapter open conversation and messages', () => {
  it('the transcript: sides, system notices first, ids, text of .message__content only, times in three formats', () => {
    expect(fresh().messages(pages.workbench!)).toEqual([
      { id: 's_demo_0000', sender: 'system', text: null, ts: null }, // divider
      { id: 's_demo_0001', sender: 'buyer', text: '示例：昨天问过的杯子', ts: '2026-11-24T21:03:11+08:00' },
      { id: null, sender: 'system', text: '顾客 演示顾客甲 发起咨询', ts: null }, // outside .message_center
      { id: 's_demo_0002', sender: 'buyer', text: '示例：这款有现货吗', ts: '2026-11-25T09:14:50+08:00' },
      { id: 's_demo_0003', sender: 'robot', text: '您好，京小智为您服务，请稍等', ts: '2026-11-25T09:14:52+08:00' },
      { id: 's_demo_0004', sender: 'agent', text: '示例：有现货，点这里下单', ts: '2026-11-25T09:15:30+08:00' },
      { id: 's_demo_0005', sender: 'buyer', text: null, ts: '2026-11-25T09:16:05+08:00' }, // image, loading
      { id: 's_demo_0006', sender: 'buyer', text: null, ts: '2026-11-25T09:16:40+08:00' }, // product card
      { id: 's_demo_0007', sender: 'system', text: '顾客正在浏览：示例商品：保温杯 500ml', ts: null }, // inside a left block
      { id: 's_demo_0008', sender: 'buyer', text: '示例：能开发票吗\n顺便问下发什么快递', ts: '2026-11-25T09:18:12+08:00' },
    ]);
  });

  it('openConversation: the open row\'s pin and the header name (its tags left out)', () => {
    expect(fresh().openConversation(pages.workbench!)).toEqual({ buyer: 'jd_demo_a01', nickname: '演示顾客甲' });
    expect(fresh().openConversation(pages['changed-markup']!)).toEqual({ buyer: 'jd_demo_h08', nickname: '演示顾客辛' });
    expect(fresh().openConversation(pages['no-conversation-open']!)).toBeNull();
    expect(fresh().messages(pages['no-conversation-open']!)).toEqual([]);
  });

  it('历史咨询: the conversation opened from the shown pane, with its dated messages', () => {
    const adapter = fresh();
    expect(adapter.openConversation(pages['history-tab']!)).toEqual({ buyer: 'jd_demo_e05', nickname: '演示顾客戊' });
    expect(adapter.messages(pages['history-tab']!)).toEqual([
      { id: 's_demo_0201', sender: 'buyer', text: '示例：发票收到了', ts: '2026-11-20T16:40:03+08:00' },
      { id: 's_demo_0202', sender: 'agent', text: '示例：好的，有问题随时联系', ts: '2026-11-20T16:41:10+08:00' },
    ]);
  });

  it('the open row of a hidden pane still names the open buyer (the agent switched tabs, not conversations)', () => {
    const doc = load('workbench');
    const [consulting, history] = Array.from(doc.querySelectorAll('.c_tabs-tabpane'));
    consulting!.classList.add('c_tabs-tab_inactive');
    history!.classList.remove('c_tabs-tab_inactive');
    const adapter = fresh();
    expect(adapter.openConversation(doc)).toEqual({ buyer: 'jd_demo_a01', nickname: '演示顾客甲' });
    expect(adapter.messages(doc)).toHaveLength(10);
  });

  it('header ahead of the transcript: the previous conversation stays until the pane shows the new buyer', () => {
    const adapter = fresh();
    const doc = load('workbench');
    expect(adapter.openConversation(doc)).toEqual({ buyer: 'jd_demo_a01', nickname: '演示顾客甲' });
    switchTo(doc, 'u_jd_demo_b02imcustomer100001', '演示顾客乙');
    // Header and row say 乙, the transcript is still 甲's: 甲 stays open, with 甲's messages.
    expect(adapter.openConversation(doc)).toEqual({ buyer: 'jd_demo_a01', nickname: '演示顾客甲' });
    expect(adapter.messages(doc)).toHaveLength(10);
    expect(adapter.ourSideNicknames!(doc).map((n) => n.nickname)).toEqual(['京小智', '演示店铺-客服甲']);
    // The pane clears while it loads: 乙 is open, nothing shown yet.
    transcript(doc).replaceChildren();
    expect(adapter.openConversation(doc)).toEqual({ buyer: 'jd_demo_b02', nickname: '演示顾客乙' });
    expect(adapter.messages(doc)).toEqual([]);
    transcript(doc).innerHTML = block('left', 's_demo_0301', '演示顾客乙', '09:16:00', '示例：图片里这个');
    expect(adapter.openConversation(doc)).toEqual({ buyer: 'jd_demo_b02', nickname: '演示顾客乙' });
    expect(adapter.messages(doc)).toEqual([{ id: 's_demo_0301', sender: 'buyer', text: '示例：图片里这个', ts: '2026-11-25T09:16:00+08:00' }]);
  });

  it('the transcript is replaced at once: tied by the buyer-side nickname', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.messages(doc);
    switchTo(doc, 'u_jd_demo_c03imcustomer100001', '演示顾客丙');
    transcript(doc).innerHTML =
      block('right', 's_demo_0401', '演示店铺-客服甲', '08:56:00', '示例：已发货') + block('left', 's_demo_0402', 'jd_demo_c03', '08:57:00', '示例：好的谢谢');
    // The bubble shows the pin, the header the name: both are 丙's.
    expect(adapter.openConversation(doc)).toEqual({ buyer: 'jd_demo_c03', nickname: '演示顾客丙' });
    expect(adapter.messages(doc).map((m) => m.id)).toEqual(['s_demo_0401', 's_demo_0402']);
  });

  it('a new transcript with no buyer message: tied once none of the previous messages remain', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.messages(doc);
    switchTo(doc, 'u_jd_demo_c03imcustomer100001', '演示顾客丙');
    // Only our side, but messages of 甲's transcript: still 甲's.
    transcript(doc).innerHTML = block('right', 's_demo_0004', '演示店铺-客服甲', '09:15:30', '示例：有现货，点这里下单');
    expect(adapter.openConversation(doc)?.buyer).toBe('jd_demo_a01');
    // Only our side, all new: 丙's.
    transcript(doc).innerHTML = block('right', 's_demo_0401', '演示店铺-客服甲', '08:56:00', '示例：已发货');
    expect(adapter.openConversation(doc)?.buyer).toBe('jd_demo_c03');
    expect(adapter.messages(doc)).toHaveLength(1);
  });

  it('a transcript tied to nobody gives no buyer and no messages, never the wrong buyer\'s', () => {
    const adapter = fresh();
    const doc = load('workbench');
    // The first read ever: header and row say 乙, the transcript is 甲's.
    switchTo(doc, 'u_jd_demo_b02imcustomer100001', '演示顾客乙');
    expect(adapter.openConversation(doc)).toEqual({ buyer: null, nickname: '演示顾客乙' });
    expect(adapter.messages(doc)).toEqual([]);
    expect(adapter.ourSideNicknames!(doc)).toEqual([]);
  });

  it('a header name no row carries, or an internal conversation: no buyer', () => {
    const doc = load('workbench');
    doc.querySelector('.chat-head-name > span')!.textContent = '演示顾客子';
    expect(fresh().openConversation(doc)).toEqual({ buyer: null, nickname: '演示顾客子' });
    expect(fresh().messages(doc)).toEqual([]);
    switchTo(doc, 'u_demo_kefu_yiimwaiter100001', '演示店铺-客服乙');
    expect(fresh().openConversation(doc)).toEqual({ buyer: null, nickname: '演示店铺-客服乙' });
  });

  it('the header\'s buyer is found by name when the row\'s open class lags', () => {
    const doc = load('workbench');
    transcript(doc).innerHTML = block('left', 's_demo_0501', '演示顾客丁', '11-24 22:10:00', '示例：晚上能发货吗');
    doc.querySelector('.chat-head-name > span')!.textContent = '演示顾客丁'; // 甲's row still marked open
    expect(fresh().openConversation(doc)).toEqual({ buyer: 'jd_demo_d04', nickname: '演示顾客丁' });
    expect(fresh().messages(doc)[0]!.ts).toBe('2026-11-24T22:10:00+08:00');
  });
});

describe('robot or agent, by nickname', () => {
  it('the defaults are the note\'s guesses', () => {
    expect(DEFAULT_JD_ROBOT_NICKNAMES).toEqual(['京小智', '京东小智', '智能客服', '机器人', '自动回复']);
    expect(fresh().ourSideNicknames!(pages.workbench!)).toEqual([
      { nickname: '京小智', robot: true },
      { nickname: '演示店铺-客服甲', robot: false },
    ]);
  });

  it('a custom list replaces the defaults, read on every call, trimmed and case-insensitive', () => {
    let list: readonly string[] = ['  演示店铺-客服甲 '];
    const adapter = fresh(() => list);
    const doc = load('workbench');
    expect(adapter.messages(doc).filter((m) => m.id === 's_demo_0003' || m.id === 's_demo_0004').map((m) => m.sender)).toEqual(['agent', 'robot']);
    expect(adapter.ourSideNicknames!(doc)).toEqual([
      { nickname: '京小智', robot: false },
      { nickname: '演示店铺-客服甲', robot: true },
    ]);
    doc.querySelector('#s_demo_0003 .message__nickname')!.lastChild!.textContent = ' JXZ-Bot ';
    list = ['jxz-bot'];
    expect(adapter.messages(doc).find((m) => m.id === 's_demo_0003')!.sender).toBe('robot');
    expect(adapter.ourSideNicknames!(doc)).toEqual([
      { nickname: 'JXZ-Bot', robot: true },
      { nickname: '演示店铺-客服甲', robot: false },
    ]);
  });

  it('a left-side message is the buyer whatever its nickname', () => {
    const doc = load('workbench');
    transcript(doc).insertAdjacentHTML('beforeend', block('left', 's_demo_0601', '演示顾客甲', '09:19:00', '示例：机器人吗'));
    doc.querySelector('#s_demo_0601 .message__nickname')!.firstChild!.textContent = '京小智';
    // 甲's other messages still tie the pane; the one named 京小智 on the left is still a buyer message.
    expect(fresh().messages(doc).at(-1)).toMatchObject({ id: 's_demo_0601', sender: 'buyer' });
  });
});

describe('message times', () => {
  it.each([
    ['09:15:02', '2026-11-25T09:15:02+08:00'],
    ['9:15:02', '2026-11-25T09:15:02+08:00'],
    ['09:15', '2026-11-25T09:15:00+08:00'],
    ['11-25 09:14:50', '2026-11-25T09:14:50+08:00'],
    ['11/24 23:59:59', '2026-11-24T23:59:59+08:00'],
    ['12-31 08:00:00', '2025-12-31T08:00:00+08:00'], // a date still to come this year: last year's
    ['2026-11-24 21:03:11', '2026-11-24T21:03:11+08:00'],
    ['2025-02-28 10:00:00', '2025-02-28T10:00:00+08:00'],
    ['23:58:00', '2026-11-24T23:58:00+08:00'], // ahead of now by hours: shown before midnight
    ['09:24:00', '2026-11-25T09:24:00+08:00'], // a few minutes ahead (clock skew): still today
  ])('%s → %s', (text, iso) => {
    expect(new Date(parseMessageTime(text, NOW)!).toISOString()).toBe(new Date(iso).toISOString());
  });

  it.each(['', '已读', '昨天 09:15:02', '2026-02-30 10:00:00', '25:00:00', '09:15:02 已读'])('%s is no time', (text) => {
    expect(parseMessageTime(text, NOW)).toBeNull();
  });

  it('bare times are on now\'s China date, whatever the machine zone', () => {
    const justAfterMidnight = Date.parse('2026-11-25T00:03:00+08:00'); // 2026-11-24 16:03 UTC
    expect(parseMessageTime('00:02:30', justAfterMidnight)).toBe(Date.parse('2026-11-25T00:02:30+08:00'));
    expect(parseMessageTime('23:59:30', justAfterMidnight)).toBe(Date.parse('2026-11-24T23:59:30+08:00'));
  });

  it('through the page: each format in a message', () => {
    const doc = load('workbench');
    const times = ['09:15:02', '11-25 09:15:02', '2026-11-25 09:15:02'];
    transcript(doc).innerHTML = times.map((t, i) => block('left', `s_t${i}`, '演示顾客甲', t, '示例')).join('');
    expect(fresh().messages(doc).map((m) => m.ts)).toEqual(times.map(() => '2026-11-25T09:15:02+08:00'));
  });
});

describe('row ids and group headers', () => {
  it.each([
    ['u_jd_demo_a01imcustomer100001', { pin: 'jd_demo_a01', app: 'imcustomer', venderId: '100001' }],
    ['u_imcustomer_fanimcustomer100001', { pin: 'imcustomer_fan', app: 'imcustomer', venderId: '100001' }],
    ['u_jd_123456imcustomer', { pin: 'jd_123456', app: 'imcustomer', venderId: null }],
    ['u_demo_kefu_yiimwaiter100001', { pin: 'demo_kefu_yi', app: 'imwaiter', venderId: '100001' }],
    ['u_somethingelse42', { pin: 'somethingelse42', app: '', venderId: null }],
  ])('%s', (id, parsed) => {
    expect(parseRowId(id)).toEqual(parsed);
  });

  it('ids that are not u_ ids', () => {
    for (const id of [null, '', 'u_', 'g_demo_group_9001', 't-alluser-item']) expect(parseRowId(id)).toBeNull();
  });

  it.each([
    ['最近联系人(12)', '最近联系人', 12],
    ['最近联系人（12）', '最近联系人', 12],
    ['内部会话&群聊 ( 2 )', '内部会话&群聊', 2],
    ['留言', '留言', null],
  ])('%s', (text, name, count) => {
    expect(parseGroupHeader(text)).toEqual({ name, count });
  });
});

describe('composer', () => {
  it('the pell editor and its send span; the fallbacks on changed markup', () => {
    const c = jdAdapter.composer(pages.workbench!)!;
    expect(c.kind).toBe('contenteditable');
    expect(c.element.className).toBe('EditorContent ');
    expect(c.sendButton?.textContent).toBe('发送');
    expect(c.read()).toBe('');
    const changed = jdAdapter.composer(pages['changed-markup']!)!;
    expect(changed.element.className).toBe('EditorBody');
    expect(changed.sendButton?.textContent).toBe('发送');
    expect(jdAdapter.composer(pages['no-conversation-open']!)).toBeNull();
  });

  it('write keeps newlines as lines, fires one bubbling insertText input, and reads back', () => {
    const doc = load('workbench');
    const c = jdAdapter.composer(doc)!;
    const events: { type: string; inputType: string | undefined; bubbles: boolean; text: string }[] = [];
    doc.addEventListener('input', (e) => events.push({ type: e.type, inputType: (e as InputEvent).inputType, bubbles: e.bubbles, text: c.read() }));
    c.write('亲，在的\n\n请问要哪个颜色？\n');
    expect(c.read()).toBe('亲，在的\n\n请问要哪个颜色？\n');
    expect(c.element.innerHTML).toBe('亲，在的<div><br></div><div>请问要哪个颜色？</div><div><br></div>');
    expect(events).toEqual([{ type: 'input', inputType: 'insertText', bubbles: true, text: '亲，在的\n\n请问要哪个颜色？\n' }]);
    c.write('');
    expect(c.element.innerHTML).toBe('<br>');
    expect(c.read()).toBe('');
  });

  it('user text goes in as text, never as markup', () => {
    const doc = load('workbench');
    const c = jdAdapter.composer(doc)!;
    c.write('<img src=x onerror=alert(1)>\n<b>粗</b>');
    expect(c.element.querySelector('img, b')).toBeNull();
    expect(c.read()).toBe('<img src=x onerror=alert(1)>\n<b>粗</b>');
  });

  it("goes through the browser's editing pipeline where there is one", () => {
    const doc = load('workbench');
    const c = jdAdapter.composer(doc)!;
    c.element.innerHTML = '旧的草稿<div>第二行</div>';
    const focus = vi.spyOn(c.element, 'focus');
    // A stand-in for Chrome's insertText: replaces the selection, newlines as <br>, fires input.
    const execCommand = vi.fn((command: string, _ui: boolean, value: string) => {
      const range = doc.getSelection()!.getRangeAt(0);
      expect(range.toString()).toBe('旧的草稿第二行'); // everything selected first
      range.deleteContents();
      value.split('\n').forEach((line, i) => {
        if (i > 0) c.element.appendChild(doc.createElement('br'));
        c.element.appendChild(doc.createTextNode(line));
      });
      c.element.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      return command === 'insertText';
    });
    Object.defineProperty(doc, 'execCommand', { configurable: true, value: execCommand });
    const seen = vi.fn();
    doc.addEventListener('input', seen);
    c.write('第一行\n第二行');
    expect(focus).toHaveBeenCalled();
    expect(execCommand).toHaveBeenCalledWith('insertText', false, '第一行\n第二行');
    expect(seen).toHaveBeenCalledTimes(1);
    expect(c.element.innerHTML).toBe('第一行<br>第二行');
    expect(c.read()).toBe('第一行\n第二行');
  });

  it('an editing pipeline that refuses, or loses the text, falls back to writing the lines', () => {
    for (const result of [false, true]) {
      const doc = load('workbench');
      const c = jdAdapter.composer(doc)!;
      Object.defineProperty(doc, 'execCommand', { configurable: true, value: () => result });
      c.write('甲\n乙');
      expect(c.read(), String(result)).toBe('甲\n乙');
    }
  });

  it.each([
    ['<br>', ''],
    ['文字<br>', '文字'],
    ['文字<br><br>', '文字\n'],
    ['一<br>二', '一\n二'],
    ['一<div>二</div>', '一\n二'],
    ['<div>一</div><div><br></div><div>三</div>', '一\n\n三'],
    ['<div>一<br></div><div>二</div>', '一\n二'],
    ['<p>一</p><p>二</p>', '一\n二'],
    ['<span>一</span><span>二</span>', '一二'],
    ['<div><div>一</div></div><div>二</div>', '一\n二'],
  ])('reads %s as %j', (html, text) => {
    const el = pages.workbench!.createElement('div');
    el.innerHTML = html;
    expect(editorText(el)).toBe(text);
  });
});

describe('send key', () => {
  it('the checked option of the send-key menu', () => {
    expect(jdAdapter.sendKey(pages.workbench!)).toBe('ctrl+enter');
    expect(jdAdapter.sendKey(pages['history-tab']!)).toBe('enter');
  });

  it('null without a menu, or without a checked option (both keys are then intercepted)', () => {
    expect(jdAdapter.sendKey(pages['no-conversation-open']!)).toBeNull();
    expect(jdAdapter.sendKey(pages['changed-markup']!)).toBeNull();
    const doc = load('workbench');
    doc.querySelector('.set-key-item_check')!.classList.remove('set-key-item_check');
    expect(jdAdapter.sendKey(doc)).toBeNull();
    // The skeleton's menu: one text naming both options, nothing checked.
    doc.querySelector('.set-key-w')!.innerHTML = '按 Enter 发送 / 按 Ctrl+Enter 发送';
    expect(jdAdapter.sendKey(doc)).toBeNull();
  });

  it('other marks of the chosen option: aria-checked, a checked radio, an active class, a check icon inside', () => {
    const menus = [
      '<div role="menuitemradio" aria-checked="false">按 Enter 发送</div><div role="menuitemradio" aria-checked="true">按 Ctrl+Enter 发送</div>',
      '<label><input type="radio" name="k">按 Enter 发送</label><label><input type="radio" name="k" checked>按 Ctrl+Enter 发送</label>',
      '<div class="key-opt">按 Enter 发送</div><div class="key-opt is-active">按 Ctrl+Enter 发送</div>',
      '<div class="key-opt">按 Enter 发送</div><div class="key-opt"><i class="icon-checked"></i>按 Ctrl+Enter 发送</div>',
      '<div class="opt-unchecked">按 Enter 发送</div><div class="opt-checked">按 Ctrl+Enter 发送</div>',
      '<div class="opt inactive">按 Enter 发送</div><div class="opt active">按 Ctrl+Enter 发送</div>',
    ];
    for (const html of menus) {
      const doc = load('workbench');
      doc.querySelector('.set-key-w')!.innerHTML = html;
      expect(jdAdapter.sendKey(doc), html).toBe('ctrl+enter');
    }
  });
});

describe('header name', () => {
  it('an empty name span gives way to the whole header, its tags left out', () => {
    const doc = load('workbench');
    const name = doc.querySelector('.chat-head-name')!;
    name.querySelector('span')!.textContent = '';
    name.insertAdjacentText('beforeend', ' 演示顾客甲 ');
    expect(fresh().openConversation(doc)).toEqual({ buyer: 'jd_demo_a01', nickname: '演示顾客甲' });
  });

  it('while nothing is in the header yet, the one open row of the shown pane', () => {
    const doc = load('workbench');
    doc.querySelector('.chat-head')!.remove();
    expect(fresh().openConversation(doc)).toEqual({ buyer: 'jd_demo_a01', nickname: '演示顾客甲' });
  });
});

describe('how long an unanswered buyer has waited', () => {
  // 2026-12-02 14:00:30 China time.
  const now = Date.UTC(2026, 11, 2, 6, 0, 30);
  it('is the time since the end of the row’s minute, never more', () => {
    expect(waitedAtLeast('13:55', now)).toBe(270); // 13:55:59 → 14:00:30
    expect(waitedAtLeast('14:00', now)).toBe(0); // the minute is not over yet
  });
  it('is 0 for a row time that is not of today (a date, a time still to come today) or not a time', () => {
    expect(waitedAtLeast('12-01', now)).toBe(0);
    expect(waitedAtLeast('20:15', now)).toBe(0);
    expect(waitedAtLeast(null, now)).toBe(0);
  });
});
