import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPseudonymizer, hmacSha256Hex, hmacSha256Keyed, newSalt, sha256, sha256Hex, toHex } from './pseudonym';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

describe('sha256 / hmacSha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('FIPS 180-2 vector sha256(%j) = %s', (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it('RFC 4231 case 1: key 0x0b×20, "Hi There" → b0344c61…2e32cff7', () => {
    expect(toHex(hmacSha256Keyed(new Uint8Array(20).fill(0x0b))('Hi There'))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
  });

  it('RFC 4231 case 2: key "Jefe", "what do ya want for nothing?" → 5bdcc146…ec3843', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('RFC 4231 case 6: a 131-byte key is hashed first', () => {
    expect(hmacSha256Hex(new Uint8Array(131).fill(0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('agrees with node:crypto on Chinese text and on lengths around the 55/56/64-byte padding edges', () => {
    const r = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 2000))).join('');
    const texts = ['买家5301001', r(1), r(18), r(19), r(21), r(22), r(50), r(300)];
    for (let n = 50; n <= 130; n++) texts.push('x'.repeat(n));
    for (const t of texts) {
      expect(sha256Hex(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
      expect(hmacSha256Hex('盐-salt-0123456789', t)).toBe(createHmac('sha256', '盐-salt-0123456789').update(t, 'utf8').digest('hex'));
    }
    expect(toHex(sha256(hex('00ff')))).toBe(createHash('sha256').update(Buffer.from([0, 255])).digest('hex'));
  });
});

describe('createPseudonymizer', () => {
  const SALT = 'per-install-salt-0123456789abcdef';

  it('5301001 → 买家- and 12 upper-case hex digits: the first 48 bits of HMAC(salt, "buyer␀5301001")', () => {
    const p = createPseudonymizer(SALT);
    const expected = createHmac('sha256', SALT).update('buyer\u00005301001').digest('hex').slice(0, 12).toUpperCase();
    expect(p.buyer('5301001')).toBe(`买家-${expected}`);
    expect(p.buyer('5301001')).toMatch(/^买家-[0-9A-F]{12}$/);
  });

  it('the same buyer gets the same pseudonym within one export and across exports with the same salt', () => {
    const a = createPseudonymizer(SALT);
    const b = createPseudonymizer(SALT);
    expect(a.buyer('tb_moon')).toBe(a.buyer('tb_moon'));
    expect(a.buyer('tb_moon')).toBe(b.buyer('tb_moon'));
    expect(a.eventId('pdd:暖阳杂货铺:5301001:m1')).toBe(b.eventId('pdd:暖阳杂货铺:5301001:m1'));
  });

  it('another salt gives other pseudonyms; 10,000 buyers give 10,000 different ones', () => {
    const a = createPseudonymizer(SALT);
    const b = createPseudonymizer(newSalt());
    expect(a.buyer('5301001')).not.toBe(b.buyer('5301001'));
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => a.buyer(String(5_300_000 + i))));
    expect(seen.size).toBe(10_000);
  });

  it('does not contain the id, and a buyer pseudonym differs from the same id as an event id', () => {
    const p = createPseudonymizer(SALT);
    expect(p.buyer('5301001')).not.toContain('5301001');
    expect(p.eventId('pdd:暖阳杂货铺:5301001:m1')).toMatch(/^e-[0-9a-f]{16}$/);
    expect(p.eventId('5301001').slice(2, 14).toUpperCase()).not.toBe(p.buyer('5301001').slice(3));
  });

  it('eventIdInto writes eventId of an id given as bytes, whatever its length', () => {
    const p = createPseudonymizer(SALT);
    const enc = new TextEncoder();
    for (const id of ['e1', 'pdd:暖阳杂货铺:5301001:xbuyer|2026-11-20T09:15:02+08:00|我是李雷|', `x${'长'.repeat(400)}`]) {
      const bytes = enc.encode(`{"id":"${id}"`);
      const out = new Uint8Array(40).fill(0x2a);
      const end = p.eventIdInto(bytes, 7, bytes.length - 1, out, 3);
      expect(end).toBe(21);
      expect(new TextDecoder().decode(out.subarray(3, end))).toBe(p.eventId(id));
    }
  });

  it('refuses a salt shorter than 16 characters (a short salt can be guessed, and with it every id)', () => {
    expect(() => createPseudonymizer('short')).toThrow(RangeError);
    expect(newSalt()).toMatch(/^[0-9a-f]{64}$/);
    expect(newSalt()).not.toBe(newSalt());
  });

  it('custom prefix: buyer → "B-…"', () => {
    expect(createPseudonymizer(SALT, { prefix: 'B-' }).buyer('x')).toMatch(/^B-[0-9A-F]{12}$/);
  });
});
