/**
 * Street addresses (…省…市…区 …路88号, 中山大道8号3楼) in the squashed view, where numerals are
 * already digits. An address in a message about sending goods back (退货, 寄回, 收件人 …) is a
 * return address and not a finding; any other is read as an address offered to the buyer.
 */
import { type Candidate, fromView, type Scan } from '../hits';
import { ruleIndex } from '../lexicon';
import { viewString } from '../views';

const STREET = ruleIndex('address.street');
const HAO = 0x53f7; // 号
const ADDRESS_RE =
  /(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县|镇|乡)){0,4}[\u4e00-\u9fff0-9a-z]{1,10}?(?:路|街|大道|大街|巷|弄|胡同)(?:[0-9]{1,2}段)?[0-9十百零]{1,6}号(?:[0-9a-z]{1,5}(?:栋|幢|楼|层|室|单元|铺|号楼|号铺|座))*/g;
/** Where the address proper starts: after the last of these before the first place word (门店在杭州… → 杭州…). */
const STOPS = '在是为于到址';
const PLACE = /[省市区县镇乡路街道巷弄]/;

function lead(match: string): number {
  const place = match.search(PLACE);
  let from = 0;
  for (let i = 0; i < (place < 0 ? 0 : place); i++) if (STOPS.includes(match[i]!)) from = i + 1;
  return from;
}

export function addressFindings(scan: Scan, out: Candidate[]): void {
  if (scan.returns > 0) return;
  const { codes, length } = scan.view;
  let hasHao = false;
  for (let i = 1; i < length && !hasHao; i++) hasHao = codes[i] === HAO;
  if (!hasHao) return;
  const s = viewString(scan.view);
  for (const m of s.matchAll(ADDRESS_RE)) {
    out.push(fromView(scan.view, STREET, m.index + lead(m[0]), m.index + m[0].length, true));
  }
}
