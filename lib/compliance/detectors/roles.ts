/**
 * Structural detectors (lexicon/roles.json): what a sentence does, not which phrase it uses. A word
 * of each role of one pair (money: a route and a "to you" move, 差价支付宝补给你; a "to me" move and a
 * sum, 会员费99，转给我; secrets: a secret and a request, in either order, 麻烦提供下您的银行卡号),
 * within the detector's window and one sentence; no `ok` word in the clauses they span (拍下, 原路,
 * 平台 …: the platform's own flow) and no negation between them (验证码不要告诉任何人).
 */
import { type Candidate, cutsNumber, firstEndingFrom, fromView, hasBreak, type Hit, isClauseBreak, isSentenceBreak, negationIn, type Scan } from '../hits';
import { ROLE_DETECTORS } from '../lexicon';

const isBreak = (c: number) => isSentenceBreak(c) || isClauseBreak(c);

/** Does one span hold the other (验证 inside 验证码 is no second word)? */
const nested = (a: Hit, b: Hit) => (a.start <= b.start && a.end >= b.end) || (b.start <= a.start && b.end >= a.end);

/** Do two hits spell the same word? */
function sameWord(codes: Uint16Array, a: Hit, b: Hit): boolean {
  if (a.end - a.start !== b.end - b.start) return false;
  for (let i = 0; i < a.end - a.start; i++) if (codes[a.start + i] !== codes[b.start + i]) return false;
  return true;
}

/** Is x inside y (or the same span)? */
const within = (x: Hit, y: Hit) => x.start >= y.start && x.end <= y.end;

/** Positions of the sentence and clause breaks of the view, in order. */
function breaksOf(scan: Scan): Int32Array {
  const { codes, length } = scan.view;
  let n = 0;
  for (let i = 0; i < length; i++) if (isBreak(codes[i]!)) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let i = 0; i < length; i++) if (isBreak(codes[i]!)) out[n++] = i;
  return out;
}

/** Index of the first break at or after pos. */
function breakFrom(breaks: Int32Array, pos: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is one of `oks` (ordered by end) inside the clauses that view[from, to) spans, and not part of a or b? */
function okInClauses(oks: readonly Hit[], breaks: Int32Array, length: number, from: number, to: number, a: Hit, b: Hit): boolean {
  if (oks.length === 0) return false;
  const k = breakFrom(breaks, from);
  const s = k > 0 ? breaks[k - 1]! + 1 : 0;
  const j = breakFrom(breaks, to);
  const e = j < breaks.length ? breaks[j]! : length;
  for (let i = firstEndingFrom(oks, s + 1); i < oks.length && oks[i]!.end <= e; i++) {
    const ok = oks[i]!;
    // An ok word inside one of the pair's own words (我们 in 下载我们指定的app) is that word, not the
    // platform's flow; one that holds a pair word (扫码枪 holds 扫码) is a word of its own, and counts.
    if (ok.start >= s && !within(ok, a) && !within(ok, b)) return true;
  }
  return false;
}

/** Role words per detector, in the scan's order (by end), reused from call to call. */
const perDetector: Hit[][] = ROLE_DETECTORS.map(() => []);

export function roleFindings(scan: Scan, out: Candidate[]): void {
  const { view, lex } = scan;
  if (scan.roles.length < 2) return;
  // Each detector reads its own words only: one pass to sort them out, instead of every detector
  // walking every word (a page of 加我 holds one word of a dozen detectors at each place).
  for (const list of perDetector) list.length = 0;
  for (const h of scan.roles) {
    if (cutsNumber(view, h)) continue;
    perDetector[h.p.group]!.push(h);
  }
  let breaks: Int32Array | null = null;
  ROLE_DETECTORS.forEach((det, d) => {
    const roles = perDetector[d]!;
    if (roles.length < 2) return;
    if (det.skipOnReturn && scan.sendBack > 0) return;
    // No pair can be made from the roles present (a page of 加我 holds one role of each detector): done.
    let present = 0;
    for (const h of roles) present |= h.p.groups;
    if (!det.when.some((pair) => (present & pair.a) !== 0 && (present & pair.b) !== 0)) return;
    let oks: Hit[] | null = null;
    /** Every pair's bit: all the rules this detector finds are found. */
    const all = (1 << det.when.length) - 1;
    for (const b of roles) {
      // Rules already found ending at b: one finding per rule (a pair of its own rule may add a second).
      let found = 0;
      // b is the later-ending word; look back over those ending within the window before it.
      for (let i = firstEndingFrom(roles, b.start - det.window); i < roles.length && roles[i]!.end <= b.end; i++) {
        const a = roles[i]!;
        if (a === b || nested(a, b)) continue;
        const start = Math.min(a.start, b.start);
        if (b.end - start > det.window + lex.maxLength) continue;
        const gapFrom = Math.min(a.end, b.end);
        const gapTo = Math.max(a.start, b.start);
        if (gapTo - gapFrom > det.window || hasBreak(view, gapFrom, gapTo, true, false)) continue;
        for (let k = 0; k < det.when.length; k++) {
          const pair = det.when[k]!;
          if (found & (1 << k) || !(((a.p.groups & pair.a) !== 0 && (b.p.groups & pair.b) !== 0) || ((a.p.groups & pair.b) !== 0 && (b.p.groups & pair.a) !== 0))) continue;
          if (pair.clause && hasBreak(view, gapFrom, gapTo, false)) continue;
          // A word of a role paired with its own role counts only with another word (厂家…厂家 is one place).
          if (pair.a === pair.b && sameWord(view.codes, a, b)) continue;
          if (negationIn(scan, gapFrom, gapTo)) break;
          oks ??= det.ok ? roles.filter((h) => (h.p.groups & det.ok) !== 0) : [];
          breaks ??= breaksOf(scan);
          if (okInClauses(oks, breaks, view.length, start, b.end, a, b)) break;
          out.push(fromView(view, pair.rule, start, Math.max(a.end, b.end), true));
          // Every pair of the same rule is found with it.
          for (let m = 0; m < det.when.length; m++) if (det.when[m]!.rule === pair.rule) found |= 1 << m;
        }
        if (found === all) break;
      }
    }
  });
}
