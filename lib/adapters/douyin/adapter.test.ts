// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHtml, type LoadedPage } from '../html-node';
import { pddAdapter } from '../pdd/adapter';
import { pddMeta } from '../pdd/meta';
import { adapterConformance } from '../testing/conformance';
import { avatarIdentity } from '../provisional';
import { createDouyinAdapter, douyinAdapter, parsePageTime, parseRowWaiting, resolvePageTime } from './adapter';
import { douyinMeta } from './meta';
import { douyinScopes, douyinSelectors } from './selectors';

const { load, pages } = adapterConformance({
  meta: douyinMeta,
  adapter: douyinAdapter,
  selectors: douyinSelectors,
  scopes: douyinScopes,
  dir: import.meta.dirname,
  extraFixtures: ['layout-2026-09', 'legacy'],
  // How many nodes each selector list must find on each saved page. A platform change shows up here
  // as a failing row that names the list: update the selectors (and this table) together.
  //                         workbench  no-conv  changed  not-wb  2026-09  legacy
  expected: {
    page: /*             */ [1, 1, 1, 0, 1, 1],
    currentTab: /*       */ [1, 1, 1, 0, 0, 1],
    recentTab: /*        */ [1, 1, 1, 0, 0, 1],
    listRoot: /*         */ [1, 1, 1, 0, 1, 1],
    currentBox: /*       */ [1, 0, 1, 0, 0, 1],
    listRow: /*          */ [7, 5, 2, 0, 5, 3], // with the pseudo-rows and the hidden 最近联系 copy
    groupHeader: /*      */ [2, 0, 2, 0, 0, 3],
    groupWaiting: /*     */ [1, 0, 1, 0, 0, 1],
    groupOvertime: /*    */ [1, 0, 1, 0, 0, 1],
    rowNeedReply: /*     */ [4, 0, 2, 0, 0, 0],
    rowNickname: /*      */ [7, 5, 2, 0, 5, 3],
    rowPreview: /*       */ [7, 5, 2, 0, 5, 3],
    rowTimer: /*         */ [7, 5, 0, 0, 5, 3], // changed markup: found by its text instead
    rowUnread: /*        */ [3, 1, 1, 0, 1, 3],
    rowLabel: /*         */ [4, 0, 0, 0, 1, 0],
    rowAvatar: /*        */ [7, 5, 2, 0, 5, 3],
    headerName: /*       */ [1, 0, 1, 0, 1, 1],
    headerAvatar: /*     */ [1, 0, 1, 0, 1, 0],
    messageList: /*      */ [1, 0, 0, 0, 1, 0],
    messageItem: /*      */ [14, 0, 0, 0, 7, 7],
    messageCard: /*      */ [14, 0, 0, 0, 7, 6],
    bubbleBuyer: /*      */ [3, 0, 0, 0, 0, 2],
    bubbleOurs: /*       */ [6, 0, 0, 0, 3, 2],
    bubbleRow: /*        */ [12, 0, 0, 0, 5, 4],
    avatar: /*           */ [6, 0, 0, 0, 2, 1],
    messageText: /*      */ [9, 0, 0, 0, 4, 4],
    messageTime: /*      */ [0, 0, 0, 0, 0, 4],
    readMark: /*         */ [5, 0, 0, 0, 1, 2],
    card: /*             */ [2, 0, 0, 0, 0, 0],
    media: /*            */ [1, 0, 0, 0, 1, 0],
    composer: /*         */ [1, 0, 1, 0, 1, 1],
    sendButton: /*       */ [1, 0, 2, 0, 1, 1],
    imageSendSubmit: /*  */ [0, 0, 0, 0, 0, 0], // only while the image preview is open
  },
  fallbacks: {
    listRow: '[data-kora="conversation"]',
    rowNickname: '[title]:not(sup)',
    groupOvertime: '[data-btm="message_group_name_overtime"]',
    headerName: '#topbar-left-info',
    composer: '#im-input-box textarea',
    sendButton: '#im-input-box [role=button]',
  },
  brokenOnChanged: ['messageItem', 'messageList'],
});

/** "Today" of every test: 2026-06-20 15:00:00 China time. */
const NOW = Date.parse('2026-06-20T15:00:00+08:00');
/** A fresh adapter: its nickname bindings start empty (the shared one's would leak between tests). */
const fresh = (now = NOW) => createDouyinAdapter({ now: () => now });

const opened: LoadedPage[] = [];
afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
});
const fixtureHtml = (dir: string, name: string) => readFileSync(join(dir, 'fixtures', `${name}.html`), 'utf8');
/** A page parsed at another URL than the workspace. */
function loadAt(html: string, url: string): Document {
  const page = loadHtml(html, url);
  opened.push(page);
  return page.document;
}

/**
 * Make another buyer the open conversation, as the page does: header, placeholder and uid class together;
 * the header avatar too when `avatar` is given (null: none shown).
 */
function openOther(doc: Document, nickname: string, uid: string | null, avatar?: string | null): void {
  doc.querySelector('[data-btm-id$=".c0467.d4350"]')!.textContent = nickname;
  if (avatar !== undefined) {
    const img = doc.querySelector('#topbar-left-info img[alt="头像"]');
    if (avatar === null) img?.remove();
    else img!.setAttribute('src', avatar);
  }
  const field = doc.querySelector('textarea[data-qa-id="qa-send-message-textarea"]')!;
  field.className = `textarea-Kq81Zx${uid ? ` inputArea_${uid}` : ''}`;
  field.setAttribute('placeholder', `发送给 ${nickname}，使用Enter 发送消息`);
}

/** The list rows (their dropdown wrappers) of the two 测试买家乙 on the workbench, in page order. */
const yiRows = (doc: Document): Element[] =>
  Array.from(doc.querySelectorAll('[title="测试买家乙"]')).map((el) => el.closest('.auxo-dropdown-trigger')!);
