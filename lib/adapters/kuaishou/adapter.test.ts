// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { douyinAdapter } from '../douyin/adapter';
import { douyinMeta } from '../douyin/meta';
import { loadHtml, type LoadedPage } from '../html-node';
import { jdAdapter } from '../jd/adapter';
import { jdMeta } from '../jd/meta';
import { pddAdapter } from '../pdd/adapter';
import { pddMeta } from '../pdd/meta';
import { adapterConformance } from '../testing/conformance';
import {
  buyerIdOf,
  COUNTDOWN_SECONDS,
  countdownWaiting,
  createKuaishouAdapter,
  DEFAULT_KUAISHOU_ROBOT_NICKNAMES,
  kuaishouAdapter,
  kuaishouGroups,
  pageCountdown,
  parseSenderLine,
  SHOP_ATTR,
} from './adapter';
import { kuaishouMeta } from './meta';
import { isOfficialAccount, parseGroupCount, stripOrderCount } from './parse';
import { kuaishouScopes, kuaishouSelectors } from './selectors';

const { load, pages } = adapterConformance({
  meta: kuaishouMeta,
  adapter: kuaishouAdapter,
  selectors: kuaishouSelectors,
  scopes: kuaishouScopes,
  dir: import.meta.dirname,
  extraFixtures: ['ungrouped', 'header-ahead'],
  // How many nodes each selector list must find on each page. A platform change shows up here as a
  // failing row that names the list: update the selectors (and this table) together. Lists scoped to
  // `card` / `messageRow` count inside every card / row of the page, as the conformance suite does.
  //                          workbench  no-conv  changed  not-wb  ungrouped  header-ahead
  expected: {
    page: /*              */ [1, 1, 1, 0, 1, 1],
    listRoot: /*          */ [1, 1, 1, 0, 1, 1],
    group: /*             */ [3, 2, 2, 0, 0, 1],
    groupName: /*         */ [3, 2, 2, 0, 0, 1],
    groupCount: /*        */ [3, 2, 2, 0, 0, 1],
    card: /*              */ [9, 1, 2, 0, 4, 2], // with the official account
    cardNickname: /*      */ [9, 1, 2, 0, 4, 2],
    cardPreview: /*       */ [9, 1, 2, 0, 4, 0],
    cardTimer: /*         */ [9, 1, 2, 0, 4, 2],
    cardUnread: /*        */ [3, 1, 1, 0, 0, 0],
    cardActive: /*        */ [1, 0, 1, 0, 1, 1],
    cardAvatar: /*        */ [9, 1, 2, 0, 2, 0],
    cardInner: /*         */ [9, 1, 2, 0, 4, 2],
    cardTopHead: /*       */ [9, 1, 0, 0, 4, 2], // changed markup: the nickname's parent stands in
    cardInfo: /*          */ [9, 1, 2, 0, 4, 2],
    headerName: /*        */ [1, 0, 1, 0, 1, 1],
    headerAvatar: /*      */ [1, 0, 0, 0, 0, 0],
    messageList: /*       */ [1, 0, 0, 0, 1, 1],
    messageIds: /*        */ [16, 0, 0, 0, 0, 2], // ungrouped: the ids are inside cs-common-message-list-item ids
    messageRow: /*        */ [13, 0, 0, 0, 3, 2],
    messageMiddle: /*     */ [3, 0, 0, 0, 0, 0],
    messageItem: /*       */ [16, 0, 0, 0, 3, 2],
    sideMine: /*          */ [5, 0, 0, 0, 1, 0], // inside rows: the modifier on a row itself is not inside it
    sideNotMe: /*         */ [6, 0, 0, 0, 2, 2], // nor on an ancestor
    senderLine: /*        */ [12, 0, 0, 0, 3, 2],
    messageTime: /*       */ [0, 0, 0, 0, 1, 0],
    messageBody: /*       */ [13, 0, 0, 0, 3, 2],
    textCard: /*          */ [8, 0, 0, 0, 3, 2],
    noticeCard: /*        */ [1, 0, 0, 0, 0, 0],
    leadCard: /*          */ [1, 0, 0, 0, 0, 0],
    orderCard: /*         */ [1, 0, 0, 0, 0, 0],
    otherCard: /*         */ [4, 0, 0, 0, 0, 0],
    messageImage: /*      */ [2, 0, 0, 0, 0, 0], // the photo and the marketing card's picture; never an avatar
    composer: /*          */ [1, 0, 1, 0, 1, 1],
    sendButton: /*        */ [1, 0, 2, 0, 1, 1], // changed markup: 取 消 and 发 送
  },
  fallbacks: {
    page: '#main_root main',
    card: '.SessionStarCard',
    cardNickname: '[class*="topHeadName"]',
    cardPreview: '[class*="lastMessage"]',
    cardTimer: '[class*="Card-info"] span',
    cardUnread: '[class*="unread-rot"]',
    cardInner: '[class*="Card-Static"]',
    headerName: '.TargetUserHeader .LoginUserInfo-mainTitle',
    composer: '#esim-editor5678 > div:first-child',
    sendButton: '.SendBox button',
  },
  brokenOnChanged: ['messageRow', 'messageMiddle', 'messageItem', 'messageList'],
});

/** "Now" of every test: 2026-05-20 10:03:00 China time. */
const NOW = Date.parse('2026-05-20T10:03:00+08:00');
const fresh = (opts: { now?: () => number; robotNicknames?: () => readonly string[] } = {}) =>
  createKuaishouAdapter({ now: () => NOW, ...opts });

const opened: LoadedPage[] = [];
afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
});
const fixtureHtml = (dir: string, name: string) => readFileSync(join(dir, 'fixtures', `${name}.html`), 'utf8');
/** A page parsed at an address, its saved-from comment taken out (so the address decides). */
function loadAt(html: string, url: string): Document {
  const page = loadHtml(html.replace(/<!-- saved from url=\(\d+\)\S+ -->\n/, ''), url);
  opened.push(page);
  return page.document;
}

const nameEl = (doc: Document, nickname: string, nth = 0) =>
  [...doc.querySelectorAll('.SessionBaseCard-topHeadName')].filter((n) => n.textContent?.startsWith(nickname))[nth]!;
const cardOf = (doc: Document, nickname: string, nth = 0) => nameEl(doc, nickname, nth).closest<HTMLElement>('.SessionBaseCard')!;
const transcript = (doc: Document) => doc.querySelector('.ChatMessageList-ContentWrap')!;
const header = (doc: Document) => doc.querySelector('.LoginUserInfo-mainTitle-text')!;
const keys = (a: ReturnType<typeof fresh>, doc: Document) => a.conversations(doc).map((c) => c.buyer);

/** Click another card as the page does: the highlight moves and the header changes (the transcript not yet). */
function switchTo(doc: Document, nickname: string): void {
  for (const c of doc.querySelectorAll('.colorHighLight')) c.classList.replace('colorHighLight', 'colorLowLight');
  cardOf(doc, nickname).classList.replace('colorLowLight', 'colorHighLight');
  header(doc).textContent = nickname;
}

