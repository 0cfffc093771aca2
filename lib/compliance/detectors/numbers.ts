/**
 * Numbers: mobile phone numbers (1[3-9] + 9 digits, also +86, disguised with separators, Chinese
 * numerals, circled or full-width digits: the squashed view has already made them plain digits) and
 * bank card numbers (16–19 digits, Luhn-valid with a card issuer prefix, or any length next to 卡号).
 * Nearby words decide what a number is: after 订单号 / 快递单号 / 商品ID / ¥ it is accounted for; next
 * to 快递员 it is the courier's; next to 支付宝 / 转账 it is a payment account.
 */
import { type Candidate, firstEndingFrom, fromView, hasBreak, type Hit, masked, type Scan } from '../hits';
import { NUMBER_KINDS, ruleIndex } from '../lexicon';
import { isGroupBreak } from '../phonetic';
import { hasStreet, hasStreetNumber } from './address';

const PHONE = ruleIndex('contact.phone');
const ACCOUNT = ruleIndex('payment.account');
const CARD = ruleIndex('payment.card');

const K = Object.fromEntries(NUMBER_KINDS.map((k, i) => [k, i])) as Record<(typeof NUMBER_KINDS)[number], number>;
const ACCOUNTED = (1 << K.order) | (1 << K.tracking) | (1 << K.item) | (1 << K.price) | (1 << K.courier);

export type NumberContext = 'accounted' | 'self' | 'contact' | 'payment' | null;

/**
 * What the words around view[start, end) say the number is. A payment card's number (`card`: Luhn-valid
 * with an issuer prefix) is no price for a 块 or 元 near it (差的30块运费打这张卡上：6222…).
 */
export function numberContext(scan: Scan, start: number, end: number, card = false): NumberContext {
  const { view, lex } = scan;
  let nearest: Hit | null = null;
  let self = false;
  let courier = false;
  const { numbers } = scan;
  for (let i = firstEndingFrom(numbers, start - lex.numberWindow); i < numbers.length && numbers[i]!.end <= start; i++) {
    const h = numbers[i]!;
    // The courier named in the clause before (派件员是李师傅，电话156…) still owns the number.
    if (hasBreak(view, h.end, start, true, h.p.group !== K.courier)) continue;
    if (h.p.group === K.self) self = true;
    if (h.p.group === K.courier) courier = true;
    if (card && h.p.group === K.price) continue;
    if (!nearest || h.end > nearest.end || (h.end === nearest.end && h.start < nearest.start)) nearest = h;
  }
  if (self) return 'self';
  if (courier) return 'accounted';
  // A message about sending goods back (寄回, 退货 … anywhere) that gives an address (…路88号, 地址：…):
  // the number given with the address is the warehouse's, before the address or after it.
  // So is one given with an address in a message about a return or a warehouse (售后仓地址：…路8号 刘女士
  // 135…) that invites nobody to a store.
  if ((scan.sendBack > 0 && hasStreet(scan)) || (scan.returns > 0 && scan.store === 0 && hasStreetNumber(scan))) return 'accounted';
  // After a return address (退货地址：… 收件人 … 电话 …) a number is the warehouse's.
  if (scan.returnAddressEnd <= start) return 'accounted';
  if (nearest) {
    if ((ACCOUNTED >> nearest.p.group) & 1) return 'accounted';
    return nearest.p.group === K.payment ? 'payment' : 'contact';
  }
  const afterLimit = end + lex.numberAfter + lex.maxLength;
  for (let i = firstEndingFrom(numbers, end); i < numbers.length && numbers[i]!.end <= afterLimit; i++) {
    const h = numbers[i]!;
    if (h.start < end || h.start - end > lex.numberAfter) continue;
    if (hasBreak(view, end, h.start, true)) continue;
    if ((ACCOUNTED >> h.p.group) & 1) return 'accounted';
    // 0000 0000 0000 0000 000，开户行建行: a bank named right after makes it an account.
    if (h.p.group === K.payment) return 'payment';
  }
  return null;
}

