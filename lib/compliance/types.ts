/**
 * The vocabulary of the pre-send compliance check (design/compliance.md): categories, severities and
 * the shape of a finding. Pure data types, shared by the engine, the CLI and the guard.
 */

/** What a finding is about; stable ids (settings keys, event fields, CLI output). */
export const CATEGORIES = [
  'third-party-link',
  'off-platform-contact',
  'off-platform-payment',
  'qr-code',
  'store-address',
  'review-inducement',
  'abuse',
  'prohibited',
  'disparaging',
  'impersonation',
  'absolute-claim',
  'poor-service',
  /** A word the shop added itself (its severity is the word's own). */
  'shop-word',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How a finding acts: block stops the send, warn lets it go with a notice, tip is a quiet hint. */
export type Severity = 'block' | 'warn' | 'tip';
/** A category's setting: a severity, or off. */
export type SeveritySetting = Severity | 'off';
export type Verdict = Severity | 'ok';

/** Platforms whose own domains are allowed in links; `generic` allows every marketplace's own domains. */
export const PLATFORMS = ['pdd', 'taobao', 'douyin', 'jd', 'kuaishou', 'generic'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Finding {
  category: Category;
  severity: Severity;
  /** UTF-16 offsets in the text as typed (what a textarea's selectionStart uses); end is exclusive. */
  start: number;
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
  /** Rule id, e.g. `contact.wechat`. */
  rule: string;
  /** Why it is risky (zh-CN), and in English. */
  reason: string;
  reason_en: string;
  /** How to fix it (zh-CN), and in English. */
  suggestion: string;
  suggestion_en: string;
}

export interface CheckResult {
  verdict: Verdict;
  /** Ordered by start, then end. */
  findings: Finding[];
  /**
   * Present only when the text was too long to check whole (see CHECK_LIMIT): the UTF-16 offset where
   * the unchecked rest starts. Verdict and findings are those of the text before it; the rest is
   * neither blocked nor passed, it was not read.
   */
  uncheckedFrom?: number;
}

const RANK: Record<Verdict, number> = { ok: 0, tip: 1, warn: 2, block: 3 };

/** The higher of two verdicts ('block' > 'warn' > 'tip' > 'ok'). */
export function maxVerdict(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

export function verdictRank(v: Verdict): number {
  return RANK[v];
}
