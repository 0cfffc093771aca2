/**
 * check(): the pre-send compliance check of one message. Pure and synchronous; the lexicon is
 * compiled on first use and reused.
 */
import { addressFindings } from './detectors/address';
import { keywordFindings } from './detectors/keywords';
import { linkFindings } from './detectors/links';
import { numberFindings } from './detectors/numbers';
import { type Candidate, fromView, hasBreak, type Scan, scanView } from './hits';
import { lexiconFor, RULES, TermFlag } from './lexicon';
import { type ComplianceSettings, DEFAULT_COMPLIANCE_SETTINGS } from './settings';
import { type CheckResult, type Finding, maxVerdict, type Verdict } from './types';
import { squashedView } from './views';

export interface CheckOptions {
  /** Platform id (pdd, taobao, jd, douyin, kuaishou, generic): its own domains are allowed in links. */
  platform?: string;
  settings?: ComplianceSettings;
  /** The buyer message being answered; a complaint there turns on the poor-service tips. */
  replyTo?: string;
  /** Say outright whether the reply answers a complaint (overrides replyTo). */
  complaint?: boolean;
}

/** Does the buyer's message complain (投诉, 坏了, 发错, 还没收到 …)? */
export function isComplaint(buyerText: string, settings: ComplianceSettings = DEFAULT_COMPLIANCE_SETTINGS): boolean {
  if (!buyerText) return false;
  const lex = lexiconFor(settings.shopWords, settings.allowList);
  return scanView(buyerText, squashedView(buyerText), lex).complaint > 0;
}

function termFindings(scan: Scan, complaint: boolean, out: Candidate[]): void {
  for (const h of scan.terms) {
    if ((h.p.flags & TermFlag.ComplaintOnly) !== 0 && !complaint) continue;
    out.push(fromView(scan.view, h.p.rule, h.start, h.end, (h.p.flags & TermFlag.Negatable) !== 0));
  }
  for (const h of scan.shop) {
    const c = fromView(scan.view, h.p.rule, h.start, h.end, false);
    c.severity = h.p.severity;
    out.push(c);
  }
}

/** 不要加微信, 平台禁止私下交易, 刷单是违规的: a negation right before or after the finding. */
function negated(scan: Scan, c: Candidate): boolean {
  const { view } = scan;
  const start = c.viewStart;
  const core = c.negateFrom ?? start;
  for (const n of scan.negPre) {
    if (n.start >= start || n.end > core) continue;
    if (start - n.end > n.p.gap) continue;
    if (!hasBreak(view, n.end, start, false)) return true;
  }
  for (const n of scan.negPost) {
    if (n.start < c.viewEnd || n.start - c.viewEnd > n.p.gap) continue;
    if (!hasBreak(view, c.viewEnd, n.start, false)) return true;
  }
  return false;
}

export function check(text: string, options: CheckOptions = {}): CheckResult {
  const settings = options.settings ?? DEFAULT_COMPLIANCE_SETTINGS;
  if (!text) return { verdict: 'ok', findings: [] };
  const lex = lexiconFor(settings.shopWords, settings.allowList);
  const view = squashedView(text);
  const scan = scanView(text, view, lex);
  const complaint = options.complaint ?? (options.replyTo ? isComplaint(options.replyTo, settings) : false);

  const candidates: Candidate[] = [];
  termFindings(scan, complaint, candidates);
  keywordFindings(scan, candidates);
  numberFindings(scan, candidates);
  addressFindings(scan, candidates);
  linkFindings(text, options.platform ?? 'generic', candidates);
  if (candidates.length === 0) return { verdict: 'ok', findings: [] };

  const allowSpans = scan.allow.map((h) => [view.from[h.start]!, view.to[h.end - 1]!] as const);
  const findings: Finding[] = [];
  /** Length of the candidate whose rule a finding carries (the longest of those merged into it). */
  const ruleSpan: number[] = [];
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  let verdict: Verdict = 'ok';
  for (const c of candidates) {
    if (c.negatable && c.viewStart >= 0 && negated(scan, c)) continue;
    if (allowSpans.some(([s, e]) => s <= c.start && c.end <= e)) continue;
    const rule = RULES[c.rule]!;
    const severity = c.severity ?? (rule.category === 'shop-word' ? 'block' : settings.severities[rule.category]);
    if (severity === 'off') continue;
    // Overlapping findings of one category become one highlight (我的电话 + 13800000000).
    const k = findings.findIndex((f) => f.category === rule.category && c.start < f.end && f.start < c.end);
    if (k >= 0) {
      const f = findings[k]!;
      if (c.end > f.end) {
        f.end = c.end;
        f.text = text.slice(f.start, f.end);
      }
      if (c.end - c.start > ruleSpan[k]!) {
        ruleSpan[k] = c.end - c.start;
        Object.assign(f, { rule: rule.id, reason: rule.reason, reason_en: rule.reason_en, suggestion: rule.suggestion, suggestion_en: rule.suggestion_en });
      }
      if (maxVerdict(f.severity, severity) !== f.severity) f.severity = severity;
      verdict = maxVerdict(verdict, severity);
      continue;
    }
    findings.push({
      category: rule.category,
      severity,
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      rule: rule.id,
      reason: rule.reason,
      reason_en: rule.reason_en,
      suggestion: rule.suggestion,
      suggestion_en: rule.suggestion_en,
    });
    ruleSpan.push(c.end - c.start);
    verdict = maxVerdict(verdict, severity);
  }
  return { verdict, findings };
}
