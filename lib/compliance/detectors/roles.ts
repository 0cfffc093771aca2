/**
 * Structural detectors (lexicon/roles.json): what a sentence does, not which phrase it uses. A word
 * of each role of one pair (money: a route and a "to you" move, 差价支付宝补给你; a "to me" move and a
 * sum, 会员费99，转给我; secrets: a secret and a request, in either order, 麻烦提供下您的银行卡号),
 * within the detector's window and one sentence; no `ok` word in the clauses they span (拍下, 原路,
 * 平台 …: the platform's own flow) and no negation between them (验证码不要告诉任何人).
 */
import { type Candidate, firstEndingFrom, fromView, hasBreak, type Hit, isClauseBreak, isSentenceBreak, negationIn, type Scan } from '../hits';
import { ROLE_DETECTORS } from '../lexicon';

const isBreak = (c: number) => isSentenceBreak(c) || isClauseBreak(c);

/** Does one span hold the other (验证 inside 验证码 is no second word)? */
const nested = (a: Hit, b: Hit) => (a.start <= b.start && a.end >= b.end) || (b.start <= a.start && b.end >= a.end);

/** Is a word of role `ok` of detector d in the clauses that view[from, to) spans? */
function okInSentence(scan: Scan, d: number, ok: number, from: number, to: number): boolean {
  if (!ok) return false;
  const { codes, length } = scan.view;
  let s = from;
  while (s > 0 && !isBreak(codes[s - 1]!)) s--;
  let e = to;
  while (e < length && !isBreak(codes[e]!)) e++;
  const { roles } = scan;
  for (let i = firstEndingFrom(roles, s + 1); i < roles.length && roles[i]!.end <= e; i++) {
    const h = roles[i]!;
    if (h.start >= s && h.p.group === d && (h.p.groups & ok) !== 0) return true;
  }
  return false;
}

export function roleFindings(scan: Scan, out: Candidate[]): void {
  const { roles, view, lex } = scan;
  if (roles.length < 2) return;
  ROLE_DETECTORS.forEach((det, d) => {
    for (const b of roles) {
      if (b.p.group !== d) continue;
      // b is the later-ending word; look back over those ending within the window before it.
      for (let i = firstEndingFrom(roles, b.start - det.window); i < roles.length && roles[i]!.end <= b.end; i++) {
        const a = roles[i]!;
        if (a === b || a.p.group !== d || nested(a, b)) continue;
        const start = Math.min(a.start, b.start);
        if (b.end - start > det.window + lex.maxLength) continue;
        const gapFrom = Math.min(a.end, b.end);
        const gapTo = Math.max(a.start, b.start);
        if (gapTo - gapFrom > det.window || hasBreak(view, gapFrom, gapTo, true, false)) continue;
        const pair = det.when.find(({ a: x, b: y }) => ((a.p.groups & x) !== 0 && (b.p.groups & y) !== 0) || ((a.p.groups & y) !== 0 && (b.p.groups & x) !== 0));
        if (!pair || (pair.clause && hasBreak(view, gapFrom, gapTo, false))) continue;
        if (negationIn(scan, gapFrom, gapTo)) continue;
        if (okInSentence(scan, d, det.ok, start, b.end)) continue;
        const c = fromView(view, det.rule, start, Math.max(a.end, b.end), true);
        out.push(c);
        break;
      }
    }
  });
}