const avatarImg = (row: Element): Element => row.querySelector('img[alt="头像"]')!;
const avatarSrc = (row: Element): string => avatarImg(row).getAttribute('src')!;
/** Keys of the rows carrying a nickname, in page order. */
const keysOf = (adapter: ReturnType<typeof fresh>, doc: Document, nickname: string): string[] =>
  adapter.conversations(doc).filter((c) => c.nickname === nickname).map((c) => c.buyer);

describe('douyinAdapter.health', () => {
  it('names the renamed thread', () => {
    expect(douyinAdapter.health(pages['changed-markup']!)).toEqual({
      healthy: false,
      recognised: true,
      problems: [
        'messageItem: no match for [data-qa-id="qa-message-warpper"], .msgItemWrap, [class*="msgItemWrap"], [data-qa-id="qa-message-wrapper"]',
        'messageList: no match for [class*="messageList"], #workspace-chat [class*="scroller"]',
      ],
    });
  });

  it('says the login page is not the workspace, and names the list it lacks', () => {
    const { problems } = douyinAdapter.health(pages['not-workbench']!);
    expect(problems[0]).toMatch(/^page: not the Feige workspace \(/);
    expect(problems.slice(1).map((p) => p.split(':')[0])).toEqual(['listRow', 'listRoot']);
  });

  it.each([
    'https://im.jinritemai.com/pc_seller_v2/main/login',
    'https://im.jinritemai.com/pc_seller_v2/main/data/historyConversation',
    'https://fxg.jinritemai.com/login/common',
  ])('the workspace markup under another path is not the workspace: %s', (url) => {
    const doc = loadAt(fixtureHtml(import.meta.dirname, 'workbench'), url);
    const adapter = fresh();
    expect(adapter.health(doc)).toEqual({
      healthy: false,
      recognised: false,
      problems: [`page: not the Feige workspace (the page is ${new URL(url).pathname})`],
    });
    expect(adapter.conversations(doc)).toEqual([]);
    expect(adapter.messages(doc)).toEqual([]);
    expect(adapter.openConversation(doc)).toBeNull();
    expect(adapter.composer(doc)).toBeNull();
    expect(adapter.open(doc, '~测试买家乙')).toBe(false);
  });

  it('a saved page is judged by the address it was saved from', () => {
    const html = fixtureHtml(import.meta.dirname, 'workbench');
    const saved = (url: string) => html.replace('<html lang="zh-CN">', `<!-- saved from url=(${String(url.length).padStart(4, '0')})${url} -->\n<html lang="zh-CN">`);
    const atWorkspace = douyinMeta.workbenchUrl;
    expect(douyinAdapter.health(loadAt(saved('https://im.jinritemai.com/pc_seller_v2/main/login'), atWorkspace)).recognised).toBe(false);
    expect(douyinAdapter.health(loadAt(saved('https://im.jinritemai.com/pc_seller_v2/main/workspace?from=fxg'), atWorkspace)).healthy).toBe(true);
    const singleFile = html.replace('<html lang="zh-CN">', '<!--\n Page saved with SingleFile \n url: https://im.jinritemai.com/pc_seller_v2/main/data/historyConversation \n saved date: demo\n-->\n<html lang="zh-CN">');
    expect(douyinAdapter.health(loadAt(singleFile, atWorkspace)).recognised).toBe(false);
  });

  it("does not take PDD's workbench for Feige's, at PDD's address or at Feige's", () => {
    const pdd = fixtureHtml(join(import.meta.dirname, '../pdd'), 'workbench');
    for (const url of [pddMeta.workbenchUrl, douyinMeta.workbenchUrl]) {
      const doc = loadAt(pdd, url);
      const h = douyinAdapter.health(doc);
      expect(h, url).toMatchObject({ healthy: false, recognised: false });
      expect(h.problems[0]).toMatch(/^page: not the Feige workspace/);
      expect(douyinAdapter.conversations(doc)).toEqual([]);
      expect(douyinAdapter.messages(doc)).toEqual([]);
      expect(douyinAdapter.openConversation(doc)).toBeNull();
    }
  });

  it("and PDD's adapter does not take Feige's pages for its own", () => {
    for (const f of ['workbench', 'layout-2026-09', 'legacy']) expect(pddAdapter.health(pages[f]!).recognised, f).toBe(false);
  });

  it('an open conversation needs its thread and composer; nothing open needs neither', () => {
    const doc = load('workbench');
    doc.querySelector('#im-input-box')!.remove();
    // The header still names the buyer: the composer is missing, not the conversation.
    expect(douyinAdapter.health(doc).problems.map((p) => p.split(':')[0])).toEqual(['composer']);
    doc.querySelector('.messageList-Kq81Zx')!.remove();
    expect(douyinAdapter.health(doc).problems.map((p) => p.split(':')[0])).toEqual(['messageItem', 'messageList', 'composer']);
    doc.querySelector('#topbar-left-info')!.remove();
    expect(douyinAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
  });

  it('an empty conversation list is normal: the list root stands in for rows', () => {
    const doc = load('no-conversation-open');
    for (const row of doc.querySelectorAll('.auxo-dropdown-trigger')) row.remove();
    expect(douyinAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
    expect(douyinAdapter.conversations(doc)).toEqual([]);
  });
});

describe('douyinAdapter reads', () => {
  it('shop: the page shows none (the overlay asks once); never the title', () => {
    for (const f of ['workbench', 'no-conversation-open', 'layout-2026-09', 'legacy', 'not-workbench']) {
      expect(douyinAdapter.shop(pages[f]!)).toBeNull();
    }
  });

  it('conversations: 当前会话 rows in page order, pseudo-rows and the hidden 最近联系 copy skipped', () => {
    expect(fresh().conversations(pages.workbench!)).toEqual([
      { buyer: '~测试买家甲', provisional: true, nickname: '测试买家甲', preview: '这个杯子能装开水吗', time: null, waiting: 45, overtime: false, active: true },
      { buyer: '~测试买家乙', provisional: true, nickname: '测试买家乙', preview: '[图片]', time: null, waiting: 120, overtime: false, active: false },
      { buyer: '~用户7788990011', provisional: true, nickname: '用户7788990011', preview: '在吗', time: null, waiting: 3900, overtime: true, active: false },
      // Same nickname, another buyer (another avatar): never merged, told apart by the avatar's hash.
      { buyer: '~测试买家乙@acd64fee', provisional: true, nickname: '测试买家乙', preview: '[商品]', time: null, waiting: 300, overtime: true, active: false },
    ]);
  });

  it('conversations: none while 最近联系 is shown without the 当前会话 pane (its rows say nothing of waiting); the rows stay openable', () => {
    const adapter = fresh();
    expect(adapter.conversations(pages['no-conversation-open']!)).toEqual([]);
    expect([...adapter.rowElements(pages['no-conversation-open']!).keys()]).toEqual(['~测试买家丁', '~测试买家戊', '~用户5566778899']);
  });

  it('conversations: the 2026-09 frame has no groups, so a running timer is a waiting time', () => {
    expect(fresh().conversations(pages['layout-2026-09']!).map((c) => [c.buyer, c.time, c.waiting, c.overtime, c.active])).toEqual([
      ['~测试买家庚', null, 38, false, true],
      ['~测试买家辛', null, 240, false, false],
      ['~测试买家壬', '13:40', null, false, false],
      ['~用户1234567890', '06/18', null, false, false],
    ]);
  });

  it('conversations: legacy classes, the overtime spelling, and a group of unknown kind', () => {
    expect(fresh().conversations(pages.legacy!).map((c) => [c.nickname, c.preview, c.time, c.waiting, c.overtime, c.active])).toEqual([
      ['测试买家癸', '请问有优惠券吗', null, 20, false, true],
      ['测试买家子', '[商品]', null, 180, true, false],
      ['测试买家丑', '谢谢', '13:20', null, false, false], // under 已回复: the overtime group ended
    ]);
  });

  it('conversations on changed markup: name from the title, timer from its text', () => {
    expect(fresh().conversations(pages['changed-markup']!).map((c) => [c.buyer, c.waiting, c.overtime, c.active])).toEqual([
      ['~测试买家己', 60, false, true],
      ['~测试买家庚', 240, true, false],
    ]);
  });

  it('conversations: a waiting row is marked by needReply when its group header scrolled away', () => {
    const doc = load('workbench');
    for (const h of doc.querySelectorAll('.groupTitle-Kq81Zx')) h.remove();
    for (const row of doc.querySelectorAll('[data-btm-id$=".current"]')) row.setAttribute('data-btm-id', 'a9034.b39122.c2622');
    const rows = fresh().conversations(doc);
    expect(rows.map((c) => [c.nickname, c.waiting, c.overtime])).toEqual([
      ['测试买家甲', 45, false],
      ['测试买家乙', 120, false],
      ['用户7788990011', 3900, false],
      ['测试买家乙', 300, false],
    ]);
  });

  it('nickname without any title: the name text; sub-list marker on the wrapper instead of the row', () => {
    const doc = load('workbench');
    for (const el of doc.querySelectorAll('[title]')) el.removeAttribute('title');
    for (const row of doc.querySelectorAll('[data-qa-id="qa-conversation-chat-item"]')) {
      const btm = row.getAttribute('data-btm-id');
      row.removeAttribute('data-btm-id');
      if (btm) row.parentElement!.setAttribute('data-btm-id', btm);
    }
    expect(fresh().conversations(doc).map((c) => [c.buyer, c.waiting])).toEqual([
      ['~测试买家甲', 45],
      ['~测试买家乙', 120],
      ['~用户7788990011', 3900],
      ['~测试买家乙@acd64fee', 300],
    ]);
  });

  it.each([
    ['45秒', 45, null],
    ['2分钟', 120, null],
    ['2分', 120, null],
    ['1小时5分钟', 3900, null],
    ['1小时', 3600, null],
    ['2分31秒后超时', null, null], // a countdown: neither
    ['刚刚', null, null],
    ['14:02', null, '14:02'],
    ['06/29', null, '06/29'],
    ['昨天', null, '昨天'],
  ])('row timer %s → waiting %s, time %s', (timer, waiting, time) => {
    const doc = load('workbench');
    doc.querySelectorAll('.timerParticular-Kq81Zx')[2]!.textContent = timer; // 测试买家甲's row
    const [row] = fresh().conversations(doc);
    expect([row!.waiting, row!.time]).toEqual([waiting, time]);
  });

  it('rowElements: the same keys as conversations(), one row each', () => {
    const adapter = fresh();
    const rows = adapter.rowElements(pages.workbench!);
    expect([...rows.keys()]).toEqual(adapter.conversations(pages.workbench!).map((c) => c.buyer));
    expect([...rows.values()].every((list) => list.length === 1 && list[0]!.getAttribute('data-qa-id') === 'qa-conversation-chat-item')).toBe(true);
  });

  it('chipSlot: the content block holding the name line and the preview (or the row)', () => {
    for (const f of ['workbench', 'layout-2026-09', 'legacy', 'changed-markup']) {
      const [row] = [...fresh().rowElements(pages[f]!).values()][0]!;
      const slot = douyinAdapter.chipSlot(row!);
      expect(slot, f).not.toBe(row);
      expect(slot.querySelector('[title]'), f).not.toBeNull();
      expect(slot.querySelector('[data-btm="d089038"]'), f).not.toBeNull();
    }
    const bare = pages.workbench!.createElement('div');
    expect(douyinAdapter.chipSlot(bare)).toBe(bare);
  });
});

describe('provisional keys and the uid binding', () => {
  it('opening binds the nickname to the composer uid; the row then carries the uid', () => {
    const adapter = fresh();
    const doc = load('workbench');
    expect(adapter.conversations(doc)[0]).toMatchObject({ buyer: '~测试买家甲', provisional: true, active: true });
    expect(adapter.openConversation(doc)).toEqual({ buyer: '1111222233334444', nickname: '测试买家甲', provisional: '~测试买家甲' });
    expect(adapter.conversations(doc)[0]).toMatchObject({ buyer: '1111222233334444', provisional: false, active: true });
    expect([...adapter.rowElements(doc).keys()][0]).toBe('1111222233334444');
    // While it stays open the key it replaced is still reported (a first read that was not healthy
    // does not lose the carry-over); once another conversation was open in between, it is not.
    expect(adapter.openConversation(doc)).toEqual({ buyer: '1111222233334444', nickname: '测试买家甲', provisional: '~测试买家甲' });
    openOther(doc, '用户7788990011', '9999000011112222');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9999000011112222', nickname: '用户7788990011', provisional: '~用户7788990011' });
    openOther(doc, '测试买家甲', '1111222233334444');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '1111222233334444', nickname: '测试买家甲', provisional: null });
    expect(adapter.conversations(doc).map((c) => c.buyer)).toEqual(['1111222233334444', '~测试买家乙', '9999000011112222', '~测试买家乙@acd64fee']);
  });

  it('two documents never share bindings', () => {
    const adapter = fresh();
    const a = load('workbench');
    const b = load('workbench');
    adapter.openConversation(a);
    expect(adapter.conversations(a)[0]!.buyer).toBe('1111222233334444');
    expect(adapter.conversations(b)[0]!.buyer).toBe('~测试买家甲');
    expect(adapter.openConversation(b)?.provisional).toBe('~测试买家甲');
  });

  it('duplicate nicknames stay apart, even after one of them was opened without a header avatar', () => {
    const adapter = fresh();
    const doc = load('workbench');
    openOther(doc, '测试买家乙', '4444333322221111', null);
    // Which of the two rows was opened is unknown: nothing is carried over, no row is marked active.
    expect(adapter.openConversation(doc)).toEqual({ buyer: '4444333322221111', nickname: '测试买家乙', provisional: null });
    const rows = adapter.conversations(doc);
    expect(rows.filter((c) => c.nickname === '测试买家乙').map((c) => [c.buyer, c.provisional, c.active])).toEqual([
      ['~测试买家乙', true, false],
      ['~测试买家乙@acd64fee', true, false],
    ]);
    // One of them leaves the list: the other keeps its own key (keys are not page positions).
    yiRows(doc)[0]!.remove();
    expect(adapter.conversations(doc).filter((c) => c.nickname === '测试买家乙').map((c) => c.buyer)).toEqual(['~测试买家乙@acd64fee']);
  });

  it('a key re-bound to another uid takes the latest (the page reused the nickname)', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.openConversation(doc);
    openOther(doc, '用户7788990011', '9999000011112222');
    adapter.openConversation(doc);
    openOther(doc, '测试买家甲', '1212121212121212'); // the same nickname, another uid
    // The row was listed under the first uid, not under its provisional key: nothing to carry over.
    expect(adapter.openConversation(doc)).toEqual({ buyer: '1212121212121212', nickname: '测试买家甲', provisional: null });
    expect(adapter.conversations(doc)[0]).toMatchObject({ buyer: '1212121212121212', provisional: false, active: true });
  });

  it('while the pane switches (header and composer disagree) the uid stays paired with the composer name', () => {
    const adapter = fresh();
    const doc = load('workbench');
    doc.querySelector('[data-btm-id$=".c0467.d4350"]')!.textContent = '用户7788990011'; // composer still 甲's
    expect(adapter.openConversation(doc)).toEqual({ buyer: '1111222233334444', nickname: '测试买家甲', provisional: '~测试买家甲' });
    expect(adapter.conversations(doc).map((c) => [c.buyer, c.active])).toEqual([
      ['1111222233334444', false],
      ['~测试买家乙', false],
      ['~用户7788990011', true], // the header's name: a render ahead of the composer
      ['~测试买家乙@acd64fee', false],
    ]);
  });

  it('a header showing another name than the composer (a remark) does not stop the binding', () => {
    const adapter = fresh();
    const doc = load('workbench');
    doc.querySelector('[data-btm-id$=".c0467.d4350"]')!.textContent = '老客户-杯子';
    expect(adapter.openConversation(doc)).toMatchObject({ buyer: '1111222233334444', nickname: '测试买家甲' });
    expect(adapter.conversations(doc)[0]).toMatchObject({ buyer: '1111222233334444', active: true });
  });

  it('a placeholder that shortened the name gives way to the header', () => {
    const adapter = fresh();
    const doc = load('workbench');
    doc.querySelector('textarea[data-qa-id="qa-send-message-textarea"]')!.setAttribute('placeholder', '发送给 测试买…，使用Enter 发送消息');
    expect(adapter.openConversation(doc)).toMatchObject({ buyer: '1111222233334444', nickname: '测试买家甲', provisional: '~测试买家甲' });
  });

  it('without a uid the open conversation is its row key (null when several rows carry the name)', () => {
    const adapter = fresh();
    const doc = load('workbench');
    openOther(doc, '用户7788990011', null);
    expect(adapter.openConversation(doc)).toEqual({ buyer: '~用户7788990011', nickname: '用户7788990011', provisional: null });
    openOther(doc, '测试买家乙', null); // the header avatar is still 甲's: neither 乙 row
    expect(adapter.openConversation(doc)).toEqual({ buyer: null, nickname: '测试买家乙', provisional: null });
    openOther(doc, '测试买家乙', null, avatarSrc(yiRows(doc)[1]!));
    expect(adapter.openConversation(doc)).toEqual({ buyer: '~测试买家乙@acd64fee', nickname: '测试买家乙', provisional: null });
  });

  it('header name fallbacks: #topbar-left-info (not 添加备注), then the composer placeholder', () => {
    const adapter = fresh();
    const doc = load('workbench');
    doc.querySelector('[data-btm-id$=".c0467.d4350"]')!.remove();
    expect(adapter.openConversation(doc)?.nickname).toBe('测试买家甲');
    doc.querySelector('#topbar-left-info')!.innerHTML = '<span class="remark-Kq81Zx">添加备注</span>';
    expect(adapter.openConversation(doc)).toMatchObject({ buyer: '1111222233334444', nickname: '测试买家甲' });
    expect(fresh().openConversation(pages['no-conversation-open']!)).toBeNull();
    expect(fresh().openConversation(pages['not-workbench']!)).toBeNull();
  });
});