/** A message row as the note's skeleton has it. */
function row(side: 'isMine' | 'notMe', id: string, line: string, text: string): string {
  return (
    `<div id="${id}"><div class="kwaishop-cs-LayoutDefaultWrapper_msgMain">` +
    `<div class="kwaishop-cs-LayoutDefaultWrapper_lrWrapper kwaishop-cs-LayoutDefaultWrapper__${side}">` +
    `<div class="kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody">${line}</div>` +
    `<div class="kwaishop-cs-LayoutDefaultWrapper_msgBody"><div class="kwaishop-cs-BizTextCard">${text}</div></div>` +
    `</div></div></div>`
  );
}

describe('kuaishouAdapter.health', () => {
  it('names the renamed transcript on changed markup', () => {
    expect(kuaishouAdapter.health(pages['changed-markup']!)).toEqual({
      healthy: false,
      recognised: true,
      problems: [
        'messageRow: no match for .kwaishop-cs-LayoutDefaultWrapper_msgMain, [class*="LayoutDefaultWrapper_msgMain"]',
        'messageMiddle: no match for .kwaishop-cs-LayoutMiddleWrapper_msgBody, [class*="LayoutMiddleWrapper_msgBody"]',
        'messageItem: no match for div[id*="cs-common-message-list-item"], .ChatMessageList-ContentWrap div[id^="0_"]',
        'messageList: no match for .ChatMessageList-ContentWrap, .ChatMessageList',
      ],
    });
  });

  it('the login page is not the workbench, by its address', () => {
    expect(kuaishouAdapter.health(pages['not-workbench']!)).toEqual({
      healthy: false,
      recognised: false,
      problems: ['page: not the Kuaishou workbench (the login page on login.kwaixiaodian.com: log in to 快手小店 again)'],
    });
    expect(kuaishouAdapter.sendKey(pages['not-workbench']!)).toBeNull();
    expect(kuaishouAdapter.rowElements(pages['not-workbench']!).size).toBe(0);
    expect(kuaishouAdapter.shop(pages['not-workbench']!)).toBeNull();
  });

  it('and by its markup alone, at the workbench address', () => {
    const doc = loadAt(fixtureHtml(import.meta.dirname, 'not-workbench'), kuaishouMeta.workbenchUrl);
    const h = kuaishouAdapter.health(doc);
    expect(h.recognised).toBe(false);
    expect(h.problems[0]).toBe('page: not the Kuaishou workbench (no conversation list, conversation or composer)');
    expect(h.problems.slice(1).map((p) => p.split(':')[0])).toEqual(['card', 'listRoot', 'headerName', 'messageList', 'messageRow', 'messageMiddle', 'composer']);
  });

  it.each([
    ['https://im.kwaixiaodian.com/pc', 'page: not the Kuaishou workbench (the page is /pc on im.kwaixiaodian.com)'],
    ['https://im.kwaixiaodian.com/', 'page: not the Kuaishou workbench (the page is / on im.kwaixiaodian.com)'],
    ['https://im.kwaixiaodian.com/workbenchx', 'page: not the Kuaishou workbench (the page is /workbenchx on im.kwaixiaodian.com)'],
    ['https://s.kwaixiaodian.com/zone/settles/chat', 'page: not the Kuaishou workbench (the page is on s.kwaixiaodian.com)'],
    ['https://im.kwaixiaodian.com.evil.test/workbench', 'page: not the Kuaishou workbench (the page is on im.kwaixiaodian.com.evil.test)'],
    [jdMeta.workbenchUrl, 'page: not the Kuaishou workbench (the page is on dongdong.jd.com)'],
  ])('the workbench markup at %s is not the workbench', (url, problem) => {
    const doc = loadAt(fixtureHtml(import.meta.dirname, 'workbench'), url);
    const adapter = fresh();
    expect(adapter.health(doc)).toEqual({ healthy: false, recognised: false, problems: [problem] });
    expect(adapter.conversations(doc)).toEqual([]);
    expect(adapter.messages(doc)).toEqual([]);
    expect(adapter.openConversation(doc)).toBeNull();
    expect(adapter.composer(doc)).toBeNull();
    expect(adapter.open(doc, '~演示用户丙')).toBe(false);
  });

  it('its own sub-pages and queries are the workbench when they show the chat', () => {
    const html = fixtureHtml(import.meta.dirname, 'workbench');
    for (const url of ['https://im.kwaixiaodian.com/workbench?from=kwaixiaodian#/', 'https://im.kwaixiaodian.com/workbench/']) {
      expect(kuaishouAdapter.health(loadAt(html, url)).healthy, url).toBe(true);
    }
    // 客服考核数据: the app's root without any chat part is not the chat workbench.
    const assess = loadAt('<div id="main_root"><main><div class="assess-page">考核数据</div></main></div>', 'https://im.kwaixiaodian.com/workbench/zone/data/assess');
    expect(kuaishouAdapter.health(assess)).toMatchObject({ healthy: false, recognised: false });
  });

  it('lost login on the workbench: recognised, unhealthy, and says so', () => {
    const doc = load('workbench');
    doc.body.insertAdjacentHTML('beforeend', '<div class="ant-modal"><div class="ant-modal-body">登录信息已经失效，请重新登录</div></div>');
    expect(kuaishouAdapter.health(doc)).toEqual({
      healthy: false,
      recognised: true,
      problems: ['login: the page says 登录信息已经失效 (logged out of 快手小店: log in again)'],
    });
    // The app shows only the notice: still the workbench, logged out.
    const bare = loadAt('<div id="main_root"><main><div class="login-expired">登录信息已经失效</div></main></div>', kuaishouMeta.workbenchUrl);
    expect(kuaishouAdapter.health(bare)).toMatchObject({ healthy: false, recognised: true });
    expect(kuaishouAdapter.health(bare).problems[0]).toMatch(/^login: /);
  });

  it('the lost-login words in a buyer message, a preview or the editor are no lost login', () => {
    const doc = load('workbench');
    transcript(doc).insertAdjacentHTML('beforeend', row('notMe', '0_9000000001_m99', '演示用户丙5-20 10:02:30', '示例：我这边提示登录信息已经失效'));
    doc.querySelector('.SessionBaseCard-lastMessage')!.textContent = '登录信息已经失效';
    doc.querySelector('.ql-editor p')!.textContent = '登录信息已经失效';
    expect(kuaishouAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
  });

  it('an open conversation needs its transcript and editor; nothing open needs neither', () => {
    const doc = load('workbench');
    doc.querySelector('.SendBox')!.remove();
    expect(kuaishouAdapter.health(doc).problems.map((p) => p.split(':')[0])).toEqual(['composer']);
    doc.querySelector('.ChatMessageList')!.remove();
    expect(kuaishouAdapter.health(doc).problems.map((p) => p.split(':')[0])).toEqual(['messageRow', 'messageMiddle', 'messageItem', 'messageList', 'composer']);
    doc.querySelector('.TargetUserHeader')!.remove();
    expect(kuaishouAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
  });

  it('an empty transcript and an empty list are normal; a missing root is named', () => {
    const doc = load('workbench');
    transcript(doc).replaceChildren();
    for (const g of doc.querySelectorAll('.SessionListGroupItem')) g.remove();
    expect(kuaishouAdapter.health(doc)).toEqual({ healthy: true, recognised: true, problems: [] });
    expect(kuaishouAdapter.conversations(doc)).toEqual([]);
    doc.querySelector('#main_root')!.id = 'root';
    doc.querySelector('.new-workbench-container')!.className = 'wb';
    expect(kuaishouAdapter.health(doc).problems).toEqual(['page: no match for .new-workbench-container, #main_root main']);
  });

  it("does not take PDD's, Feige's or JD's workbench for its own, at their address or at Kuaishou's", () => {
    for (const [dir, meta] of [['../pdd', pddMeta], ['../douyin', douyinMeta], ['../jd', jdMeta]] as const) {
      const html = fixtureHtml(join(import.meta.dirname, dir), 'workbench');
      for (const url of [meta.workbenchUrl, kuaishouMeta.workbenchUrl]) {
        const doc = loadAt(html, url);
        expect(kuaishouAdapter.health(doc), `${meta.id} at ${url}`).toMatchObject({ healthy: false, recognised: false });
        expect(kuaishouAdapter.conversations(doc)).toEqual([]);
        expect(kuaishouAdapter.messages(doc)).toEqual([]);
        expect(kuaishouAdapter.openConversation(doc)).toBeNull();
      }
    }
  });

  it("and PDD's, Feige's and JD's adapters do not take Kuaishou's pages for theirs", () => {
    for (const f of ['workbench', 'no-conversation-open', 'ungrouped', 'header-ahead']) {
      for (const adapter of [pddAdapter, douyinAdapter, jdAdapter]) {
        expect(adapter.health(pages[f]!).recognised, `${adapter.platform} ${f}`).toBe(false);
      }
    }
  });
});

describe('the page clock', () => {
  it.each([
    ['2分5秒后超时', 125],
    ['2分31秒后超时', 151],
    ['45秒后超时', 45],
    ['0秒后超时', 0],
    ['2分后超时', 120],
    ['3分钟后超时', 180],
    ['1分钟30秒后超时', 90],
    ['２分５秒后超时', 125], // full-width digits
    [' 2 分 5 秒 后超时 ', 125], // spaces
    ['2分\u30005秒后超时', 125], // a full-width space
    ['1小时2分后超时', 3720],
  ])('%j → %i s left', (text, remaining) => {
    expect(pageCountdown(text)).toEqual({ remaining });
  });

  it.each(['已超时', '超时', ' 已超时 ', '已超时2分钟'])('%j → over time', (text) => {
    expect(pageCountdown(text)).toEqual({ overtime: true });
  });

  it.each(['3小时', '1小时', '09:12', '昨天', '5-19', '后超时', '2分5秒', '即将超时', '', null, undefined])('%j is no countdown', (text) => {
    expect(pageCountdown(text)).toBeNull();
  });

  it('waiting is 180 − remaining (never below 0); over time at least 180', () => {
    expect(COUNTDOWN_SECONDS).toBe(180);
    expect(countdownWaiting({ remaining: 125 })).toBe(55);
    expect(countdownWaiting({ remaining: 180 })).toBe(0);
    expect(countdownWaiting({ remaining: 240 })).toBe(0);
    expect(countdownWaiting({ overtime: true })).toBe(180);
  });
});

describe('kuaishouAdapter conversations', () => {
  it('every card but the official account: provisional keys, the page clock, groups, the open card', () => {
    expect(fresh().conversations(pages.workbench!)).toEqual([
      { buyer: '~演示用户丙', provisional: true, nickname: '演示用户丙', preview: '示例：还有别的颜色吗', time: null, waiting: 55, overtime: false, active: true },
      // 下单数(2) stripped
      { buyer: '~演示用户丁', provisional: true, nickname: '演示用户丁', preview: '示例：什么时候发货', time: null, waiting: 135, overtime: false, active: false },
      // the numeric id the card shows before the name
      { buyer: '~9000000007', provisional: true, nickname: '9000000007', preview: '[图片]', time: null, waiting: 60, overtime: false, active: false },
      { buyer: '~演示用户戊', provisional: true, nickname: '演示用户戊', preview: '示例：能便宜点吗', time: null, waiting: 120, overtime: false, active: false },
      // the collapsed 已超时 group's one card: the same nickname, another avatar, another buyer
      { buyer: '~演示用户戊@5d28b25e', provisional: true, nickname: '演示用户戊', preview: '示例：怎么还不回复', time: null, waiting: 180, overtime: true, active: false },
      { buyer: '~演示用户己', provisional: true, nickname: '演示用户己', preview: '示例：在吗', time: null, waiting: 180, overtime: true, active: false },
      // 2小时: no countdown, no time (it changes), under a group that says nothing of waiting
      { buyer: '~演示用户庚', provisional: true, nickname: '演示用户庚', preview: '[系统自动回复消息]', time: null, waiting: null, overtime: false, active: false },
      { buyer: '~演示用户辛', provisional: true, nickname: '演示用户辛', preview: '示例：好的谢谢', time: '09:12', waiting: null, overtime: false, active: false },
    ]);
  });

  it('the groups as the page shows them: a collapsed group shows one card of its count', () => {
    expect(kuaishouGroups(pages.workbench!)).toEqual([
      { name: '请在3分钟内回复', kind: 'waiting', count: 4, shown: 4 },
      { name: '已超时', kind: 'overtime', count: 3, shown: 1 },
      { name: '其他会话', kind: 'other', count: 4, shown: 4 },
    ]);
    expect(kuaishouGroups(pages['no-conversation-open']!)).toEqual([
      { name: '请在3分钟内回复', kind: 'waiting', count: 1, shown: 1 },
      { name: '已超时', kind: 'overtime', count: 0, shown: 0 },
    ]);
    expect(kuaishouGroups(pages.ungrouped!)).toEqual([]);
    expect(kuaishouGroups(pages['not-workbench']!)).toEqual([]);
  });

  it('a card the group says is waiting, without a countdown: 0 under 请在3分钟内回复, 180 under 已超时', () => {
    const doc = load('workbench');
    cardOf(doc, '演示用户丁').querySelector('.SessionBaseCard-topHeadTime')!.textContent = '3小时';
    cardOf(doc, '演示用户戊', 1).querySelector('.SessionBaseCard-topHeadTime')!.remove();
    const rows = fresh().conversations(doc);
    expect(rows.find((r) => r.buyer === '~演示用户丁')).toMatchObject({ waiting: 0, overtime: false, time: null });
    expect(rows.find((r) => r.buyer === '~演示用户戊@5d28b25e')).toMatchObject({ waiting: 180, overtime: true });
  });

  it('past 已超时: the wait since the countdown was seen to start, else 180', () => {
    let t = NOW;
    const adapter = fresh({ now: () => t });
    const doc = load('workbench');
    const clock = cardOf(doc, '演示用户丁').querySelector('.SessionBaseCard-topHeadTime')!;
    expect(adapter.conversations(doc)[1]!.waiting).toBe(135); // 45秒后超时: started at 10:00:45
    t += 10 * 60_000;
    clock.textContent = '已超时';
    expect(adapter.conversations(doc)[1]).toMatchObject({ waiting: 735, overtime: true });
    expect(fresh({ now: () => t }).conversations(doc)[1]).toMatchObject({ waiting: 180, overtime: true });
    // Answered (an absolute time), then a new countdown: from the new start.
    clock.textContent = '10:13';
    expect(adapter.conversations(doc)[1]).toMatchObject({ waiting: 0, time: '10:13' }); // still under 请在3分钟内回复
    clock.textContent = '2分50秒后超时';
    expect(adapter.conversations(doc)[1]!.waiting).toBe(10);
  });

  it('the wykf fallback: a span under the info block reading 秒 / 分钟 / 超时', () => {
    expect(fresh().conversations(pages['changed-markup']!)).toEqual([
      { buyer: '~演示用户癸', provisional: true, nickname: '演示用户癸', preview: '示例：包邮吗', time: null, waiting: 120, overtime: false, active: true },
      { buyer: '~演示用户子', provisional: true, nickname: '演示用户子', preview: '示例：人呢', time: null, waiting: 180, overtime: true, active: false },
    ]);
  });

  it('the ungrouped list: digits at the end of a nickname, equal nicknames without avatars by their order', () => {
    expect(fresh().conversations(pages.ungrouped!).map((r) => [r.buyer, r.nickname, r.waiting, r.time])).toEqual([
      ['~演示用户丑', '演示用户丑', 120, null],
      ['~小鹿12', '小鹿12', 150, null],
      ['~演示用户寅', '演示用户寅', null, null],
      ['~演示用户寅#2', '演示用户寅', null, '昨天'],
    ]);
  });

  it.each(['官方极致保障', '快手官方', '快手小店官方助手', '官方客服', '示例电商官方客服'])('%s is an official account', (name) => {
    expect(isOfficialAccount(name)).toBe(true);
  });

  it.each(['演示用户丙', '官网粉丝', '爱买官方正品的小王'])('%s is a buyer', (name) => {
    expect(isOfficialAccount(name)).toBe(false);
  });

  it('下单数 suffixes and group counts', () => {
    expect(stripOrderCount('演示用户丁下单数(2)')).toBe('演示用户丁');
    expect(stripOrderCount('演示用户丁 下单数（12）')).toBe('演示用户丁');
    expect(stripOrderCount('下单数爱好者')).toBe('下单数爱好者');
    expect(stripOrderCount('小鹿12')).toBe('小鹿12');
    expect([parseGroupCount('(3)'), parseGroupCount('（4）'), parseGroupCount('（１２）'), parseGroupCount('已超时')]).toEqual([3, 4, 12, null]);
  });

  it('rowElements: the keys of conversations(), the base cards', () => {
    const adapter = fresh();
    const rows = adapter.rowElements(pages.workbench!);
    expect([...rows.keys()]).toEqual(adapter.conversations(pages.workbench!).map((c) => c.buyer));
    expect([...rows.values()].every((list) => list.length === 1 && list[0]!.classList.contains('SessionBaseCard'))).toBe(true);
  });

  it('chipSlot: the card’s text column (or the row)', () => {
    const [first] = [...fresh().rowElements(pages.workbench!).values()][0]!;
    expect(kuaishouAdapter.chipSlot(first!).className).toBe('SessionBaseCard-info');
    const [changed] = [...fresh().rowElements(pages['changed-markup']!).values()][0]!;
    expect(kuaishouAdapter.chipSlot(changed!).className).toBe('SessionCard-info');
    const bare = pages.workbench!.createElement('div');
    expect(kuaishouAdapter.chipSlot(bare)).toBe(bare);
  });

  it('open clicks an inner part of the card, never the outer dropdown trigger; false when not listed', () => {
    const doc = load('workbench');
    const card = cardOf(doc, '演示用户丁');
    const inner = vi.fn();
    const outer = vi.fn((e: Event) => e.target === card && inner.mockClear());
    card.querySelector('.SessionBaseCard-Static')!.addEventListener('click', inner);
    card.addEventListener('click', outer);
    expect(fresh().open(doc, '~演示用户丁')).toBe(true);
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer.mock.calls[0]![0].target).not.toBe(card);
    expect(fresh().open(doc, '~演示用户子')).toBe(false);
    expect(fresh().open(doc, '~官方极致保障')).toBe(false);
    // Renamed markup: the renamed inner part.
    const changed = load('changed-markup');
    const clicked = vi.fn();
    changed.querySelector('.SessionCard-Static')!.addEventListener('click', clicked);
    expect(fresh().open(changed, '~演示用户癸')).toBe(true);
    expect(clicked).toHaveBeenCalledTimes(1);
  });
});

describe('provisional keys and their binding', () => {
  it('opening binds the card key to the id of the messages; the provisional key is reported while it stays open', () => {
    const adapter = fresh();
    const doc = load('workbench');
    expect(adapter.conversations(doc)[0]).toMatchObject({ buyer: '~演示用户丙', provisional: true });
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000001', nickname: '演示用户丙', provisional: '~演示用户丙' });
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000001', nickname: '演示用户丙', provisional: '~演示用户丙' });
    expect(adapter.conversations(doc)[0]).toMatchObject({ buyer: '9000000001', provisional: false, active: true });
    expect([...adapter.rowElements(doc).keys()][0]).toBe('9000000001');
    // Found by the id and by the key it had.
    expect(adapter.open(doc, '9000000001')).toBe(true);
    expect(adapter.open(doc, '~演示用户丙')).toBe(true);
  });

  it('the numeric id first, the name later: the card keeps its key', () => {
    const adapter = fresh();
    const doc = load('workbench');
    expect(keys(adapter, doc)[2]).toBe('~9000000007');
    nameEl(doc, '9000000007').textContent = '演示用户壬';
    expect(adapter.conversations(doc)[2]).toMatchObject({ buyer: '~9000000007', nickname: '演示用户壬', waiting: 60 });
    // The page re-renders the card: the name keeps the key it took over.
    const card = cardOf(doc, '演示用户壬').closest('.SessionStarCard')!;
    card.replaceWith(card.cloneNode(true));
    expect(adapter.conversations(doc)[2]).toMatchObject({ buyer: '~9000000007', nickname: '演示用户壬' });
    // Opened: bound to the id under the key it had from the start.
    switchTo(doc, '演示用户壬');
    transcript(doc).innerHTML = row('notMe', '0_9000000007_n1', '演示用户壬5-20 10:02:00', '示例：这个图里的');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000007', nickname: '演示用户壬', provisional: '~9000000007' });
  });

  it('a name that changes to another name gets a new key; a number shown elsewhere keeps its own', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.conversations(doc);
    nameEl(doc, '演示用户庚').textContent = '演示用户午';
    expect(keys(adapter, doc)).toContain('~演示用户午');
    // Two cards: the number stays on another card, so the renamed one does not take its key.
    const adapter2 = fresh();
    const doc2 = load('workbench');
    adapter2.conversations(doc2);
    nameEl(doc2, '9000000007').textContent = '演示用户壬';
    nameEl(doc2, '演示用户辛').textContent = '9000000007';
    const rows = adapter2.conversations(doc2);
    expect(rows.find((r) => r.nickname === '演示用户壬')!.buyer).toBe('~演示用户壬');
    // The card now showing the number has another avatar than the one first seen with it: another buyer.
    expect(rows.find((r) => r.nickname === '9000000007')!.buyer).toMatch(/^~9000000007@[0-9a-f]{8}$/);
  });

  it('the header shows the name while the card still shows the id: the card of that id is bound', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.conversations(doc);
    switchTo(doc, '9000000007');
    header(doc).textContent = '演示用户壬';
    transcript(doc).innerHTML = row('notMe', '0_9000000007_n1', '演示用户壬5-20 10:02:00', '示例：这个图里的');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000007', nickname: '演示用户壬', provisional: '~9000000007' });
    expect(adapter.conversations(doc)[2]).toMatchObject({ buyer: '9000000007', nickname: '9000000007' });
  });

  it('equal nicknames are never merged: avatars tell them apart, whatever the order', () => {
    const adapter = fresh();
    const doc = load('workbench');
    const wu = () => adapter.conversations(doc).filter((r) => r.nickname === '演示用户戊').map((r) => r.buyer);
    expect(wu()).toEqual(['~演示用户戊', '~演示用户戊@5d28b25e']);
    // The overtime group moves to the top: each card keeps its key.
    const groups = doc.querySelector('.SessionListGroup-FolderSessions')!;
    groups.prepend(groups.children[1]!);
    expect(wu()).toEqual(['~演示用户戊@5d28b25e', '~演示用户戊']);
    // The page re-renders every card (new nodes): still by avatar.
    for (const c of doc.querySelectorAll('.SessionStarCard')) c.replaceWith(c.cloneNode(true));
    expect(wu()).toEqual(['~演示用户戊@5d28b25e', '~演示用户戊']);
  });

  it('the open one of two equal nicknames: the card the page highlights', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.conversations(doc);
    for (const c of doc.querySelectorAll('.colorHighLight')) c.classList.replace('colorHighLight', 'colorLowLight');
    cardOf(doc, '演示用户戊', 1).classList.replace('colorLowLight', 'colorHighLight');
    header(doc).textContent = '演示用户戊';
    transcript(doc).innerHTML = row('notMe', '0_9000000005_w1', '演示用户戊5-20 09:59:00', '示例：怎么还不回复');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000005', nickname: '演示用户戊', provisional: '~演示用户戊@5d28b25e' });
    expect(adapter.conversations(doc).filter((r) => r.nickname === '演示用户戊').map((r) => r.buyer)).toEqual(['~演示用户戊', '9000000005']);
  });

  it('two equal nicknames, neither highlighted nor told by the header avatar: nothing is bound', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.conversations(doc);
    for (const c of doc.querySelectorAll('.colorHighLight')) c.classList.replace('colorHighLight', 'colorLowLight');
    header(doc).textContent = '演示用户戊';
    doc.querySelector('.TargetUserHeader img')!.setAttribute('src', 'https://p1.a.yximgs.com/uhead/AB/other.jpg');
    transcript(doc).innerHTML = row('notMe', '0_9000000005_w1', '演示用户戊5-20 09:59:00', '示例：怎么还不回复');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000005', nickname: '演示用户戊', provisional: null });
    expect(adapter.conversations(doc).filter((r) => r.nickname === '演示用户戊').map((r) => r.provisional)).toEqual([true, true]);
    // The header's avatar (its query ignored) names the second.
    doc.querySelector('.TargetUserHeader img')!.setAttribute('src', 'https://p1.a.yximgs.com/uhead/AB/2026/04/28/09/demo_e2.jpg?x=9');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000005', nickname: '演示用户戊', provisional: '~演示用户戊@5d28b25e' });
  });

  it('a document never shares its keys with another', () => {
    const adapter = fresh();
    const a = load('workbench');
    const b = load('workbench');
    cardOf(a, '演示用户戊').closest('.SessionStarCard')!.remove();
    expect(keys(adapter, a).filter((k) => k.startsWith('~演示用户戊'))).toEqual(['~演示用户戊']);
    expect(keys(adapter, b).filter((k) => k.startsWith('~演示用户戊'))).toEqual(['~演示用户戊', '~演示用户戊@5d28b25e']);
    adapter.openConversation(b);
    expect(keys(adapter, a)[0]).toBe('~演示用户丙');
    expect(keys(adapter, b)[0]).toBe('9000000001');
  });
});

