/**
 * Pre-send compliance check (design/compliance.md): `check(text, { platform, settings })` → verdict and
 * findings with spans in the text as typed. Pure: no DOM, no browser API.
 */
export { check, CHECK_LIMIT, HISTORY_CHARS, HISTORY_MESSAGES, isComplaint, type CheckOptions, warmUp, warmUpLearned, warmUpPhonetic } from './check';
export { ruleInfo, type RuleInfo } from './lexicon';
export {
  DEFAULT_COMPLIANCE_SETTINGS,
  DEFAULT_SEVERITIES,
  LIST_MAX,
  RULE_CATEGORIES,
  WORD_MAX,
  type ComplianceSettings,
  type RuleCategory,
  type ShopWord,
} from './defaults';
export { complianceSettingsSchema, loadComplianceSettings, shopWordSchema, wordSchema } from './settings';
export { parseWordList, serialiseWordList, type WordListKind, type WordListResult } from './word-lists';
export {
  CATEGORIES,
  maxVerdict,
  PLATFORMS,
  type Category,
  type CheckResult,
  type Finding,
  type Platform,
  type Severity,
  type SeveritySetting,
  type Verdict,
} from './types';
