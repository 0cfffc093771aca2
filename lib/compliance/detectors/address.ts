/**
 * Street addresses (…省…市…区 …路88号, 中山大道8号3楼) in the squashed view, where numerals are
 * already digits. An address in a message about sending goods back (退货, 寄回, 收件人 …) is a
 * return address and not a finding; any other is read as an address offered to the buyer.
 *
 * What counts as an address, as the regular expression it was first written as:
 *   (?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县|镇|乡)){0,4}     up to four administrative units
 *   [\u4e00-\u9fff0-9a-z]{1,10}?(?:路|街|大道|大街|巷|弄|胡同)      a street
 *   (?:[0-9]{1,2}段)?[0-9十百零]{1,6}号                            its number
 *   (?:[0-9a-z]{1,5}(?:栋|幢|楼|层|室|单元|铺|号楼|号铺|座))*      building, floor, room
 * That expression backtracks through every way of cutting a run of place words into units: about 27 ms
 * per 1,000 characters on a run of 市 ending in 号, whether or not there is a street. Here the street
 * and its number are found first (fixed short shapes, read forwards), and only then is the part before
 * the street read backwards, over at most PREFIX_MAX characters, for the earliest place it can start.
 * Each character is read a bounded number of times.
 */
import { type Candidate, fromView, type Scan } from '../hits';
import { ruleIndex } from '../lexicon';
import { viewString } from '../views';
import { isHan } from '../fold';

const STREET = ruleIndex('address.street');

const code = (s: string) => s.charCodeAt(0);
const HAO = code('号');
const DUAN = code('段');
const DA = code('大');
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x7a);
const isNameChar = (c: number) => isHan(c) || isAlnum(c);
const codeSet = (chars: string) => new Set([...chars].map(code));
const STREET_ONE = codeSet('路街巷弄');
/** Two-character street words by their second character: 大道, 大街, 胡同; 街道 (a subdistrict numbered like a street: 石井街道88号). */
const STREET_TWO = new Map([[code('道'), [DA, code('街')]], [code('街'), [DA]], [code('同'), [code('胡')]]]);
const NUMERAL = codeSet('十百零');
const ADMIN_ONE = codeSet('省市区县镇乡');
const AUTONOMOUS = [...'自治区'].map(code);
const BUILDING_ONE = codeSet('栋幢楼层室铺座');
const BUILDING_TWO: readonly (readonly [number, number])[] = ['单元', '号楼', '号铺'].map((w) => [code(w), w.charCodeAt(1)] as const);

const UNITS_MAX = 4;
const UNIT_NAME_MIN = 2;
const UNIT_NAME_MAX = 6;
const STREET_NAME_MAX = 10;
/** Longest text before a street: four units of six characters and 自治区, and a ten-character name. */
const PREFIX_MAX = UNITS_MAX * (UNIT_NAME_MAX + AUTONOMOUS.length) + STREET_NAME_MAX;

/** Where the address proper starts: after the last of these before the first place word (门店在杭州… → 杭州…). */
const STOPS = codeSet('在是为于到址');
const PLACE = codeSet('省市区县镇乡路街道巷弄');

/**
 * Scratch for the backward read of one prefix (index: distance before the street). Reads stay below
 * the view's length: past it its buffer holds an earlier message.
 */
const units = new Int8Array(PREFIX_MAX + 2);
const hanRun = new Int8Array(PREFIX_MAX + 2);

/** End of `(?:[0-9]{1,2}段)?[0-9十百零]{1,6}号` from i (just after the street word), or -1. */
function numberEnd(codes: Uint16Array, length: number, i: number): number {
  let d = 0;
  while (d < 3 && i + d < length && isDigit(codes[i + d]!)) d++;
  if (d >= 1 && d <= 2 && i + d < length && codes[i + d] === DUAN) {
    const end = houseNumberEnd(codes, length, i + d + 1);
    if (end >= 0) return end;
  }
  return houseNumberEnd(codes, length, i);
}

function houseNumberEnd(codes: Uint16Array, length: number, i: number): number {
  let r = 0;
  while (r < 7 && i + r < length && (isDigit(codes[i + r]!) || NUMERAL.has(codes[i + r]!))) r++;
  return r >= 1 && r <= 6 && i + r < length && codes[i + r] === HAO ? i + r + 1 : -1;
}

