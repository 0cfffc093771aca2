/**
 * Adversarial message families for the compliance check: texts built to make a detector do the most
 * work per character (long runs its patterns may match, many keywords with long ids after them …).
 * Shared by the unit tests (lib/compliance/adversarial.test.ts) and `npm run bench:compliance`; never
 * imported by the extension.
 */

export interface Family {
  name: string;
  /** What it stresses. */
  about: string;
  /** A text of exactly `n` UTF-16 units (n ≥ 16). */
  make: (n: number) => string;
}

/** `unit` repeated to n units, then `tail` (cut to fit). */
const fill = (unit: string, n: number, tail = '') => (unit.repeat(Math.ceil(n / unit.length)).slice(0, n - tail.length) + tail);

export const FAMILIES: readonly Family[] = [
  { name: 'place-words', about: 'address: a run of 市 (each is a place word and a name character) ending in 号', make: (n) => fill('市', n, '号') },
  { name: 'admin-units', about: 'address: 省市区 units over and over, 号 at the end', make: (n) => fill('浙江省杭州市西湖区', n, '号') },
  { name: 'street-numbers', about: 'address: a street, a number and 号 every few characters', make: (n) => fill('市市路1号', n) },
  { name: 'nameless-streets', about: 'address: streets with Han numbers and no name before them (nothing to find going back)', make: (n) => fill('市市市市市市，路十号', n) },
  { name: 'latin-keywords', about: 'wx / q / v keywords glued into one long id-like run', make: (n) => fill('wx1q1v1', n) },
  { name: 'keyword-ids', about: 'many 微信： each followed by a long id', make: (n) => fill(`微信：${'a1'.repeat(100)}`, n) },
  { name: 'digits', about: 'one long run of digits', make: (n) => fill('1', n) },
  { name: 'phones', about: 'a mobile number after 电话 over and over', make: (n) => fill('电话13800001234，', n) },
  { name: 'whitespace', about: 'spaces, zero-width spaces and newlines', make: (n) => fill(' \u200b\n\t', n) },
  { name: 'invitations', about: '加我 over and over (a finding each)', make: (n) => fill('加我', n) },
  { name: 'allowed', about: '加微信支付: a cued keyword inside an allowed phrase, over and over', make: (n) => fill('加微信支付', n) },
  { name: 'pairs', about: 'review words and rewards (pairs) close together', make: (n) => fill('好评返五元', n) },
  { name: 'negations', about: '不要 before findings, over and over', make: (n) => fill('不要加我', n) },
  { name: 'dotted-labels', about: 'links: a.a.a.… one long host', make: (n) => fill('a.', n) },
  { name: 'mail-like', about: 'links: a@a. over and over', make: (n) => fill('a@a.', n) },
  { name: 'spaced-latin', about: 'links: letters spaced apart (the second, space-free view)', make: (n) => fill('a . ', n) },
];
