import { describe, expect, it } from 'vitest';
import type { ChatEvent } from './events';
import { contractLine } from './rollup';
import { createPseudonymizer } from './pseudonym';
import { pseudonymisePackBytes, pseudonymisedLine } from './pseudonymise-pack';
import { seedEvents } from '../../scripts/bench/stats';

const SALT = 'a-salt-of-at-least-16-chars';
const enc = new TextEncoder();
const dec = new TextDecoder();

/** The pack of these events, pseudonymised on its bytes, next to the line-by-line path's file. */
function both(events: readonly ChatEvent[]) {
  const p = createPseudonymizer(SALT);
  const pack = enc.encode(events.map(contractLine).join(''));
  const r = pseudonymisePackBytes(pack, p);
  const q = createPseudonymizer(SALT);
  return { bytes: dec.decode(r.bytes), lines: r.lines, expected: events.map((e) => pseudonymisedLine(e, q)).join('') };
}

const base = { ts: '2026-11-20T09:15:02+08:00', platform: 'pdd', shop: '暖阳杂货铺' } as const;

describe('pseudonymising a day pack on its bytes', () => {
  it('equals decoding, rewriting every line with pseudonymisedLine and encoding, on a generated day', () => {
    const [day] = seedEvents({ firstDate: '2026-11-20', days: 1, perDay: 3000, until: Date.parse('2026-11-21T00:00:00+08:00') });
    const r = both(day!);
    expect(r.lines).toBe(day!.length);
    expect(r.bytes).toBe(r.expected);
    expect(r.bytes).not.toMatch(/"buyer":"\d/);
  });

  it('equals the line path on ids and buyers shaped every way the store can hold them', () => {
    const events = [
      { ...base, id: 'pdd:暖阳杂货铺:5301001:1795569302250', type: 'buyer_message', buyer: '5301001' },
      // the buyer twice, and back to back (split/join semantics: the closing colon does not open the next)
      { ...base, id: 'pdd:s:b7:b7:b7:1', type: 'buyer_message', buyer: 'b7' },
      { ...base, id: 'pdd:s:5301001:wait:09:15', type: 'buyer_message', buyer: '5301001' },
      // no :buyer: in the id → hashed whole; buyer a prefix of a segment is not a match
      { ...base, id: 'other-id-7', type: 'agent_message', buyer: '5301002', sender: 'human' },
      { ...base, id: 'pdd:s:53010021:1', type: 'agent_message', buyer: '5301002', sender: 'robot' },
      // Chinese buyer names, a buyer that is a Chinese nickname with a colon-free emoji
      { ...base, id: 'douyin:店:小明同学🙂:m1', type: 'buyer_message', platform: 'douyin', buyer: '小明同学🙂' },
      // no buyer, and an empty buyer
      { ...base, id: 'pdd:暖阳杂货铺:tpl:t-1:1', type: 'template_used', template: 't-1' },
      { ...base, id: 'pdd:s::tpl', type: 'template_used', template: 't-2', buyer: '' },
      // free text and reasons take the general path (dropped or kept as pseudonymisedLine does)
      { ...base, id: 'c-1', type: 'compliance', buyer: '5301001', action: 'overridden', categories: ['abuse'], rules: ['buyer', 'text'], reason: '买家5301001要求' },
      { ...base, id: 'x-1', type: 'buyer_excluded', buyer: '5301003', reason: 'advertising' },
      { ...base, id: 'pdd:s:5301004:m9', type: 'buyer_message', buyer: '5301004', text: '在吗 "加我" \\ 5301004' },
      // texts without escapes are cut out on the bytes: after the buyer, before it, empty, Chinese
      { ...base, id: 'pdd:s:5301005:m1', type: 'buyer_message', buyer: '5301005', text: '在吗，5301005 这个有货吗' },
      { id: 'pdd:s:5301006:m1', type: 'buyer_message', ts: base.ts, platform: 'pdd', shop: 's', text: '先说 text', buyer: '5301006' },
      { ...base, id: 'pdd:s:5301007:m1', type: 'agent_message', buyer: '5301007', sender: 'human', text: '' },
      { ...base, id: 'pdd:s:5301008:m1', type: 'buyer_message', buyer: '5301008', text: 'a,"buyer":"b' },
      // escapes in the shop or buyer
      { ...base, id: 'pdd:店"名:b"q:1', type: 'buyer_message', shop: '店"名', buyer: 'b"q' },
      { ...base, id: 'pdd:a\\b:z:1', type: 'agent_message', shop: 'a\\b', buyer: 'z', sender: 'human' },
      // a shop whose name reads like a key
      { ...base, id: 'pdd:,buyer:k:1', type: 'buyer_message', shop: ',buyer', buyer: 'k' },
      // template and rule values that read like keys
      { ...base, id: 't-9', type: 'template_used', buyer: 'q1', template: 'buyer', group: 'text' },
      { ...base, id: 't-10', type: 'template_used', buyer: 'q3', template: 'shop', group: 'reason' },
      { ...base, id: 'pdd:shop:shop:1', type: 'buyer_message', shop: 'shop', buyer: 'shop' },
      { ...base, id: 'c-2', type: 'compliance', buyer: 'q2', action: 'blocked', categories: ['link'], rules: ['"buyer":"x'] },
    ] as ChatEvent[];
    const r = both(events);
    expect(r.lines).toBe(events.length);
    expect(r.bytes.split('\n')).toEqual(r.expected.split('\n'));
    expect(r.bytes).not.toMatch(/530100[1-8]|小明|要求|有货|先说/);
  });

  it('a pack without a final line end, and blank lines, give the same lines', () => {
    const e = { ...base, id: 'pdd:s:b1:1', type: 'buyer_message', buyer: 'b1' } as ChatEvent;
    const p = createPseudonymizer(SALT);
    const line = contractLine(e);
    const r = pseudonymisePackBytes(enc.encode(`\n${line}\n${line.slice(0, -1)}`), p);
    expect(r.lines).toBe(2);
    expect(dec.decode(r.bytes)).toBe(pseudonymisedLine(e, p).repeat(2));
  });

  it('an id holding message text (an older version named id-less messages by their text) shows neither the phone number nor the name', () => {
    const leaky = [
      { ...base, id: 'pdd:暖阳杂货铺:5301001:xbuyer|2026-11-20T09:15:02+08:00|我是李雷，电话13812345678|', type: 'buyer_message', buyer: '5301001' },
      { ...base, id: 'pdd:暖阳杂货铺:5301001:xagent|2026-11-20T09:15:09+08:00|韩梅梅您好|', type: 'agent_message', buyer: '5301001', sender: 'human' },
      // Where the buyer is not where the extension puts it, the rest of the id is not looked at either.
      { ...base, id: 'pdd:李雷13812345678:5301002:1', type: 'buyer_message', buyer: '5301002' },
      { ...base, id: '李雷:5301003:13812345678', type: 'buyer_message', buyer: '5301003' },
    ] as ChatEvent[];
    const r = both(leaky);
    expect(r.bytes.split('\n')).toEqual(r.expected.split('\n'));
    expect(r.bytes).not.toMatch(/李雷|韩梅梅|138123|530100/);
    for (const line of r.bytes.trim().split('\n')) expect((JSON.parse(line) as ChatEvent).id).toMatch(/^e-[0-9a-f]{16}$/);
  });

  it('ids of the shapes the extension makes keep their shape with the buyer pseudonymised; any other shape is hashed whole', () => {
    const shop = '暖阳杂货铺';
    const id = (e: Partial<ChatEvent> & { id: string }) => ({ ...base, type: 'buyer_message', buyer: 'u1', ...e }) as ChatEvent;
    const kept = [
      id({ id: `pdd:${shop}:u1:1795569302250` }), // PDD page ids: epoch ms
      id({ id: `douyin:${shop}:u1:7388000000000000006_template`, platform: 'douyin' }),
      id({ id: `douyin:${shop}:u1:0a1b2c3d-0000-4000-8000-000000000031`, platform: 'douyin' }),
      id({ id: `pdd:${shop}:u1:wait:09:59` }),
      id({ id: `pdd:${shop}:u1:wait:昨天 12:40:1795569302` }),
      id({ id: `pdd:${shop}:u1:wait:29926155` }),
      id({ id: `pdd:${shop}:u1:answered:1795569302`, type: 'agent_message', sender: 'human' }),
      id({ id: `pdd:${shop}:u1:excluded:1795569302250`, type: 'buyer_excluded', reason: 'advertising' }),
      id({ id: `pdd:${shop}:u1:merged:shop-1795569302`, type: 'buyer_excluded', reason: 'merged' }),
      id({ id: `pdd:${shop}:u1:named:1795569302` }),
    ];
    const verbatim = [
      id({ id: `pdd:${shop}:compliance:blocked:1795569302250`, type: 'compliance', action: 'blocked', categories: ['x'], rules: [] }),
      id({ id: `pdd:${shop}:tpl:t-0a1b2c3d:1795569302250`, type: 'template_used', template: 't-0a1b2c3d' }),
    ];
    const hashed = [
      id({ id: `pdd:${shop}:u1:xbuyer-00a1b2c3d4e5f6` }), // a hash of a text: guessable without the salt
      id({ id: `pdd:${shop}:u1:wait:p77bb84bf:2026-11-20` }),
      id({ id: `pdd:${shop}:u1:carried:77bb84bf` }),
      id({ id: `pdd:${shop}:u1:merged:77bb84bf`, type: 'buyer_excluded', reason: 'merged' }),
      id({ id: `pdd:${shop}:u1:m12` }),
      id({ id: `pdd:${shop}:u1:${'1'.repeat(30)}` }),
      id({ id: `pdd:${shop}:tpl:t-1:1795569302250`, type: 'template_used', template: 't-2' }),
      id({ id: `pdd:other:u1:1795569302250` }),
    ];
    const r = both([...kept, ...verbatim, ...hashed]);
    expect(r.bytes.split('\n')).toEqual(r.expected.split('\n'));
    const ids = r.bytes.trim().split('\n').map((l) => (JSON.parse(l) as ChatEvent).id);
    const p = createPseudonymizer(SALT);
    expect(ids.slice(0, kept.length)).toEqual(kept.map((e) => e.id.replace(':u1:', `:${p.buyer('u1')}:`)));
    expect(ids.slice(kept.length, kept.length + verbatim.length)).toEqual(verbatim.map((e) => e.id));
    for (const x of ids.slice(kept.length + verbatim.length)) expect(x).toMatch(/^e-[0-9a-f]{16}$/);
  });
});