/** End of the building / floor / room words after the number (3栋2单元501室), as many as follow. */
function buildingEnd(codes: Uint16Array, length: number, i: number): number {
  for (;;) {
    let r = 0;
    while (r < 6 && i + r < length && isAlnum(codes[i + r]!)) r++;
    if (r < 1 || r > 5 || i + r >= length) return i;
    const c = codes[i + r]!;
    if (BUILDING_ONE.has(c)) i += r + 1;
    else if (i + r + 1 < length && BUILDING_TWO.some(([a, b]) => c === a && codes[i + r + 1] === b)) i += r + 2;
    else return i;
  }
}

/**
 * Earliest start p ≥ lo of the units-and-street-name part ending at q (where the street word starts):
 * text[p, q) is at most four units (2–6 Han characters, then 省 / 自治区 / 市 …) and then a street
 * name of 1–10 characters; -1 when there is none. Read backwards from q: units[k] is the fewest units
 * text[q − k, q) can be read as (0: it is all street name), or UNITS_MAX + 1 when it cannot be read.
 */
function prefixStart(codes: Uint16Array, lo: number, q: number): number {
  const from = Math.max(lo, q - PREFIX_MAX);
  let best = -1;
  let nameOnly = true;
  hanRun[0] = 0;
  units[0] = UNITS_MAX + 1;
  for (let k = 1; k <= q - from; k++) {
    const c = codes[q - k]!;
    hanRun[k] = isHan(c) ? hanRun[k - 1]! + 1 : 0;
    nameOnly &&= k <= STREET_NAME_MAX && isNameChar(c);
    let fewest = nameOnly ? 0 : UNITS_MAX + 1;
    // A unit starting at q − k: m Han characters, then an administrative word, then what follows.
    if (fewest > 0) {
      for (let m = UNIT_NAME_MIN; m <= UNIT_NAME_MAX && m < k && hanRun[k]! >= m; m++) {
        const wordAt = q - k + m;
        for (const w of [1, 3]) {
          const rest = k - m - w;
          if (rest < 1 || !matchesAdmin(codes, wordAt, w)) continue;
          fewest = Math.min(fewest, units[rest]! + 1);
        }
      }
    }
    units[k] = fewest;
    if (fewest <= UNITS_MAX) best = q - k;
  }
  return best;
}

function matchesAdmin(codes: Uint16Array, at: number, width: number): boolean {
  if (width === 1) return ADMIN_ONE.has(codes[at]!);
  return codes[at] === AUTONOMOUS[0] && codes[at + 1] === AUTONOMOUS[1] && codes[at + 2] === AUTONOMOUS[2];
}

/** Offset in [p, end) where the address proper starts (after 在 / 是 … before the first place word). */
function lead(codes: Uint16Array, p: number, end: number): number {
  let place = p;
  while (place < end && !PLACE.has(codes[place]!)) place++;
  if (place === end) return p;
  let from = p;
  for (let i = p; i < place; i++) if (STOPS.has(codes[i]!)) from = i + 1;
  return from;
}

/** Goods brought in person (直接送到我们门店, 前往我司仓库, 来挑, 去…自取): a visit, even when they are a return. */
const IN_PERSON = /(?:直接|可以|也可|也可以|可)(?:送到|送至|拿到|带到|带去|拿去|送去)(?:我们|我司|本店|店里|门店)|(?:送到|送至|拿到|带到)我们的?(?:门店|店里|实体店|仓库|维修点|服务中心)|前往(?:我司|我们|本店)|现场验货|直接来挑|来挑|自取|来提货/;

export function addressFindings(scan: Scan, out: Candidate[]): void {
  // A pick-up offered (来仓库自取) with no goods sent back is a visit, whatever else the message names;
  // and so are goods brought in person, returns too (退货也可以直接送到我们门店：…).
  if (scan.returns > 0 && !(scan.store > 0 && scan.sendBack === 0) && !IN_PERSON.test(scan.text)) return;
  streets(scan, out);
}

const scratchStreets: Candidate[] = [];

const DI = code('地');
const ZHI = code('址');

/**
 * Does the message give an address: a street address (…路88号), or the word 地址 (地址：义乌国际商贸城
 * 二区8号门)? Read once per scan.
 */
