import { describe, it, expect } from 'vitest';
import { ChatWatcher } from './watcher';
import { chatEvent } from '../stats/events';
import type { ConversationRow, PageMessage, PlatformAdapter } from '../adapters/types';

/** A page whose reads the test scripts directly, so each watcher rule is tested on its own. */
function fakePage() {
  const page = {
    healthy: true,
    shop: '糖果小铺旗舰店' as string | null,
    rows: [] as ConversationRow[],
    open: null as string | null,
    /** The provisional key the open buyer's row had (Feige), reported with the open conversation. */
    provisional: null as string | null,
    messages: [] as PageMessage[],
  };
  const adapter: PlatformAdapter = {
    platform: 'pdd',
    health: () => ({ healthy: page.healthy, problems: page.healthy ? [] : ['messageList: no match'] }),
    shop: () => page.shop,
    conversations: () => page.rows,
    openConversation: () => (page.open ? { buyer: page.open, nickname: null, provisional: page.provisional } : null),
    messages: () => page.messages,
    composer: () => null,
    sendKey: () => null,
    rowElements: () => new Map(),
    chipSlot: (row) => row,
    open: () => false,
  };
  return { page, adapter };
}

const T0 = Date.parse('2026-11-25T10:00:00+08:00');
const msg = (id: number, sender: PageMessage['sender'], text = 'x'): PageMessage => ({
  id: String(id),
  sender,
  text,
  ts: new Date(id).toISOString(),
});
const row = (buyer: string, waiting: number | null, active = false, time: string | null = '09:59'): ConversationRow => ({
  buyer,
  nickname: buyer,
  preview: null,
  time,
  waiting,
  overtime: false,
  active,
});

function setup() {
  const { page, adapter } = fakePage();
  let now = T0;
  const w = new ChatWatcher(adapter, {} as Document, { now: () => now });
  return { page, w, tick: (ms: number) => (now += ms), at: () => now };
}

