// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { adapterConformance } from '../testing/conformance';
import { parseRowKey, pddAdapter } from './adapter';
import { pddMeta } from './meta';
import { pddScopes, pddSelectors } from './selectors';

const { load, pages } = adapterConformance({
  meta: pddMeta,
  adapter: pddAdapter,
  selectors: pddSelectors,
  scopes: pddScopes,
  dir: import.meta.dirname,
  // How many nodes each selector list must find on each saved page. A platform change shows up here
  // as a failing row that names the list: update the selectors (and this table) together.
  //                         workbench  no-conv  changed  not-wb
  expected: {
    shopName: /*         */ [1, 1, 1, 0],
    listContainer: /*    */ [1, 1, 1, 0],
    listRow: /*          */ [5, 2, 2, 0],
    activeRow: /*        */ [1, 0, 1, 0],
    rowNickname: /*      */ [5, 2, 2, 0],
    rowPreview: /*       */ [5, 2, 2, 0],
    rowTime: /*          */ [5, 2, 0, 0],
    rowChipSlot: /*      */ [5, 2, 2, 0],
    rowWaiting: /*       */ [2, 1, 1, 0],
    rowOvertime: /*      */ [1, 0, 0, 0],
    headerName: /*       */ [1, 1, 1, 0],
    messageList: /*      */ [1, 1, 0, 0],
    messageRow: /*       */ [8, 0, 2, 0],
    timeLine: /*         */ [2, 0, 1, 0],
    robotItem: /*        */ [1, 0, 1, 0],
    agentItem: /*        */ [2, 0, 0, 0],
    buyerItem: /*        */ [4, 0, 1, 0],
    systemItem: /*       */ [1, 0, 0, 0],
    messageUid: /*       */ [7, 0, 2, 0],
    messageText: /*      */ [5, 0, 2, 0],
    goodsCard: /*        */ [1, 0, 0, 0],
    composer: /*         */ [1, 1, 1, 0],
    sendButton: /*       */ [1, 1, 1, 0],
    sendKeyMenu: /*      */ [1, 0, 0, 0],
  },
  fallbacks: { listRow: '[data-random]', messageRow: 'li[id^="middlePanel_list_"]' },
  brokenOnChanged: ['messageList'],
});

describe('pddAdapter.health', () => {
  it('names the renamed message list', () => {
    expect(pddAdapter.health(pages['changed-markup']!)).toEqual({
      healthy: false,
      recognised: true,
      problems: ['messageList: no match for #msgListContainer ul.msg-list, #msgListContainer, ul.msg-list'],
    });
  });

  it('names every missing part on another page', () => {
    const { problems } = pddAdapter.health(pages['not-workbench']!);
    expect(problems[0]).toMatch(/not the PDD chat workbench/);
    expect(problems.slice(1).map((p) => p.split(':')[0])).toEqual(['listRow', 'listContainer', 'messageList', 'composer']);
  });
});

describe('pddAdapter.sendKey', () => {
  it('reads the page setting from the send-key menu, then from the placeholder', () => {
    expect(pddAdapter.sendKey(pages.workbench!)).toBe('ctrl+enter');
    const doc = load('no-conversation-open');
    expect(pddAdapter.sendKey(doc)).toBeNull();
    doc.querySelector('#replyTextarea')!.setAttribute('placeholder', '请输入回复内容，Enter 发送，Shift+Enter 换行');
    expect(pddAdapter.sendKey(doc)).toBe('enter');
  });
});