describe('header ahead of the transcript', () => {
  it('a saved page at that moment: the transcript stays with the buyer its ids name, nothing is bound', () => {
    const adapter = fresh();
    const doc = pages['header-ahead']!;
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000001', nickname: '演示用户丙', provisional: null });
    expect(adapter.messages(doc).map((m) => m.id)).toEqual(['0_9000000001_m4', '0_9000000001_m15']);
    expect(adapter.conversations(doc).map((r) => [r.buyer, r.active])).toEqual([
      ['~演示用户丙', false],
      ['~演示用户丁', true],
    ]);
  });

  it('a switch: the previous conversation until the pane shows the new buyer, then bound', () => {
    const adapter = fresh();
    const doc = load('workbench');
    expect(adapter.openConversation(doc)?.buyer).toBe('9000000001');
    switchTo(doc, '演示用户丁');
    // Header and card say 丁, the transcript is still 丙's: 丙 stays open, with 丙's messages.
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000001', nickname: '演示用户丙', provisional: '~演示用户丙' });
    expect(adapter.messages(doc)).toHaveLength(16);
    // Only our side of 丙's left: the id is 丙's, still 丙's.
    transcript(doc).innerHTML = row('isMine', '0_9000000001_m14', '演示小店:客服15-20 10:01:10', '示例：偏大一码');
    expect(adapter.openConversation(doc)?.buyer).toBe('9000000001');
    // The pane clears while it loads: 丁 is open under the card's key, nothing shown yet.
    transcript(doc).replaceChildren();
    expect(adapter.openConversation(doc)).toEqual({ buyer: '~演示用户丁', nickname: '演示用户丁', provisional: null });
    expect(adapter.messages(doc)).toEqual([]);
    transcript(doc).innerHTML = row('notMe', '0_9000000002_d1', '演示用户丁5-20 10:02:15', '示例：什么时候发货');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000002', nickname: '演示用户丁', provisional: '~演示用户丁' });
    expect(adapter.messages(doc)).toEqual([{ id: '0_9000000002_d1', sender: 'buyer', text: '示例：什么时候发货', ts: '2026-05-20T10:02:15+08:00' }]);
  });

  it('a new transcript with no buyer message: the header\'s once its id was never another\'s', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.openConversation(doc);
    switchTo(doc, '演示用户丁');
    transcript(doc).innerHTML = row('isMine', '0_9000000002_d1', '演示小店:客服15-20 10:02:20', '示例：您好');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000002', nickname: '演示用户丁', provisional: '~演示用户丁' });
  });

  it('ids naming two buyers (mid-switch): nothing is attributed', () => {
    const adapter = fresh();
    const doc = load('workbench');
    transcript(doc).insertAdjacentHTML('beforeend', row('notMe', '0_9000000002_d1', '演示用户丁5-20 10:02:15', '示例：什么时候发货'));
    expect(adapter.openConversation(doc)).toEqual({ buyer: null, nickname: '演示用户丙', provisional: null });
    expect(adapter.messages(doc)).toEqual([]);
    expect(adapter.ourSideNicknames!(doc)).toEqual([]);
  });

  it('a transcript without ids: the open card\'s key, unless its sender lines name another buyer', () => {
    const adapter = fresh();
    const doc = load('workbench');
    for (const el of transcript(doc).querySelectorAll('[id]')) el.removeAttribute('id');
    expect(adapter.openConversation(doc)).toEqual({ buyer: '~演示用户丙', nickname: '演示用户丙', provisional: null });
    expect(adapter.messages(doc)).toHaveLength(16);
    switchTo(doc, '演示用户丁');
    expect(adapter.openConversation(doc)).toEqual({ buyer: null, nickname: '演示用户丁', provisional: null });
    expect(adapter.messages(doc)).toEqual([]);
  });

  it('no header: the ids alone, with the name they were seen with', () => {
    const adapter = fresh();
    const doc = load('workbench');
    adapter.openConversation(doc);
    doc.querySelector('.TargetUserHeader')!.remove();
    expect(adapter.openConversation(doc)).toEqual({ buyer: '9000000001', nickname: '演示用户丙', provisional: null });
    expect(fresh().openConversation(pages['no-conversation-open']!)).toBeNull();
    expect(fresh().messages(pages['no-conversation-open']!)).toEqual([]);
  });
});

