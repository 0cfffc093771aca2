/**
 * Contact and payment keywords (微信, QQ, 支付宝, 电话 …): a keyword is a finding when it is
 * spelled in a way ordinary text never uses (vx, v信, 微♥), or when an invitation stands before it
 * (加 / 搜 / 我的 …), a request after it (号 / 联系 / 聊 …), or an id right after it (微信：kefu_88).
 * 微信支付 and 企鹅玩偶 have none of these and stay quiet.
 */
import cues from '../lexicon/cues.json';
import { type Candidate, firstEndingFrom, fromView, hasBreak, type Hit, masked, negationIn, type Scan } from '../hits';
import { Strength } from '../lexicon';
import { numberContext } from './numbers';
import { isSyllableCode, phoneticCode, spellsPinyin } from '../phonetic';

const COLON = 0x3a;
/** Characters between a keyword and its id (微信号：, QQ是), and how the phonetic view reads them (qq hao: …). */
const JOINERS = new Set([...cues.id.joiners].flatMap((c) => [c.charCodeAt(0), phoneticCode(c.charCodeAt(0))]));
const ID_GAP = cues.id.gap;

/** The joiners typed out in pinyin (QQ hao: 741…, weixin haoma: kefu_88). */
const SPELLED_JOINERS = ['haoma', 'hao', 'shi'].map((w) => [...w].map((c) => c.charCodeAt(0)));

/** After `from`, past a joiner typed in pinyin that a colon, a joiner or a digit follows; else `from`. */
function skipSpelledJoiner(codes: ArrayLike<number>, length: number, from: number): number {
  for (const w of SPELLED_JOINERS) {
    const end = from + w.length;
    if (end >= length || !w.every((c, k) => codes[from + k] === c)) continue;
    const next = codes[end]!;
    if (next === COLON || JOINERS.has(next) || (next >= 0x30 && next <= 0x39)) return end;
  }
  return from;
}

/**
 * Ids after keywords: a run of letters / digits (at least `min`) starting within a short gap after the
 * keyword. Several keywords can share one run (wx1wx1wx1…: every wx is a keyword and the rest of the
 * run is its id), so the last run read is remembered: keywords come in order of their end, so each
 * run is read once, not once per keyword in it.
 */
class IdReader {
  /** The last run read: it was read from `from` to its end `end`; its last letter (not digit) is at `letter`. */
  private from = -1;
  private end = -1;
  private letter = -1;
  /** The run has a mask character typed inside it (138****5678): a number read back, not an id. */
  private hidden = false;

  constructor(private readonly scan: Scan) {}

  /** The id starting within the gap after `from`, or null. */
  after(from: number, min: number, digitsOnly: boolean, keywordStart = from): { start: number; end: number } | null {
    const { codes, length } = this.scan.view;
    let i = skipSpelledJoiner(codes, length, from);
    for (let skipped = 0; i < length && skipped < ID_GAP; skipped++) {
      const c = codes[i]!;
      if (c !== COLON && !JOINERS.has(c)) break;
      i++;
    }
    if (i < this.from || i > this.end) this.read(i);
    const end = this.end;
    if (end - i < min || (digitsOnly && this.letter >= i) || this.hidden) return null;
    // Right after a keyword typed in pinyin, with nothing between, more pinyin is the sentence going on
    // (weixin zhifu keyi de), not an id; after a colon or 号 it is one (weixin: meihao).
    if (i === from && spellsPinyin(codes, keywordStart, from) && spellsPinyin(codes, i, end)) return null;
    return { start: i, end };
  }

  private read(i: number): void {
    const { codes, length } = this.scan.view;
    let j = i;
    let letter = -1;
    // In the phonetic view, letters typed as pinyin were folded into syllables (meihao668): they are letters still.
    // Syllables alone run on as pinyin text (weixin zhifu keyi de): with a digit in the run they are an id.
    const latin = (this.scan.view as { latin?: Uint8Array }).latin;
    let syllables = false;
    let digits = false;
    while (j < length) {
      const c = codes[j]!;
      if (c >= 0x61 && c <= 0x7a) letter = j;
      else if (latin !== undefined && latin[j] === 1 && isSyllableCode(c)) {
        letter = j;
        syllables = true;
      } else if (c >= 0x30 && c <= 0x39) digits = true;
      else break;
      j++;
    }
    if (syllables && !digits) j = i;
    this.from = i;
    this.end = j;
    this.letter = letter;
    this.hidden = j > i && masked(this.scan, i, j);
  }
}

/** A dash and two to four digits, then no more letters or digits, or digits and a model word: a model number's (WX-300 加湿器, vx7型号). */
const MODEL_WORD = /^[-–]?[0-9]{1,4}(?:型号|款|代|系列|号机)/;
const MODEL = new RegExp(`^[-–][0-9]{2,4}(?![0-9A-Za-z])|${MODEL_WORD.source.slice(1)}`);

/** A model word right before the letters (型号 WX-200, 型号是V2309A, 保修卡编号 WX-2025…): they begin a model code. */
const MODEL_BEFORE = /(?:型号|款号|货号|编号|机型|序列号|批号|规格|版本号)(?:是|为|[：:\s])*$/;