function luhn(codes: Uint16Array, start: number, end: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    let d = codes[i]! - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefix and length of a payment card: UnionPay 62 / 81, Discover 60 / 65 and JCB 35 (16–19
 * digits), Visa 4 (16 or 19), Mastercard 51–55 and 2221–2720 (16 only).
 */
function cardPrefix(codes: Uint16Array, start: number, length: number): boolean {
  const d0 = codes[start]! - 0x30;
  const two = d0 * 10 + (codes[start + 1]! - 0x30);
  const four = two * 100 + (codes[start + 2]! - 0x30) * 10 + (codes[start + 3]! - 0x30);
  if (two === 62 || two === 81 || two === 60 || two === 65 || two === 35) return true;
  if (d0 === 4) return length === 16 || length === 19;
  return length === 16 && ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720));
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLatin = (c: number) => c >= 0x61 && c <= 0x7a;

function isMobile(codes: Uint16Array, start: number, length: number): boolean {
  let s = start;
  if (length === 13 && codes[s] === 0x38 && codes[s + 1] === 0x36) s += 2; // 86…
  else if (length !== 11) return false;
  const second = codes[s + 1]!;
  return codes[s] === 0x31 && second >= 0x33 && second <= 0x39;
}

/** Shortest group of a number typed in groups with commas between (150，0000，8888). */
const MIN_GROUP = 3;
const grouped = new Uint16Array(32);

/**
 * A phone or card number typed in groups with commas between them (150，0000，8888; 6222，0212，…):
 * the groups from `start` on, read as one number, when each has MIN_GROUP digits or more.
 */
function groupedNumber(scan: Scan, start: number, out: Candidate[]): number {
  const { codes, length } = scan.view;
  let n = 0;
  let i = start;
  let end = start;
  let groups = 0;
  for (;;) {
    const from = i;
    while (i < length && isDigit(codes[i]!) && n < grouped.length) grouped[n++] = codes[i++]!;
    if (i - from < MIN_GROUP) {
      if (groups > 0) n -= i - from;
      break;
    }
    groups++;
    end = i;
    if (i + 1 < length && isGroupBreak(codes[i]!) && isDigit(codes[i + 1]!)) i++;
    else break;
  }
  if (groups < 2 || (end < length && isLatin(codes[end]!))) return end;
  const mobile = isMobile(grouped, 0, n);
  const card = n >= 16 && n <= 19 && luhn(grouped, 0, n) && cardPrefix(grouped, 0, n);
  if (!mobile && !card) return end;
  if (masked(scan, start, end)) return end;
  const context = numberContext(scan, start, end, card);
  if (context === 'accounted') return end;
  out.push(fromView(scan.view, card ? CARD : context === 'payment' ? ACCOUNT : PHONE, start, end, false));
  return end;
}

export function numberFindings(scan: Scan, out: Candidate[]): void {
  const { codes, length } = scan.view;
  for (let i = 0; i < length; i++) {
    if (!isDigit(codes[i]!)) continue;
    // Groups with commas between them, read as one number first.
    if (i + MIN_GROUP < length && (i === 0 || !isLatin(codes[i - 1]!))) {
      let k = i;
      while (k < length && isDigit(codes[k]!)) k++;
      if (k + 1 < length && isGroupBreak(codes[k]!) && isDigit(codes[k + 1]!)) {
        const before = out.length;
        const end = groupedNumber(scan, i, out);
        if (out.length > before) {
          i = end;
          continue;
        }
      }
    }
    if (!isDigit(codes[i]!)) continue;
    const start = i;
    while (i < length && isDigit(codes[i]!)) i++;
    const end = i;
    const n = end - start;
    // Letters glued to the digits make a code (SF1234…, wxid…); contact ids after keywords are read there.
    // Glued means typed together: shou ji 13800009876 has spaces between, which the view dropped.
    const { from, to } = scan.view;
    if ((start > 0 && isLatin(codes[start - 1]!) && to[start - 1] === from[start]) || (end < length && isLatin(codes[end]!) && to[end - 1] === from[end])) continue;
    const mobile = isMobile(codes, start, n);
    const card = n >= 16 && n <= 19;
    if (!mobile && !card) continue;
    if (masked(scan, start, end)) continue;
    const validCard = card && luhn(codes, start, end) && cardPrefix(codes, start, n);
    const context = numberContext(scan, start, end, validCard);
    if (context === 'accounted') continue;
    if (mobile) out.push(fromView(scan.view, context === 'payment' ? ACCOUNT : PHONE, start, end, false));
    else if (context === 'payment' || validCard) {
      out.push(fromView(scan.view, CARD, start, end, false));
    }
  }
}