describe('kuaishouAdapter.messages', () => {
  it('every kind: sides, robot and marketing, system notices and cards, images, ids, times', () => {
    expect(fresh().messages(pages.workbench!)).toEqual([
      { id: '0_9000000001_m0', sender: 'buyer', text: '示例：有M码吗', ts: '2026-05-19T22:10:05+08:00' },
      { id: '0_9000000001_m1', sender: 'agent', text: '示例：有的亲', ts: '2026-05-19T22:11:00+08:00' },
      { id: '0_9000000001_m2', sender: 'system', text: '买家超时未回复，会话关闭', ts: null },
      { id: '0_9000000001_m3', sender: 'system', text: null, ts: null }, // the lead card
      { id: '0_9000000001_m4', sender: 'buyer', text: '示例：尺码偏大吗[疑问]', ts: '2026-05-20T10:00:03+08:00' },
      { id: '0_9000000001_m5', sender: 'robot', text: '亲，您好，智能客服为您服务', ts: '2026-05-20T10:00:05+08:00' }, // by nickname
      { id: '0_9000000001_m6', sender: 'robot', text: null, ts: '2026-05-20T10:00:06+08:00' }, // marketing card
      { id: '0_9000000001_m7', sender: 'system', text: '【防诈贴士】示例：请勿添加私人联系方式交易', ts: null },
      { id: '0_9000000001_m8', sender: 'buyer', text: null, ts: '2026-05-20T10:00:40+08:00' }, // image
      { id: '0_9000000001_m9', sender: 'buyer', text: null, ts: '2026-05-20T10:00:45+08:00' }, // notice card
      { id: '0_9000000001_m10', sender: 'system', text: null, ts: '2026-05-20T10:00:47+08:00' }, // order card
      { id: '0_9000000001_m11', sender: 'system', text: null, ts: '2026-05-20T10:00:48+08:00' }, // 催付卡片
      { id: '0_9000000001_m12', sender: 'system', text: '智能快捷回复助手：示例，为您推荐3条回复', ts: null },
      { id: '0_9000000001_m13', sender: 'buyer', text: '示例：那我拿M码', ts: '2026-05-20T10:00:55+08:00' }, // side on an ancestor
      { id: '0_9000000001_m14', sender: 'agent', text: '示例：偏大一码，建议拿小一号', ts: '2026-05-20T10:01:10+08:00' }, // on the row
      { id: '0_9000000001_m15', sender: 'buyer', text: '示例：还有别的颜色吗', ts: '2026-05-20T10:02:05+08:00' },
    ]);
  });

  it('ids inside cs-common-message-list-item ids; the time in a node of its own', () => {
    const adapter = fresh();
    expect(adapter.openConversation(pages.ungrouped!)).toEqual({ buyer: '9000000041', nickname: '演示用户丑', provisional: '~演示用户丑' });
    expect(adapter.messages(pages.ungrouped!)).toEqual([
      { id: 'cs-common-message-list-item-0_9000000041_a1', sender: 'buyer', text: '示例：发什么快递', ts: '2026-05-20T10:01:20+08:00' },
      { id: 'cs-common-message-list-item-0_9000000041_a2', sender: 'agent', text: '示例：默认中通', ts: '2026-05-20T10:01:30+08:00' },
      { id: 'cs-common-message-list-item-0_9000000041_a3', sender: 'buyer', text: '示例：发顺丰吗', ts: '2026-05-20T10:02:00+08:00' },
    ]);
    expect(adapter.ourSideNicknames!(pages.ungrouped!)).toEqual([{ nickname: '客服12', robot: false }]);
  });

  it('the buyer id is segment [1] of a message id', () => {
    expect(buyerIdOf('0_9000000001_m1')).toBe('9000000001');
    expect(buyerIdOf('0_9000000001')).toBe('9000000001');
    expect(buyerIdOf('cs-common-message-list-item-0_9000000041_a1')).toBe('9000000041');
    expect([buyerIdOf('1_9000000001_m1'), buyerIdOf('10_9000000001_m1'), buyerIdOf(''), buyerIdOf(null)]).toEqual([null, null, null, null]);
  });

  it('without a side modifier: the sender line against the header (dxl), never without a header', () => {
    const doc = load('workbench');
    for (const el of transcript(doc).querySelectorAll('[class*="__notMe"], [class*="__isMine"]')) {
      el.className = el.className.replace(/\s*kwaishop-cs-LayoutDefaultWrapper__(?:notMe|isMine)/, '');
    }
    const senders = fresh().messages(doc).map((m) => m.sender);
    expect(senders).toEqual(['buyer', 'agent', 'system', 'system', 'buyer', 'robot', 'robot', 'system', 'buyer', 'buyer', 'system', 'system', 'system', 'buyer', 'agent', 'buyer']);
    doc.querySelector('.TargetUserHeader')!.remove();
    expect(fresh().messages(doc).filter((m) => m.sender === 'buyer' || m.sender === 'agent')).toEqual([]);
  });

  it('the side: the nearest modifier wins, inside the row too', () => {
    const doc = load('workbench');
    transcript(doc).innerHTML =
      '<div id="0_9000000001_s1"><div class="kwaishop-cs-LayoutDefaultWrapper__isMine"><div class="kwaishop-cs-LayoutDefaultWrapper_msgMain kwaishop-cs-LayoutDefaultWrapper__notMe">' +
      '<div class="kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody">演示用户丙5-20 10:00:00</div><div class="kwaishop-cs-LayoutDefaultWrapper_msgBody">示例：甲</div></div></div></div>' +
      '<div id="0_9000000001_s2"><div class="kwaishop-cs-LayoutDefaultWrapper_msgMain"><div class="x"><div class="kwaishop-cs-LayoutDefaultWrapper__isMine">' +
      '<div class="kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody">演示小店5-20 10:00:10</div><div class="kwaishop-cs-LayoutDefaultWrapper_msgBody">示例：乙</div></div></div></div></div>';
    expect(fresh().messages(doc).map((m) => [m.sender, m.text])).toEqual([
      ['buyer', '示例：甲'],
      ['agent', '示例：乙'],
    ]);
  });

  it('markers are read where they mean something: cards, whole notices, texts that start with a title', () => {
    const doc = load('workbench');
    transcript(doc).innerHTML = [
      row('isMine', '0_9000000001_t1', '演示小店5-20 10:00:00', '示例：这款券后价59，立省10元'), // an agent may type it
      row('notMe', '0_9000000001_t2', '演示用户丙5-20 10:00:10', '示例：为什么会话关闭了'),
      row('notMe', '0_9000000001_t3', '演示用户丙5-20 10:00:20', '示例：我的订单卡片发不出去'),
      row('isMine', '0_9000000001_t4', '演示小店5-20 10:00:30', '评价邀请：示例，期待您的评价'),
      row('isMine', '0_9000000001_t5', '演示小店5-20 10:00:40', '常见问题回答：示例。前往设置，立即配置'),
      row('notMe', '0_9000000001_t6', '演示用户丙5-20 10:00:50', '当前用户来自 示例连衣裙 商品详情页'),
      row('isMine', '0_9000000001_t7', '演示小店5-20 10:01:00', '客服超时未回复，会话关闭'),
    ].join('');
    expect(fresh().messages(doc).map((m) => m.sender)).toEqual(['agent', 'buyer', 'buyer', 'system', 'system', 'system', 'system']);
  });

  it('a notice card on our side is no human answer; a marketing card from a robot nickname is a robot', () => {
    const doc = load('workbench');
    transcript(doc).innerHTML =
      row('notMe', '0_9000000001_u0', '演示用户丙5-20 10:00:00', '示例：在吗') +
      '<div id="0_9000000001_u1"><div class="kwaishop-cs-LayoutDefaultWrapper_msgMain"><div class="kwaishop-cs-LayoutDefaultWrapper_lrWrapper kwaishop-cs-LayoutDefaultWrapper__isMine">' +
      '<div class="kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody">演示小店5-20 10:00:10</div><div class="kwaishop-cs-LayoutDefaultWrapper_msgBody"><div class="kwaishop-cs-BizNoticeCard">示例：已为您改价</div></div></div></div></div>';
    expect(fresh().messages(doc).map((m) => m.sender)).toEqual(['buyer', 'system']);
  });
});