export function hasStreet(scan: Scan): boolean {
  if (scan.street === undefined) {
    const { codes, length } = scan.view;
    let word = false;
    for (let i = 1; i < length && !word; i++) word = codes[i] === ZHI && codes[i - 1] === DI;
    if (!word) {
      scratchStreets.length = 0;
      streets(scan, scratchStreets);
      word = scratchStreets.length > 0 || numberedPlace(scan);
      scratchStreets.length = 0;
    }
    scan.street = word;
  }
  return scan.street;
}

/** A street and its number typed in pinyin (wen san lu 88 hao, huanghe lù 8 hào: tones are folded away). */
const PINYIN_STREET = /(?:lu|jie|dadao|dajie|xiang|nong|hutong)([0-9]{1,5})hao(?![a-z])/g;
/** The latin run before it, read back to where the address's words start (at most this far). */
const PINYIN_LEAD_MAX = 40;

function pinyinStreets(scan: Scan, out: Candidate[]): void {
  const { codes } = scan.view;
  for (const m of viewString(scan.view).matchAll(PINYIN_STREET)) {
    const end = m.index! + m[0].length;
    let start = m.index!;
    while (start > 0 && m.index! - start < PINYIN_LEAD_MAX && isAlnum(codes[start - 1]!)) start--;
    out.push(fromView(scan.view, STREET, start, end, true));
  }
}

/** A numbered place in a park or a market without a street (京滨工业园C区2号, 物流城5区18号, 物流园一号仓). */
const NUMBERED_PLACE = /(?:园|城|厂|仓|基地|中心|市场)(?:[a-z0-9]{1,2}区|[0-9]{1,2}区|[a-z])?[0-9]{1,5}(?:号|栋|幢|仓|库)|(?:园|城)[0-9]{1,2}号(?:仓|库|门)/;

/** Administrative units in a row (广东省中山市古镇镇…, 天津市武清区…): an address, numbered or not. */
const ADMIN_RUN = /省[\u4e00-\u9fff]{1,6}市|市[\u4e00-\u9fff]{1,6}(?:区|县)/;

function numberedPlace(scan: Scan): boolean {
  const s = viewString(scan.view);
  return NUMBERED_PLACE.test(s) || ADMIN_RUN.test(s);
}

/** Does the message give a street address (…路8号, 工业园区南区8号), not just the word 地址? Read once per scan. */
export function hasStreetNumber(scan: Scan): boolean {
  if (scan.streetNumber === undefined) {
    scratchStreets.length = 0;
    streets(scan, scratchStreets);
    scan.streetNumber = scratchStreets.length > 0 || numberedPlace(scan);
    scratchStreets.length = 0;
  }
  return scan.streetNumber;
}

function streets(scan: Scan, out: Candidate[]): void {
  const { codes, length } = scan.view;
  let hasHao = false;
  let hasH = false;
  for (let i = 1; i < length && !hasHao; i++) {
    hasHao = codes[i] === HAO;
    hasH ||= codes[i] === 0x68 && isDigit(codes[i - 1]!);
  }
  if (!hasHao) {
    if (hasH) pinyinStreets(scan, out);
    return;
  }
  // Matches do not overlap: the next one starts at or after the end of the last (as a /g expression's).
  let lastEnd = 0;
  for (let e = 1; e < length; e++) {
    // e: just after a street word. 大街 is also 大 (a name character) + 街: both readings are tried
    // and the earlier start is kept, as the expression's leftmost match would.
    const c = codes[e - 1]!;
    const one = STREET_ONE.has(c) ? e - 1 : -1;
    const two = e >= 2 && STREET_TWO.get(c)?.includes(codes[e - 2]!) ? e - 2 : -1;
    if (one < 0 && two < 0) continue;
    const numberAt = numberEnd(codes, length, e);
    if (numberAt < 0) continue;
    let p = -1;
    for (const q of [two, one]) {
      if (q <= lastEnd) continue;
      const start = prefixStart(codes, lastEnd, q);
      if (start >= 0 && (p < 0 || start < p)) p = start;
    }
    if (p < 0) continue;
    const end = buildingEnd(codes, length, numberAt);
    out.push(fromView(scan.view, STREET, lead(codes, p, end), end, true));
    lastEnd = end;
    e = end - 1;
  }
}