describe('ChatWatcher', () => {
  it('treats the messages on the page at the first read as history', () => {
    const { page, w } = setup();
    page.open = 'u1';
    page.rows = [row('u1', null, true), row('u2', null)];
    page.messages = [msg(T0 - 60_000, 'buyer'), msg(T0 - 50_000, 'agent')];
    expect(w.scan().events).toEqual([]);
  });

  it('opens a round for a buyer the page already shows waiting, dated by the badge, with an id that survives a reload', () => {
    const first = setup();
    first.page.open = 'u1';
    first.page.rows = [row('u1', null, true), row('u2', 40, false, '09:59')];
    const a = first.w.scan().events;
    expect(a).toEqual([
      {
        id: 'pdd:糖果小铺旗舰店:u2:wait:09:59',
        type: 'buyer_message',
        ts: '2026-11-25T09:59:20+08:00',
        platform: 'pdd',
        shop: '糖果小铺旗舰店',
        buyer: 'u2',
      },
    ]);
    // The agent reloads the page half a minute later: same id, so the database keeps one.
    const again = setup();
    again.tick(30_000);
    again.page.rows = [row('u1', null), row('u2', 70, false, '09:59')];
    expect(again.w.scan().events.map((e) => e.id)).toEqual([a[0]!.id]);
  });

  it('opens a round at the first read for the open conversation too when its row shows waiting', () => {
    const { page, w } = setup();
    page.open = 'u1';
    page.rows = [row('u1', 15, true, '09:59')];
    page.messages = [msg(T0 - 15_000, 'buyer')];
    expect(w.scan().events).toMatchObject([{ type: 'buyer_message', buyer: 'u1', ts: '2026-11-25T09:59:45+08:00' }]);
  });

  it('counts a badge going away on a conversation that is not open as a human reply given elsewhere', () => {
    const { page, w, tick } = setup();
    page.rows = [row('u2', 40)];
    w.scan();
    tick(5000);
    page.rows = [row('u2', null)];
    expect(w.scan().events).toMatchObject([{ type: 'agent_message', sender: 'human', buyer: 'u2', ts: '2026-11-25T10:00:05+08:00' }]);
  });

  it('emits a buyer message appended after the first read, with China-time ts and a stable id', () => {
    const { page, w, tick, at } = setup();
    page.open = 'u1';
    page.messages = [msg(T0 - 60_000, 'buyer')];
    w.scan();
    tick(3000);
    page.messages = [...page.messages, msg(at(), 'buyer', '在吗')];
    const { events } = w.scan();
    expect(events).toEqual([
      {
        id: `pdd:糖果小铺旗舰店:u1:${at()}`,
        type: 'buyer_message',
        ts: '2026-11-25T10:00:03+08:00',
        platform: 'pdd',
        shop: '糖果小铺旗舰店',
        buyer: 'u1',
      },
    ]);
    // Read again: the same message is not emitted twice.
    expect(w.scan().events).toEqual([]);
  });

  it('records robot auto-replies as robot and the agent as human; system notices are no event', () => {
    const { page, w, tick, at } = setup();
    page.open = 'u1';
    page.messages = [msg(T0 - 60_000, 'buyer')];
    w.scan();
    tick(3000);
    page.messages = [...page.messages, msg(at(), 'robot'), msg(at() + 1, 'system'), msg(at() + 2, 'agent')];
    expect(w.scan().events.map((e) => (e.type === 'agent_message' ? e.sender : e.type))).toEqual(['robot', 'human']);
  });

  it('treats the pane that loads after switching conversations as history, even a moment later', () => {
    const { page, w, tick } = setup();
    page.open = 'u1';
    page.messages = [msg(T0 - 60_000, 'buyer')];
    w.scan();
    tick(5000);
    page.open = 'u2';
    page.messages = []; // the pane is cleared, history is on its way
    expect(w.scan().events).toEqual([]);
    tick(400);
    page.messages = [msg(T0 - 90_000, 'buyer'), msg(T0 - 10_000, 'buyer')];
    expect(w.scan().events).toEqual([]);
  });

  it('does not count older messages prepended by scrolling up', () => {
    const { page, w, tick } = setup();
    page.open = 'u1';
    page.messages = [msg(T0 - 60_000, 'buyer')];
    w.scan();
    tick(5000);
    page.messages = [msg(T0 - 9_000_000, 'buyer'), msg(T0 - 8_000_000, 'agent'), ...page.messages];
    expect(w.scan().events).toEqual([]);
  });

  it('counts a waiting badge appearing on a conversation that is not open, once, dated by the badge', () => {
    const { page, w, tick } = setup();
    page.open = 'u1';
    page.rows = [row('u1', null, true), row('u2', null)];
    w.scan();
    tick(10_000);
    page.rows = [row('u1', null, true), row('u2', 2)];
    const { events } = w.scan();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'buyer_message', buyer: 'u2', ts: '2026-11-25T10:00:08+08:00' });
    tick(1000);
    page.rows = [row('u2', 3), row('u1', null, true)]; // re-rendered and re-ordered: same buyer, still waiting
    expect(w.scan().events).toEqual([]);
    // Answered elsewhere, and the buyer writes again within the same minute: a second round.
    tick(5000);
    page.rows = [row('u2', null), row('u1', null, true)];
    w.scan();
    tick(5000);
    page.rows = [row('u2', 1), row('u1', null, true)];
    const again = w.scan().events;
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(events[0]!.id);
  });

  it('does nothing on an unrecognised page, and takes its first healthy read as the baseline', () => {
    const { page, w, tick, at } = setup();
    page.healthy = false;
    page.open = 'u1';
    page.messages = [msg(T0 - 60_000, 'buyer')];
    const r = w.scan();
    expect(r.events).toEqual([]);
    expect(r.state.health.healthy).toBe(false);
    tick(1000);
    page.healthy = true;
    page.messages = [...page.messages, msg(at(), 'buyer')];
    expect(w.scan().events).toEqual([]);
  });

  it('carries a round opened under a provisional row key over to the id the open conversation shows', () => {
    const { page, w, tick } = setup();
    page.shop = null;
    page.rows = [row('~测试买家甲', 45, false, null)];
    const [opened] = w.scan().events;
    expect(opened).toMatchObject({ buyer: '~测试买家甲', type: 'buyer_message', ts: '2026-11-25T09:59:15+08:00' });
    tick(5000);
    // The agent opens the row: the page now shows the buyer's id, and the row resolves to it.
    page.open = '1111222233334444';
    page.provisional = '~测试买家甲';
    page.rows = [row('1111222233334444', 50, true, null)];
    const events = w.scan().events;
    expect(events).toEqual([
      { id: 'pdd::1111222233334444:carried:77bb84bf', type: 'buyer_message', ts: '2026-11-25T09:59:15+08:00', platform: 'pdd', shop: '', buyer: '1111222233334444' },
      { id: 'pdd::~测试买家甲:merged:77bb84bf', type: 'buyer_excluded', ts: '2026-11-25T09:59:15+08:00', platform: 'pdd', shop: '', buyer: '~测试买家甲', reason: 'merged' },
    ]);
    // Read again: nothing twice.
    tick(1000);
    expect(w.scan().events).toEqual([]);
  });

  it('does not carry over a round the agent took out before the id showed (marked as advertising)', () => {
    const { page, w, tick } = setup();
    page.shop = null;
    page.rows = [row('~测试买家甲', 45, false, null)];
    w.scan();
    w.excluded('~测试买家甲');
    tick(5000);
    page.open = '1111222233334444';
    page.provisional = '~测试买家甲';
    page.rows = [row('1111222233334444', 50, true, null)];
    expect(w.scan().events.filter((e) => e.buyer === '1111222233334444')).toEqual([]);
  });

  it('a message whose page id arrives after it appeared is one message, not two', () => {
    const { page, w, tick } = setup();
    page.open = 'u1';
    page.rows = [row('u1', null, true)];
    page.messages = [msg(T0 - 60_000, 'buyer')];
    w.scan();
    tick(3000);
    page.messages = [...page.messages, { id: null, sender: 'agent', text: '亲，在的', ts: '2026-11-25T10:00:03+08:00' }];
    expect(w.scan().events.map((e) => e.type)).toEqual(['agent_message']);
    tick(300);
    page.messages = [page.messages[0]!, { id: 'c1f0a3b2-0000-4000-8000-000000000001', sender: 'agent', text: '亲，在的', ts: '2026-11-25T10:00:03+08:00' }];
    expect(w.scan().events).toEqual([]);
  });

  it('takes the shop from the fallback where the page shows none', () => {
    const { page, adapter } = fakePage();
    page.shop = null;
    page.rows = [row('u2', 40)];
    let shop: string | null = null;
    const w = new ChatWatcher(adapter, {} as Document, { now: () => T0, shop: () => shop });
    expect(w.scan().events[0]).toMatchObject({ shop: '' });
    shop = '茶香小铺';
    expect(w.scan().state.shop).toBe('茶香小铺');
  });

  it('a row with only a running timer (no time) opens a round whose id survives a reload that dates it a minute apart', () => {
    const read = (waiting: number) => {
      const { page, w } = setup();
      page.rows = [{ ...row('~测试买家甲', waiting, false, null), preview: '请问发什么快递？' }];
      return w.scan().events[0]!;
    };
    // `4分钟` read before and after a reload that crossed into the next minute of the timer.
    const a = read(240);
    const b = read(300);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toContain('快递'); // no message text in ids
    // An agent's draft in the preview is not the buyer's message: the minute names it instead.
    const { page, w } = setup();
    page.rows = [{ ...row('~测试买家甲', 240, false, null), preview: '[草稿]好的亲' }];
    expect(w.scan().events[0]!.id).toMatch(/:wait:\d+$/);
  });
});