describe('robot or agent, by nickname', () => {
  it('the defaults are the meta guesses; ourSideNicknames lists our side\'s names', () => {
    expect(DEFAULT_KUAISHOU_ROBOT_NICKNAMES).toEqual(kuaishouMeta.robotNicknames);
    expect(fresh().ourSideNicknames!(pages.workbench!)).toEqual([
      { nickname: '演示小店:小美', robot: false },
      { nickname: '智能客服', robot: true },
      { nickname: '演示小店', robot: false }, // the marketing card: a robot by its markers, not by its name
      { nickname: '演示小店:客服1', robot: false },
    ]);
  });

  it('configure() replaces the defaults (null restores them); trimmed, case-insensitive, whole names', () => {
    const adapter = createKuaishouAdapter({ now: () => NOW });
    const doc = load('workbench');
    const of = (id: string) => adapter.messages(doc).find((m) => m.id === id)!.sender;
    adapter.configure!({ robotNicknames: ['  演示小店:小美 '] });
    expect([of('0_9000000001_m1'), of('0_9000000001_m5')]).toEqual(['robot', 'agent']);
    expect(adapter.ourSideNicknames!(doc).find((n) => n.nickname === '演示小店:小美')!.robot).toBe(true);
    adapter.configure!({ robotNicknames: ['演示小店'] });
    expect(of('0_9000000001_m14')).toBe('agent'); // 演示小店:客服1 is another name
    adapter.configure!({ robotNicknames: null });
    expect([of('0_9000000001_m1'), of('0_9000000001_m5')]).toEqual(['agent', 'robot']);
    doc.querySelector('[id="0_9000000001_m5"] .kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody')!.textContent = 'KS-Bot5-20 10:00:05';
    const custom = createKuaishouAdapter({ now: () => NOW, robotNicknames: () => ['ks-bot'] });
    expect(custom.messages(doc).find((m) => m.id === '0_9000000001_m5')!.sender).toBe('robot');
  });

  it('a robot nickname is stripped off the sender line first: it decides a split the digits leave open', () => {
    const doc = load('workbench');
    const line = doc.querySelector('[id="0_9000000001_m5"] .kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody')!;
    line.textContent = '小助手12-20 10:00:05';
    // Unknown, the more recent reading: 小助手1 in February.
    expect(fresh().messages(doc).find((m) => m.id === '0_9000000001_m5')).toMatchObject({ sender: 'agent', ts: '2026-02-20T10:00:05+08:00' });
    expect(fresh({ robotNicknames: () => ['小助手'] }).messages(doc).find((m) => m.id === '0_9000000001_m5')).toMatchObject({ sender: 'robot', ts: '2025-12-20T10:00:05+08:00' });
    line.textContent = '小助手111-5 10:00:05';
    expect(fresh({ robotNicknames: () => ['小助手1'] }).messages(doc).find((m) => m.id === '0_9000000001_m5')).toMatchObject({ sender: 'robot', ts: '2025-11-05T10:00:05+08:00' });
  });

  it('a buyer-side message is the buyer whatever its nickname', () => {
    const doc = load('workbench');
    transcript(doc).insertAdjacentHTML('beforeend', row('notMe', '0_9000000001_m99', '智能客服5-20 10:02:30', '示例：机器人吗'));
    expect(fresh().messages(doc).at(-1)).toMatchObject({ id: '0_9000000001_m99', sender: 'buyer' });
  });
});