/** A dot and a domain name right after a letter: the letter names a host (v.douyin.com, v.kuaishou.com). */
const HOST_AFTER = /^\.[a-z0-9-]{2,}\.[a-z]{2,}/i;

/** A company's or a platform's service number: 400 / 800 (ten digits), 95xxx / 96xxx. */
function hotline(codes: Uint16Array, start: number, end: number): boolean {
  const n = end - start;
  const a = codes[start]!;
  const b = codes[start + 1]!;
  // 400-000-1234 / 800…: ten digits; 95xxx / 96xxx service numbers (9510211, 950618): five to eight.
  if (n === 10) return (a === 0x34 || a === 0x38) && b === 0x30 && codes[start + 2] === 0x30;
  return n >= 5 && n <= 8 && a === 0x39 && (b === 0x35 || b === 0x36);
}

export function keywordFindings(scan: Scan, platform: string, out: Candidate[]): void {
  const { view, lex } = scan;
  const ids = new IdReader(scan);
  for (const kw of scan.keywords) {
    if (kw.p.notOn === platform) continue;
    const group = lex.groups[kw.p.group]!;
    const bit = 1 << kw.p.group;
    const weak = kw.p.strength === Strength.Weak;
    let start = kw.start;
    let end = kw.end;
    let rule = group.rule;
    let cued = false;
    let pre: Hit | null = null;
    for (let i = firstEndingFrom(scan.pre, kw.start - lex.maxGap); i < scan.pre.length && scan.pre[i]!.end <= kw.start; i++) {
      const c = scan.pre[i]!;
      if ((c.p.groups & bit) === 0 || c.start >= kw.start || c.end > kw.start || kw.start - c.end > c.p.gap) continue;
      if (weak && !c.p.invite && c.p.rule < 0) continue;
      if (hasBreak(view, c.end, kw.start, false)) continue;
      // A negation between the invitation and the keyword says the opposite (私下没有微信, 加不了微信).
      if (c.end < kw.start && negationIn(scan, c.end, kw.start)) continue;
      // A cue that moves the finding to payments wins; otherwise the widest span.
      if (!pre || (c.p.rule >= 0 && pre.p.rule < 0) || (c.start < pre.start && (c.p.rule >= 0) === (pre.p.rule >= 0))) pre = c;
    }
    if (pre) {
      cued = true;
      start = pre.start;
      if (pre.p.rule >= 0) rule = pre.p.rule;
    }
    const postLimit = kw.end + lex.maxGap + lex.maxLength;
    for (let i = firstEndingFrom(scan.post, kw.end); i < scan.post.length && scan.post[i]!.end <= postLimit; i++) {
      const c = scan.post[i]!;
      if ((c.p.groups & bit) === 0 || c.start < kw.end || c.start - kw.end > c.p.gap) continue;
      if (hasBreak(view, kw.end, c.start, false)) continue;
      cued = true;
      end = Math.max(end, c.end);
      if (c.p.rule >= 0) rule = c.p.rule;
    }
    const id = ids.after(kw.end, group.idMin, group.idDigitsOnly, kw.start);
    if (id) {
      // A phone keyword followed by the courier's or an order's number is not the agent's number.
      if (group.idDigitsOnly && numberContext(scan, id.start, id.end) === 'accounted') continue;
      // A 400 / 800 number is a company's hotline, printed on its goods, not a private phone.
      if (group.idDigitsOnly && hotline(view.codes, id.start, id.end)) continue;
      end = Math.max(end, id.end);
    }
    // WX-300, VX-305: letters, a dash and a few digits are a model number.
    const after = scan.text.slice(view.to[kw.end - 1]!, view.to[kw.end - 1]! + 8);
    const typed = scan.text.slice(view.from[kw.start]!, view.to[kw.end - 1]!);
    // A letter right after a number is a unit (12V 和 220V, 5Q); one before a dot and a domain is a
    // host's name (v.douyin.com/…, the platform's own short link): neither is a channel.
    if (/^[a-z]+$/i.test(typed) && /^[-–]?[0-9]/.test(after) && MODEL_BEFORE.test(scan.text.slice(Math.max(0, view.from[kw.start]! - 8), view.from[kw.start]!))) continue;
    if (weak && /^[a-z]+$/i.test(typed)) {
      const before = scan.text[view.from[kw.start]! - 1] ?? '';
      if (/[0-9０-９]/.test(before) || HOST_AFTER.test(scan.text.slice(view.to[kw.end - 1]!, view.to[kw.end - 1]! + 24))) continue;
    }
    if ((cued ? MODEL_WORD.test(after) : MODEL.test(after)) && /[a-z]/i.test(scan.text.slice(view.from[kw.start]!, view.to[kw.end - 1]!))) continue;
    if (kw.p.strength === Strength.Strong || cued || id) {
      const c = fromView(view, rule, start, end, true);
      c.negateFrom = kw.start;
      c.core = [view.from[kw.start]!, view.to[kw.end - 1]!];
      out.push(c);
    }
  }
}