describe('keys by nickname and avatar', () => {
  it('avatar identity: FNV-1a of the address without query and fragment; data: URIs whole; null without a src', () => {
    const url = 'https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-avt-0015_7f31804f2f7f3ecc7fc7844fa2d29243.jpeg';
    expect(avatarIdentity(url)).toBe('acd64fee');
    expect(avatarIdentity(`${url}?from=2956013662`)).toBe('acd64fee');
    expect(avatarIdentity(`${url}?x-expires=1&x-signature=abc#top`)).toBe('acd64fee');
    expect(avatarIdentity(`${url}#top`)).toBe('acd64fee');
    expect(avatarIdentity('a')).toBe('e40c292c'); // the FNV-1a test vector
    const svg = (fill: string) => `data:image/svg+xml;charset=utf-8,<svg fill="${fill}"/>`;
    expect(avatarIdentity(svg('#fff'))).not.toBe(avatarIdentity(svg('#000')));
    expect(avatarIdentity(svg('#fff'))).toMatch(/^[0-9a-f]{8}$/);
    expect([avatarIdentity(null), avatarIdentity(''), avatarIdentity('  ')]).toEqual([null, null, null]);
  });

  it('two same-nickname rows with different avatars keep their keys when the list re-sorts', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const [first, second] = yiRows(doc);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@acd64fee']);
    first!.before(second!); // the second buyer writes: its row moves above the first
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙@acd64fee', '~测试买家乙']);
    const rows = adapter.rowElements(doc);
    expect(rows.get('~测试买家乙')).toEqual([first!.firstElementChild]);
    expect(rows.get('~测试买家乙@acd64fee')).toEqual([second!.firstElementChild]);
  });

  it('a second buyer with the nickname appearing later gets ~<nick>@<hash>; the first keeps ~<nick>', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const [first, second] = yiRows(doc);
    const anchor = first!.nextElementSibling!;
    second!.remove();
    first!.remove();
    // Only the second of the fixture's buyers is listed at first: it is the first seen, it gets ~<nick>.
    anchor.before(second!);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙']);
    // The other one writes and its row comes in above: it takes the avatar key, the waiting one keeps its own.
    second!.before(first!);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual([`~测试买家乙@${avatarIdentity(avatarSrc(first!))}`, '~测试买家乙']);
    expect(avatarIdentity(avatarSrc(first!))).toBe('d4a52f62');
    // It leaves and comes back: still the same key.
    first!.remove();
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙']);
    anchor.before(first!);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@d4a52f62']);
  });

  it('among same-nickname rows the header avatar names the open one (its query ignored)', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const [, second] = yiRows(doc);
    openOther(doc, '测试买家乙', '4444333322221111', `${avatarSrc(second!).split('?')[0]}?from=2956013662&x-expires=1781971200&x-signature=Other0Sig%3D`);
    expect(adapter.openConversation(doc)).toEqual({ buyer: '4444333322221111', nickname: '测试买家乙', provisional: '~测试买家乙@acd64fee' });
    expect(adapter.openConversation(doc)?.provisional).toBe('~测试买家乙@acd64fee'); // every read while open
    expect(adapter.conversations(doc).filter((c) => c.nickname === '测试买家乙').map((c) => [c.buyer, c.provisional, c.active])).toEqual([
      ['~测试买家乙', true, false],
      ['4444333322221111', false, true],
    ]);
    // Bound by its key, not by its place: the rows swap, the uid stays with its row.
    yiRows(doc)[0]!.before(second!);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['4444333322221111', '~测试买家乙']);
    expect(adapter.rowElements(doc).get('4444333322221111')).toEqual([second!.firstElementChild]);
    expect(adapter.open(doc, '4444333322221111')).toBe(true);
    // The other one opened next: it binds too.
    const [, first] = yiRows(doc);
    openOther(doc, '测试买家乙', '5555666677778888', avatarSrc(first!));
    expect(adapter.openConversation(doc)).toEqual({ buyer: '5555666677778888', nickname: '测试买家乙', provisional: '~测试买家乙' });
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['4444333322221111', '5555666677778888']);
  });

  it('same nickname and the same avatar: the open row cannot be told, nothing is bound', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const [first, second] = yiRows(doc);
    avatarImg(second!).setAttribute('src', avatarSrc(first!));
    // Told apart by order only: the second takes the avatar key (~<nick> is taken).
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@d4a52f62']);
    openOther(doc, '测试买家乙', '4444333322221111', avatarSrc(first!));
    expect(adapter.openConversation(doc)).toEqual({ buyer: '4444333322221111', nickname: '测试买家乙', provisional: null });
    expect(adapter.conversations(doc).filter((c) => c.nickname === '测试买家乙').map((c) => [c.buyer, c.provisional, c.active])).toEqual([
      ['~测试买家乙', true, false],
      ['~测试买家乙@d4a52f62', true, false],
    ]);
    // A third such row numbers on.
    const third = first!.cloneNode(true) as Element;
    second!.after(third);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@d4a52f62', '~测试买家乙#2']);
  });

  it('rows without an avatar fall back to page order', () => {
    const adapter = fresh();
    const doc = load('workbench');
    for (const row of yiRows(doc)) avatarImg(row).remove();
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙#2']);
    const [first, second] = yiRows(doc);
    first!.before(second!);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙#2']); // by place, as before
    expect(adapter.rowElements(doc).get('~测试买家乙')).toEqual([second!.firstElementChild]);
  });

  it('a re-signed avatar address keeps the row its key', () => {
    const adapter = fresh();
    const doc = load('workbench');
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@acd64fee']);
    for (const row of yiRows(doc)) avatarImg(row).setAttribute('src', `${avatarSrc(row).split('?')[0]}?x-expires=1781990000&x-signature=New0Sig%3D`);
    expect(keysOf(adapter, doc, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@acd64fee']);
  });

  it('the open row out of view (virtual list): the nickname\'s only key is bound; with several, none', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.conversations(doc);
    doc.querySelector('[title="测试买家甲"]')!.closest('.auxo-dropdown-trigger')!.remove();
    expect(adapter.openConversation(doc)).toEqual({ buyer: '1111222233334444', nickname: '测试买家甲', provisional: '~测试买家甲' });
    for (const row of yiRows(doc)) row.remove();
    openOther(doc, '测试买家乙', '4444333322221111', 'https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-avt-0015_7f31804f2f7f3ecc7fc7844fa2d29243.jpeg');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '4444333322221111', nickname: '测试买家乙', provisional: null });
    // A name never listed on this page: nothing to bind either.
    openOther(doc, '测试买家卯', '7777000077770000', null);
    expect(adapter.openConversation(doc)).toEqual({ buyer: '7777000077770000', nickname: '测试买家卯', provisional: null });
  });

  it('a document never shares the keys it handed out with another', () => {
    const adapter = fresh();
    const a = load('workbench');
    const b = load('workbench');
    yiRows(a)[0]!.remove();
    // On a, the fixture's second 测试买家乙 is the first seen under the name.
    expect(keysOf(adapter, a, '测试买家乙')).toEqual(['~测试买家乙']);
    expect(keysOf(adapter, b, '测试买家乙')).toEqual(['~测试买家乙', '~测试买家乙@acd64fee']);
    const [, second] = yiRows(b);
    openOther(b, '测试买家乙', '4444333322221111', avatarSrc(second!));
    expect(adapter.openConversation(b)?.provisional).toBe('~测试买家乙@acd64fee');
    expect(keysOf(adapter, a, '测试买家乙')).toEqual(['~测试买家乙']);
    expect(keysOf(adapter, b, '测试买家乙')).toEqual(['~测试买家乙', '4444333322221111']);
  });
});