describe('pddAdapter reads', () => {
  it('shop', () => {
    expect(pddAdapter.shop(pages.workbench!)).toBe('暖阳杂货铺');
    expect(pddAdapter.shop(pages['not-workbench']!)).toBeNull();
  });

  it('conversations: one per buyer, merged across list groups, in first-appearance order', () => {
    expect(pddAdapter.conversations(pages.workbench!)).toEqual([
      // listed in unTimeout (badge) and in all (.active): both facts survive the merge
      { buyer: '5301001', nickname: '青柠汽水', preview: '那围巾有灰色吗', time: '00:30', waiting: 35, overtime: false, active: true },
      { buyer: '5301002', nickname: '山间小鹿', preview: '什么时候发货呀', time: '00:26', waiting: 240, overtime: true, active: false },
      { buyer: '5301003', nickname: '橘子不酸', preview: '好的谢谢', time: '昨天', waiting: null, overtime: false, active: false },
      { buyer: '5301004', nickname: '星河漫步', preview: '[商品]', time: '11-23', waiting: null, overtime: false, active: false },
    ]);
    expect(pddAdapter.conversations(pages['changed-markup']!).map((c) => [c.buyer, c.waiting, c.active])).toEqual([
      ['5301005', 3900, true],
      ['5301006', null, false],
    ]);
    expect(pddAdapter.conversations(pages['not-workbench']!)).toEqual([]);
  });

  it('rowElements: every row of a buyer listed in several groups', () => {
    const rows = pddAdapter.rowElements(pages.workbench!);
    expect([...rows.keys()]).toEqual(['5301001', '5301002', '5301003', '5301004']);
    expect(rows.get('5301001')!.map((r) => r.getAttribute('data-random'))).toEqual(['5301001-0-unTimeout', '5301001-0-all']);
  });

  it('chipSlot: the countdown chip goes under the nickname and preview', () => {
    const [row] = pddAdapter.rowElements(pages.workbench!).get('5301002')!;
    expect(pddAdapter.chipSlot(row!).className).toBe('chat-detail');
  });

  it('openConversation', () => {
    expect(pddAdapter.openConversation(pages.workbench!)).toEqual({ buyer: '5301001', nickname: '青柠汽水' });
    expect(pddAdapter.openConversation(pages['changed-markup']!)).toEqual({ buyer: '5301005', nickname: '晚风轻拂' });
    expect(pddAdapter.openConversation(pages['no-conversation-open']!)).toBeNull();
    expect(pddAdapter.openConversation(pages['not-workbench']!)).toBeNull();
  });

  it('openConversation falls back to the pane uid and to the row nickname', () => {
    const doc = load('workbench');
    for (const row of doc.querySelectorAll('.chat-item-box.active')) row.classList.remove('active');
    expect(pddAdapter.openConversation(doc)).toEqual({ buyer: '5301001', nickname: '青柠汽水' });

    const doc2 = load('workbench');
    doc2.querySelector('.chatWindowHeader .name')!.textContent = '';
    expect(pddAdapter.openConversation(doc2)).toEqual({ buyer: '5301001', nickname: '青柠汽水' });
  });

  it('messages: senders, text, ids and China-time timestamps', () => {
    expect(pddAdapter.messages(pages.workbench!)).toEqual([
      // time line wins over the id (whose .250 s it would otherwise show)
      { id: '1795569302250', sender: 'buyer', text: '请问这款围巾有现货吗', ts: '2026-11-25T09:15:02+08:00' },
      { id: '1795569305480', sender: 'robot', text: '亲，在的哦~ 有什么可以帮您', ts: '2026-11-25T09:15:05.480+08:00' },
      { id: '1795569320000', sender: 'buyer', text: null, ts: '2026-11-25T09:15:20+08:00' }, // goods card
      { id: '1795569360000', sender: 'agent', text: '有现货的亲，今天下单明天发', ts: '2026-11-25T09:16:00+08:00' },
      { id: '1795569390000', sender: 'system', text: '买家已领取店铺优惠券', ts: '2026-11-25T09:16:30+08:00' },
      // 00:30 China time: the previous UTC day, still 26 Nov in the output
      { id: '1795624210000', sender: 'buyer', text: '那围巾有灰色吗', ts: '2026-11-26T00:30:10+08:00' },
      { id: '1795624215000', sender: 'buyer', text: null, ts: '2026-11-26T00:30:15+08:00' }, // image
      { id: null, sender: 'agent', text: '稍等，我帮您看一下库存', ts: null }, // being sent: nothing invented
    ]);
  });

  it('messages on changed markup and on pages without any', () => {
    expect(pddAdapter.messages(pages['changed-markup']!).map((m) => [m.sender, m.ts])).toEqual([
      ['buyer', '2026-11-24T14:00:00+08:00'],
      ['robot', '2026-11-24T14:00:05+08:00'],
    ]);
    expect(pddAdapter.messages(pages['no-conversation-open']!)).toEqual([]);
    expect(pddAdapter.messages(pages['not-workbench']!)).toEqual([]);
  });

  it('a time line that does not parse falls back to the id; a short id is not a time', () => {
    const doc = load('workbench');
    const [first, second] = doc.querySelectorAll('li.onemsg');
    first!.querySelector('.message-time')!.textContent = '昨天 09:15';
    second!.id = 'middlePanel_list_42';
    const [m1, m2] = pddAdapter.messages(doc);
    expect(m1!.ts).toBe('2026-11-25T09:15:02.250+08:00');
    expect(m2).toMatchObject({ id: '42', ts: null });
  });
});

describe('pddAdapter.composer', () => {
  it('reads the draft and finds the send button', () => {
    const composer = pddAdapter.composer(load('workbench'))!;
    expect(composer.kind).toBe('textarea');
    expect(composer.element.id).toBe('replyTextarea');
    expect(composer.read()).toBe('亲，灰色也有的');
    expect(composer.sendButton?.textContent).toBe('发送');
  });

  it('is null where there is no composer', () => {
    expect(pddAdapter.composer(pages['not-workbench']!)).toBeNull();
  });
});

describe('pddAdapter.open', () => {
  it('clicks the row of that buyer', () => {
    const doc = load('workbench');
    const clicked: (string | null)[] = [];
    doc.addEventListener('click', (e) => clicked.push((e.target as Element).getAttribute('data-random')));
    expect(pddAdapter.open(doc, '5301003')).toBe(true);
    expect(pddAdapter.open(doc, '5301001')).toBe(true); // listed twice: the first copy is clicked
    expect(clicked).toEqual(['5301003-0-reply', '5301001-0-unTimeout']);
  });

  it('returns false for a buyer not in the list', () => {
    expect(pddAdapter.open(load('workbench'), '9999999')).toBe(false);
    expect(pddAdapter.open(load('not-workbench'), '5301001')).toBe(false);
  });
});

describe('parseRowKey', () => {
  it.each([
    ['5301001-0-unTimeout', { buyer: '5301001', group: 'unTimeout' }],
    ['5301001-0-all', { buyer: '5301001', group: 'all' }],
    [' 5301001 ', { buyer: '5301001', group: null }],
    ['', null],
    [null, null],
    ['-0-all', null],
  ])('%j', (raw, key) => {
    expect(parseRowKey(raw)).toEqual(key);
  });
});
