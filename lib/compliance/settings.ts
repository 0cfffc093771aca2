/**
 * The zod schema of the compliance settings (a severity per category, the shop's own words and its
 * allow-list). Every field has its default and falls back alone: a bad word is dropped, the rest stays.
 */
import { z } from 'zod';
import { type ComplianceSettings, DEFAULT_SEVERITIES, LIST_MAX, RULE_CATEGORIES, type RuleCategory, WORD_MAX } from './defaults';
import type { SeveritySetting } from './types';
import { squash } from './views';

const field = <T extends z.ZodType>(schema: T, fallback: z.infer<T>) =>
  schema.default(fallback as never).catch(fallback as never);

const severitySetting = z.enum(['block', 'warn', 'tip', 'off']);
export const shopSeverity = z.enum(['block', 'warn']);

/** A word of a list: trimmed, 1–50 characters, with something left after normalisation. */
export const wordSchema = z
  .string()
  .trim()
  .min(1)
  .max(WORD_MAX)
  .refine((w) => squash(w).length > 0, 'only separators');

export const shopWordSchema = z.object({ word: wordSchema, severity: shopSeverity });

/** An array whose bad items are dropped one by one (duplicates too), never the whole list. */
function listOf<T>(item: z.ZodType<T>, key: (t: T) => string) {
  return field(
    z.array(z.unknown()).transform((items) => {
      const seen = new Set<string>();
      const out: T[] = [];
      for (const raw of items) {
        const r = item.safeParse(raw);
        if (!r.success) continue;
        const k = key(r.data);
        if (seen.has(k) || out.length >= LIST_MAX) continue;
        seen.add(k);
        out.push(r.data);
      }
      return out;
    }),
    [],
  );
}

const severitiesSchema = z.object(
  Object.fromEntries(RULE_CATEGORIES.map((c) => [c, field(severitySetting, DEFAULT_SEVERITIES[c])])) as unknown as Record<
    RuleCategory,
    z.ZodType<SeveritySetting>
  >,
);

export const complianceSettingsSchema = z.object({
  severities: field(severitiesSchema, { ...DEFAULT_SEVERITIES }),
  shopWords: listOf(shopWordSchema, (w) => squash(w.word)),
  allowList: listOf(wordSchema, (w) => squash(w)),
  learned: field(z.boolean(), true),
});

/** Whatever storage holds → settings; never throws, bad fields at their defaults. */
export function loadComplianceSettings(raw: unknown): ComplianceSettings {
  return complianceSettingsSchema.parse(raw && typeof raw === 'object' ? raw : {}) as ComplianceSettings;
}