describe('douyinAdapter.messages', () => {
  it('every sender kind, text without label / time / receipt / footer, ids and times', () => {
    expect(fresh().messages(pages.workbench!)).toEqual([
      { id: '0a1b2c3d-0000-4000-8000-000000000001', sender: 'buyer', text: '之前买的杯子还有货吗', ts: '2026-06-14T16:21:05+08:00' },
      // platform bot: label line 智能客服 and footer 抖音电商智能客服发送
      { id: '7388000000000000001', sender: 'robot', text: '亲亲，在哒~很高兴为您服务，请问有什么可以帮您？', ts: '2026-06-14T16:21:09+08:00' },
      { id: '0a1b2c3d-0000-4000-8000-000000000002', sender: 'buyer', text: '发什么快递？', ts: '2026-06-19T12:29:01+08:00' },
      { id: '7388000000000000002', sender: 'robot', text: '亲，默认发中通快递哦', ts: '2026-06-19T12:29:13+08:00' },
      // store bot: 此消息由机器人自动回复
      { id: '7388000000000000003', sender: 'robot', text: '拍下后48小时内发货', ts: '2026-06-19T12:29:20+08:00' },
      // centred notice without a time of its own: the separator of its wrapper (14:01)
      { id: null, sender: 'system', text: '客服测试客服乙接入', ts: '2026-06-20T14:01:00+08:00' },
      // shop-configured: 商家配置发送
      { id: '7388000000000000004', sender: 'robot', text: '欢迎光临本店，下单前请核对收货地址。', ts: '2026-06-20T14:01:30+08:00' },
      { id: '0a1b2c3d-0000-4000-8000-000000000003', sender: 'buyer', text: null, ts: '2026-06-20T14:01:50+08:00' }, // card
      { id: '0a1b2c3d-0000-4000-8000-000000000004', sender: 'buyer', text: null, ts: '2026-06-20T14:02:05+08:00' }, // image
      { id: 'qa-msg-demo-0005', sender: 'buyer', text: '这个杯子能装开水吗', ts: '2026-06-20T14:02:11+08:00' },
      { id: null, sender: 'system', text: '用户已等待超30秒，请尽快回复', ts: null },
      { id: '7388000000000000005', sender: 'agent', text: '可以的亲，耐热120度', ts: '2026-06-20T14:02:40+08:00' },
      { id: '7388000000000000006_template', sender: 'agent', text: null, ts: '2026-06-20T14:02:48+08:00' }, // card we sent
      // just sent: no data-id yet (it arrives 100–500 ms later), nothing invented
      { id: null, sender: 'agent', text: '稍等，我帮您查一下库存', ts: '2026-06-20T14:02:55+08:00' },
    ]);
  });

  it('the 2026-09 frame: side from flex-direction or the avatar host, system by id, emoji by alt', () => {
    expect(fresh().messages(pages['layout-2026-09']!)).toEqual([
      { id: 'cs_demo_CsAssign_0001', sender: 'system', text: '客服测试客服丙接入', ts: '2026-06-20T13:58:00+08:00' },
      { id: '0a1b2c3d-0000-4000-8000-000000000021', sender: 'buyer', text: '你好，这个能开发票吗', ts: '2026-06-20T13:58:40+08:00' },
      { id: '7388000000000000021', sender: 'robot', text: '亲，可以开具电子发票的哦', ts: '2026-06-20T13:58:42+08:00' }, // label only
      { id: 'llm_process_demo_0001', sender: 'system', text: '正在为您生成回复…', ts: null },
      { id: '0a1b2c3d-0000-4000-8000-000000000022', sender: 'buyer', text: null, ts: '2026-06-20T13:59:10+08:00' }, // video
      { id: '7388000000000000022', sender: 'agent', text: '好的亲[微笑]\n下单备注抬头即可', ts: '2026-06-20T13:59:30+08:00' },
      { id: '0a1b2c3d-0000-4000-8000-000000000023', sender: 'buyer', text: null, ts: '2026-06-20T13:59:50+08:00' }, // order card
    ]);
  });

  it('legacy: opaque classes, a standalone time divider, notices dated by it', () => {
    expect(fresh().messages(pages.legacy!)).toEqual([
      { id: null, sender: 'system', text: null, ts: '2026-06-14T14:23:00+08:00' }, // the divider itself
      { id: null, sender: 'system', text: '客服测试客服甲接入', ts: '2026-06-14T14:23:00+08:00' },
      { id: '0a1b2c3d-0000-4000-8000-000000000031', sender: 'buyer', text: '请问有优惠券吗', ts: '2026-06-14T14:23:10+08:00' },
      { id: '7388000000000000031', sender: 'robot', text: '亲亲，在哒~很高兴为您服务，请问有什么可以帮您？', ts: '2026-06-14T14:23:12+08:00' },
      { id: null, sender: 'system', text: '当前会话已长时间未回复，若后续仍未回复，平台可能主动介入处理。', ts: null },
      { id: '0a1b2c3d-0000-4000-8000-000000000032', sender: 'buyer', text: '还在吗', ts: '2026-06-20T14:50:02+08:00' },
      { id: '7388000000000000032', sender: 'agent', text: '在的亲，优惠券在店铺首页领取', ts: '2026-06-20T14:51:00+08:00' },
    ]);
  });

  it('nothing on pages without a thread', () => {
    expect(fresh().messages(pages['no-conversation-open']!)).toEqual([]);
    expect(fresh().messages(pages['changed-markup']!)).toEqual([]);
  });

  it.each(['llm_process_demo_9', 'cs_close_conversation_demo', 'transfer_staff_demo_9', 'demo_Welcome_9', 'demo_CsAssign_9'])(
    'a message whose id is %s is a system message, whatever its side',
    (id) => {
      const doc = load('workbench');
      doc.querySelectorAll('[data-qa-id="qa-message-warpper"]')[11]!.querySelector('[data-id]')!.setAttribute('data-id', id);
      expect(fresh().messages(doc)[11]).toMatchObject({ id, sender: 'system', text: '可以的亲，耐热120度' });
    },
  );

  it('a read receipt arriving changes nothing; a late data-id only fills the id', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const before = adapter.messages(doc);
    const last = doc.querySelectorAll('[data-qa-id="qa-message-warpper"]')[13]!;
    last.querySelector('[data-qa-id="qa-message-read-mark"]')!.textContent = '已读';
    last.querySelector('[data-id]')!.setAttribute('data-id', '7388000000000000007');
    const after = adapter.messages(doc);
    expect(after).toHaveLength(before.length);
    expect(after[13]).toEqual({ ...before[13], id: '7388000000000000007' });
  });

  it('an agent who types a bot word in the text is still the agent; the store bot marker in the text is cut', () => {
    const doc = load('workbench');
    const items = doc.querySelectorAll('[data-qa-id="qa-message-warpper"]');
    items[11]!.querySelector('pre > span')!.textContent = '智能客服也答不了，我来帮您';
    items[13]!.querySelector('pre > span')!.textContent = '亲，已为您备注 此消息由机器人自动回复';
    const messages = fresh().messages(doc);
    expect(messages[11]).toMatchObject({ sender: 'agent', text: '智能客服也答不了，我来帮您' });
    expect(messages[13]).toMatchObject({ sender: 'robot', text: '亲，已为您备注' });
  });

  it("a card's own dates are not the message's time", () => {
    const doc = load('workbench');
    const card = doc.querySelectorAll('[data-qa-id="qa-message-warpper"]')[7]!.querySelector('.chatd-card-main')!;
    card.insertAdjacentHTML('beforeend', '<div class="orderTime"><span>2026-05-01 10:00:00</span></div>');
    expect(fresh().messages(doc)[7]!.ts).toBe('2026-06-20T14:01:50+08:00');
  });

  it('a bare time after a dated separator of its own group is taken on that day', () => {
    const doc = load('workbench');
    const items = doc.querySelectorAll('[data-qa-id="qa-message-warpper"]');
    items[0]!.querySelector('.meta-Kq81Zx')!.textContent = '16:21:05'; // under 「6月14日16:21」
    items[1]!.querySelector('.meta-Kq81Zx')!.firstChild!.textContent = '16:21:09 ';
    expect(fresh().messages(doc).slice(0, 2).map((m) => m.ts)).toEqual(['2026-06-14T16:21:05+08:00', '2026-06-14T16:21:09+08:00']);
  });
});