describe('what the watcher puts in events', () => {
  it('no message text in any id: an id-less message is named by a hash, two texts at the same time are two messages, a re-render is the same one', () => {
    const { page, w, tick } = setup();
    page.open = 'u1';
    page.rows = [row('u1', null, true)];
    page.messages = [msg(T0 - 60_000, 'buyer')];
    w.scan();
    tick(3000);
    const ts = '2026-11-25T10:00:03+08:00';
    const a = { id: null, sender: 'buyer', text: '我叫张三，电话13812345678', ts } as const;
    const b = { id: null, sender: 'buyer', text: '我叫张三，电话13812345679', ts } as const;
    page.messages = [...page.messages, a, b, { id: null, sender: 'agent', text: null, ts: null }];
    const events = w.scan().events;
    expect(events.map((e) => e.type)).toEqual(['buyer_message', 'buyer_message', 'agent_message']);
    for (const e of events) expect(e.id).toMatch(/^pdd:糖果小铺旗舰店:u1:x(?:buyer|agent)-[0-9a-f]{14}$/);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(JSON.stringify(events)).not.toMatch(/张三|1381234567|电话/);
    // Re-rendered (new objects, same content): nothing new.
    page.messages = page.messages.map((m) => ({ ...m }));
    expect(w.scan().events).toEqual([]);
  });

  it('every event it makes passes the schema, whatever the page shows: 300-character buyer and shop, a 500-character page id, a badge of 800000 days', () => {
    const { page, w, tick } = setup();
    const longBuyer = `u${'9'.repeat(299)}`;
    page.shop = `店${'铺'.repeat(299)}`;
    page.open = longBuyer;
    page.rows = [row(longBuyer, null, true), row('u2', 800_000 * 86_400), row(`w${'8'.repeat(299)}`, 40)];
    page.messages = [msg(T0 - 60_000, 'buyer')];
    const first = w.scan();
    tick(3000);
    page.messages = [
      ...page.messages,
      { id: 'm'.repeat(500), sender: 'buyer', text: '在吗', ts: '2026-11-25T10:00:03+08:00' },
      { id: null, sender: 'agent', text: '亲'.repeat(5000), ts: '2026-11-25T10:00:03+08:00' },
    ];
    page.rows = [row(longBuyer, null, true), row('u2', 800_000 * 86_400 + 3), row(`w${'8'.repeat(299)}`, null)];
    const second = w.scan();
    const events = [...first.events, ...second.events];
    // The badge of 800000 days is no waiting time: no round from it. The third row opens and is answered.
    expect(events.map((e) => e.type)).toEqual(['buyer_message', 'agent_message', 'buyer_message', 'agent_message']);
    expect(events.some((e) => e.buyer === 'u2')).toBe(false);
    for (const e of events) expect(chatEvent.safeParse(e).error?.issues ?? []).toEqual([]);
    // Long page strings are cut and named by a hash of the whole: the same buyer is the same key.
    expect(events[2]!.buyer).toBe(events[3]!.buyer);
    expect(events[2]!.buyer).not.toBe(events[0]!.buyer);
    expect(second.state.shop).toBe(events[0]!.shop);
  });
});