describe('sender lines', () => {
  it.each([
    ['测试顾客2-22 18:55:20', [], '测试顾客', '2026-02-22T18:55:20+08:00'],
    ['8-19 11:01:08', [], null, '2025-08-19T11:01:08+08:00'], // no name; a date still to come is last year's
    ['演示用户丙5-20 10:00:03', ['演示用户丙'], '演示用户丙', '2026-05-20T10:00:03+08:00'],
    ['小鹿125-20 10:00:03', [], '小鹿12', '2026-05-20T10:00:03+08:00'], // month 25 rejected
    ['小鹿125-20 10:00:03', ['小鹿12'], '小鹿12', '2026-05-20T10:00:03+08:00'],
    ['小鹿12-20 10:00:03', ['小鹿1'], '小鹿1', '2026-02-20T10:00:03+08:00'], // the known name first
    ['小鹿12-20 10:00:03', [], '小鹿1', '2026-02-20T10:00:03+08:00'], // Feb is more recent than last December
    ['小鹿15-19 22:00:00', [], '小鹿1', '2026-05-19T22:00:00+08:00'], // month 15 rejected
    ['用户1010-1 09:00:00', [], '用户10', '2025-10-01T09:00:00+08:00'], // month 10, not 0
    ['用户105-20 10:00:00', [], '用户10', '2026-05-20T10:00:00+08:00'], // a tie: the page does not pad months
    ['  演示 用户  5-20  10:00:03 ', [], '演示 用户', '2026-05-20T10:00:03+08:00'],
    ['演示用户丙5-2010:00:03', [], '演示用户丙', '2026-05-20T10:00:03+08:00'], // no space before the clock
  ])('%j (known %j) → %j at %s', (text, known, nickname, iso) => {
    expect(parseSenderLine(text, known, NOW)).toMatchObject({ nickname, ms: Date.parse(iso) });
  });

  it('the year so the time is not in the future: across new year', () => {
    const jan2 = Date.parse('2027-01-02T08:00:00+08:00');
    expect(parseSenderLine('演示用户丙12-31 23:59:00', ['演示用户丙'], jan2)!.ms).toBe(Date.parse('2026-12-31T23:59:00+08:00'));
    expect(parseSenderLine('演示用户丙1-2 07:59:00', ['演示用户丙'], jan2)!.ms).toBe(Date.parse('2027-01-02T07:59:00+08:00'));
    // A message minutes ahead of a slow clock is today's, not last year's.
    expect(parseSenderLine('演示用户丙1-2 08:03:00', ['演示用户丙'], jan2)!.ms).toBe(Date.parse('2027-01-02T08:03:00+08:00'));
  });

  it('two readings are flagged; a line without a time is all name; no date, no reading', () => {
    expect(parseSenderLine('小鹿12-20 10:00:03', [], NOW)!.ambiguous).toBe(true);
    expect(parseSenderLine('小鹿125-20 10:00:03', [], NOW)!.ambiguous).toBeUndefined();
    expect(parseSenderLine('演示小店:小美', [], NOW)).toEqual({ nickname: '演示小店:小美', ms: null });
    expect(parseSenderLine('演示用户丙13-40 10:00:00', [], NOW)).toBeNull();
    expect(parseSenderLine('演示用户丙2-30 10:00:00', [], NOW)).toBeNull();
    expect(parseSenderLine('', [], NOW)).toBeNull();
    expect(parseSenderLine(null, [], NOW)).toBeNull();
  });

  it('in a transcript, a name read without doubt splits the lines that had two readings', () => {
    const doc = load('workbench');
    transcript(doc).innerHTML =
      row('notMe', '0_9000000001_v1', '演示用户丙5-20 09:00:00', '示例：在吗') +
      row('isMine', '0_9000000001_v2', '客服15-20 09:01:00', '示例：在的') + // 客服1, month 15 impossible
      row('isMine', '0_9000000001_v3', '客服12-20 09:02:00', '示例：请说'); // 客服1 in Feb, or 客服 in Dec: 客服1 was seen
    expect(fresh().ourSideNicknames!(doc)).toEqual([{ nickname: '客服1', robot: false }]);
    expect(fresh().messages(doc)[2]!.ts).toBe('2026-02-20T09:02:00+08:00');
    // With 客服 seen instead, December it is.
    doc.querySelector('[id="0_9000000001_v2"] .kwaishop-cs-LayoutDefaultWrapper_beforeMsgBody')!.textContent = '客服5-20 09:01:00';
    expect(fresh().messages(doc)[2]!.ts).toBe('2025-12-20T09:02:00+08:00');
  });
});