describe('page time texts', () => {
  it.each([
    ['14:02:11', NOW, '2026-06-20T14:02:11+08:00'],
    ['昨天 12:29:13', NOW, '2026-06-19T12:29:13+08:00'],
    ['昨天12:29:13', NOW, '2026-06-19T12:29:13+08:00'],
    ['前天 08:00:00', NOW, '2026-06-18T08:00:00+08:00'],
    ['6月14日16:21:05', NOW, '2026-06-14T16:21:05+08:00'],
    ['6月14日 16:21:05', NOW, '2026-06-14T16:21:05+08:00'],
    ['12月30日10:00:00', NOW, '2025-12-30T10:00:00+08:00'], // a date still to come is last year's
    ['6月20日09:00:00', NOW, '2026-06-20T09:00:00+08:00'], // today's date is this year's
    ['2025年6月14日 16:21:05', NOW, '2025-06-14T16:21:05+08:00'],
    ['2025-06-14 16:21:05', NOW, '2025-06-14T16:21:05+08:00'],
    ['昨天 12:29', NOW, '2026-06-19T12:29:00+08:00'], // date separators: minute precision
    ['6月14日16:21', NOW, '2026-06-14T16:21:00+08:00'],
    ['4月14日 14:23', NOW, '2026-04-14T14:23:00+08:00'],
    // Just after midnight, a bare time far ahead was labelled yesterday (the page does not relabel).
    ['23:59:50', Date.parse('2026-06-20T00:02:00+08:00'), '2026-06-19T23:59:50+08:00'],
    ['00:01:30', Date.parse('2026-06-20T00:02:00+08:00'), '2026-06-20T00:01:30+08:00'],
    // 1 January: 昨天 is last year's 31 December.
    ['昨天 23:00:00', Date.parse('2026-01-01T08:00:00+08:00'), '2025-12-31T23:00:00+08:00'],
  ])('%s (now %s) → %s', (text, now, iso) => {
    const t = parsePageTime(text);
    expect(t).not.toBeNull();
    const ms = resolvePageTime(t!, now);
    expect(new Date(ms!).toISOString()).toBe(new Date(iso).toISOString());
  });

  it.each(['已读', '14:02:11 已读', '2分钟', '订单号：DEMO-0001', '24:00:00', '2月30日10:00:00'])('%s is no time', (text) => {
    const t = parsePageTime(text);
    expect(t === null || resolvePageTime(t, NOW) === null).toBe(true);
  });

  it.each([
    ['45秒', 45],
    ['2分钟', 120],
    ['2分', 120],
    ['1小时5分钟', 3900],
    ['已等待35秒', 35],
    ['14:02', null],
    ['', null],
    ['秒', null],
  ])('row timer %j → %s s', (text, seconds) => {
    expect(parseRowWaiting(text)).toBe(seconds);
  });
});

