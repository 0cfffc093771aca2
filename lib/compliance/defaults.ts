/**
 * Compliance settings without their validation: the shape, the defaults from design/compliance.md and
 * the limits. Kept apart from the zod schema so check() does not pull zod in by itself.
 */
import { CATEGORIES, type Category, type SeveritySetting } from './types';

/** Categories with a severity setting (shop words carry their own). */
export type RuleCategory = Exclude<Category, 'shop-word'>;
export const RULE_CATEGORIES = CATEGORIES.filter((c): c is RuleCategory => c !== 'shop-word');

/** Defaults from design/compliance.md. */
export const DEFAULT_SEVERITIES: Readonly<Record<RuleCategory, SeveritySetting>> = {
  'third-party-link': 'block',
  'off-platform-contact': 'block',
  'off-platform-payment': 'block',
  'qr-code': 'block',
  'store-address': 'warn',
  'review-inducement': 'block',
  abuse: 'block',
  prohibited: 'block',
  disparaging: 'warn',
  impersonation: 'block',
  'absolute-claim': 'warn',
  'poor-service': 'tip',
};

/** Longest word in a list, and most words in one list. */
export const WORD_MAX = 50;
export const LIST_MAX = 1000;

/** A word of the shop's own list and what it does. */
export interface ShopWord {
  word: string;
  severity: 'block' | 'warn';
}

export interface ComplianceSettings {
  severities: Record<RuleCategory, SeveritySetting>;
  shopWords: ShopWord[];
  allowList: string[];
  /** Let the learned reader (model.ts) add findings the rules did not make. */
  learned: boolean;
}

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = Object.freeze({
  severities: Object.freeze({ ...DEFAULT_SEVERITIES }) as Record<RuleCategory, SeveritySetting>,
  shopWords: Object.freeze([]) as unknown as ShopWord[],
  allowList: Object.freeze([]) as unknown as string[],
  learned: true,
});