describe('shop', () => {
  it('the probe\'s attribute on <html>, trimmed; never the header (that is the buyer)', () => {
    const doc = load('workbench');
    expect(kuaishouAdapter.shop(doc)).toBeNull();
    doc.documentElement.setAttribute(SHOP_ATTR, '  演示小店  官方旗舰店 ');
    expect(kuaishouAdapter.shop(doc)).toBe('演示小店 官方旗舰店');
    doc.documentElement.setAttribute(SHOP_ATTR, '   ');
    expect(kuaishouAdapter.shop(doc)).toBeNull();
    doc.documentElement.setAttribute(SHOP_ATTR, '店'.repeat(64));
    expect(kuaishouAdapter.shop(doc)).toBe('店'.repeat(64));
    doc.documentElement.setAttribute(SHOP_ATTR, '店'.repeat(65));
    expect(kuaishouAdapter.shop(doc)).toBeNull();
  });

  it('not on another page', () => {
    const doc = loadAt(fixtureHtml(import.meta.dirname, 'workbench'), 'https://im.kwaixiaodian.com/pc');
    doc.documentElement.setAttribute(SHOP_ATTR, '演示小店');
    expect(kuaishouAdapter.shop(doc)).toBeNull();
  });
});

describe('composer and send key', () => {
  it('the Quill editor and its primary button; the older build and a spaced 发 送 on changed markup', () => {
    const c = kuaishouAdapter.composer(pages.workbench!)!;
    expect(c.kind).toBe('contenteditable');
    expect(c.element.classList.contains('ql-editor')).toBe(true);
    expect(c.sendButton?.textContent).toBe('发送 Enter');
    expect(c.read()).toBe('');
    const changed = kuaishouAdapter.composer(pages['changed-markup']!)!;
    expect(changed.element.parentElement!.id).toBe('esim-editor5678');
    expect(changed.sendButton?.textContent).toBe('发 送');
    expect(kuaishouAdapter.composer(pages['no-conversation-open']!)).toBeNull();
  });

  it('user text goes in as text, never as markup', () => {
    const doc = load('workbench');
    const c = kuaishouAdapter.composer(doc)!;
    c.write('<img src=x onerror=alert(1)><b>粗</b>');
    expect(c.element.querySelector('img, b')).toBeNull();
    expect(c.read()).toBe('<img src=x onerror=alert(1)><b>粗</b>');
  });

  // A real Quill editor (its model must see the write, or the send button stays disabled) only runs in
  // a browser: tests/e2e/composer.spec.ts covers the shared writer on Quill.
  it.skip('Quill sees the write (browser only: tests/e2e/composer.spec.ts)', () => {});

  it('Enter sends (no setting is known); a label naming Ctrl+Enter would say otherwise', () => {
    expect(kuaishouAdapter.sendKey(pages.workbench!)).toBe('enter');
    expect(kuaishouAdapter.sendKey(pages['no-conversation-open']!)).toBe('enter');
    expect(kuaishouAdapter.sendKey(pages.ungrouped!)).toBe('enter');
    const doc = load('workbench');
    doc.querySelector('.SendBox-buttonRight .ant-btn-primary span')!.textContent = '发送 Ctrl+Enter';
    expect(kuaishouAdapter.sendKey(doc)).toBe('ctrl+enter');
  });
});