describe('douyinAdapter.composer and sendKey', () => {
  it('reads the draft and finds the send control', () => {
    const composer = douyinAdapter.composer(load('workbench'))!;
    expect(composer.kind).toBe('textarea');
    expect(composer.element.getAttribute('data-qa-id')).toBe('qa-send-message-textarea');
    expect(composer.read()).toBe('亲，可以放心用');
    expect(composer.sendButton?.getAttribute('data-qa-id')).toBe('qa-send-message-button');
  });

  it('the fallback send control is the one reading 发送', () => {
    expect(douyinAdapter.composer(pages['changed-markup']!)!.sendButton?.className).toBe('sendBtn-Vb72Lm');
  });

  it('is null where there is no composer', () => {
    expect(douyinAdapter.composer(pages['no-conversation-open']!)).toBeNull();
    expect(douyinAdapter.composer(pages['not-workbench']!)).toBeNull(); // its feedback textarea is not ours
  });

  it('sendKey: the placeholder says Enter; nothing when it says nothing', () => {
    expect(douyinAdapter.sendKey(pages.workbench!)).toBe('enter');
    expect(douyinAdapter.sendKey(pages['no-conversation-open']!)).toBeNull();
    const doc = load('workbench');
    const field = doc.querySelector('textarea[data-qa-id="qa-send-message-textarea"]')!;
    field.setAttribute('placeholder', '发送给 测试买家甲');
    expect(douyinAdapter.sendKey(doc)).toBeNull();
    field.setAttribute('placeholder', '发送给 测试买家甲，使用Ctrl+Enter 发送消息');
    expect(douyinAdapter.sendKey(doc)).toBe('ctrl+enter');
  });
});

describe('douyinAdapter.open', () => {
  it('clicks the row item of that key, by provisional key or by bound uid', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const clicked: (string | null)[] = [];
    doc.addEventListener('click', (e) => {
      const item = e.target as Element;
      clicked.push(`${item.getAttribute('data-qa-id')}:${item.querySelector('[title]:not(sup)')?.getAttribute('title')}`);
    });
    expect(adapter.open(doc, '~测试买家乙@acd64fee')).toBe(true);
    adapter.openConversation(doc);
    expect(adapter.open(doc, '1111222233334444')).toBe(true);
    expect(adapter.open(doc, '~测试买家甲')).toBe(false); // bound: the row is keyed by its uid now
    expect(clicked).toEqual(['qa-conversation-chat-item:测试买家乙', 'qa-conversation-chat-item:测试买家甲']);
    expect(doc.querySelectorAll('[title="测试买家乙"]')[1]!.closest('[data-qa-id]')).not.toBeNull();
  });

  it('returns false for a row not in the DOM (the virtual list holds only rows in view), or a pseudo-row', () => {
    expect(fresh().open(load('workbench'), '~测试买家丁')).toBe(false);
    expect(fresh().open(load('workbench'), '~智能客服')).toBe(false);
    expect(fresh().open(load('not-workbench'), '~测试买家甲')).toBe(false);
  });
});
