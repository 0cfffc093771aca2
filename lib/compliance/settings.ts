/**
 * Compliance settings: a severity per category, the shop's own words (block / warn) and its allow-list.
 * Plain data validated with zod; every field has its default and falls back alone (a bad word is
 * dropped, the rest stays). The word lists are imported and exported as text, one word per line or
 * CSV `word,severity`; a bad file is refused whole, naming the line.
 */
import { z } from 'zod';
import { CATEGORIES, type Category, type SeveritySetting } from './types';
import { squash } from './views';

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
export type ShopWord = z.infer<typeof shopWordSchema>;

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
});

export interface ComplianceSettings {
  severities: Record<RuleCategory, SeveritySetting>;
  shopWords: ShopWord[];
  allowList: string[];
}

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = Object.freeze({
  severities: Object.freeze({ ...DEFAULT_SEVERITIES }) as Record<RuleCategory, SeveritySetting>,
  shopWords: Object.freeze([]) as unknown as ShopWord[],
  allowList: Object.freeze([]) as unknown as string[],
});

/** Whatever storage holds → settings; never throws, bad fields at their defaults. */
export function loadComplianceSettings(raw: unknown): ComplianceSettings {
  return complianceSettingsSchema.parse(raw && typeof raw === 'object' ? raw : {}) as ComplianceSettings;
}

// ---------------------------------------------------------------------------------------------
// Import / export of the word lists.

/** Which list a file is for: shop words (lines without a severity get this one), or the allow-list. */
export type WordListKind = 'block' | 'warn' | 'allow';

export type WordListResult<T> =
  | { ok: true; words: T[] }
  | { ok: false; /** 1-based line number in the file. */ line: number; message: string; message_en: string };

const SEVERITY_WORDS: Record<string, ShopWord['severity']> = {
  block: 'block',
  warn: 'warn',
  拦截: 'block',
  阻止: 'block',
  提醒: 'warn',
  警告: 'warn',
};

/** One CSV line → fields (double quotes, "" inside quotes); null when a quote is not closed. */
function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') return null;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      value = line.slice(i, end);
      i = end;
    }
    fields.push(value);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/**
 * Parse an imported list. One word per line, or CSV `word,severity` (block / warn, also 拦截 / 提醒) for
 * shop words; blank lines and lines starting with `#` are skipped, a `word,severity` header too.
 * All or nothing: the first bad line is reported and nothing is returned.
 */
export function parseWordList(text: string, kind: 'allow'): WordListResult<string>;
export function parseWordList(text: string, kind: 'block' | 'warn'): WordListResult<ShopWord>;
export function parseWordList(text: string, kind: WordListKind): WordListResult<string> | WordListResult<ShopWord>;
export function parseWordList(text: string, kind: WordListKind): WordListResult<string> | WordListResult<ShopWord> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const words: ShopWord[] = [];
  const seen = new Set<string>();
  const fail = (line: number, message: string, message_en: string) => ({ ok: false as const, line, message, message_en });
  let first = true;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const lineNo = n + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const fields = csvFields(line);
    if (!fields) return fail(lineNo, '引号没有闭合', 'unclosed quote');
    const [rawWord = '', rawSeverity, ...extra] = fields;
    const header = first && /^(word|词|敏感词)$/i.test(rawWord.trim());
    first = false;
    if (header) continue;
    if (extra.length) return fail(lineNo, '一行最多两列：词,级别', 'at most two columns: word,severity');
    let severity: ShopWord['severity'] = kind === 'warn' ? 'warn' : 'block';
    if (rawSeverity !== undefined) {
      if (kind === 'allow') return fail(lineNo, '白名单每行只写一个词', 'allow-list lines hold one word');
      const s = SEVERITY_WORDS[rawSeverity.trim().toLowerCase()];
      if (!s) return fail(lineNo, `级别“${rawSeverity.trim()}”无效，应为 block 或 warn`, `unknown severity "${rawSeverity.trim()}" (block or warn)`);
      severity = s;
    }
    const word = rawWord.trim();
    if (!word) return fail(lineNo, '词为空', 'empty word');
    if (word.length > WORD_MAX) return fail(lineNo, `词太长（最多 ${WORD_MAX} 个字）`, `word longer than ${WORD_MAX} characters`);
    const key = squash(word);
    if (!key) return fail(lineNo, '词里只有符号或空格', 'the word has only symbols or spaces');
    if (seen.has(key)) continue;
    if (words.length >= LIST_MAX) return fail(lineNo, `最多 ${LIST_MAX} 个词`, `more than ${LIST_MAX} words`);
    seen.add(key);
    words.push({ word, severity });
  }
  if (kind === 'allow') return { ok: true, words: words.map((w) => w.word) };
  return { ok: true, words };
}

const needsQuotes = (w: string) => /[",\r\n]|^\s|\s$|^#/.test(w);
const quote = (w: string) => (needsQuotes(w) ? `"${w.replaceAll('"', '""')}"` : w);

/** The text parseWordList reads back: CSV `word,severity` for shop words, one word per line for the allow-list. */
export function serialiseWordList(words: readonly ShopWord[] | readonly string[], kind: WordListKind): string {
  const lines = words.map((w) =>
    typeof w === 'string' ? quote(w) : kind === 'allow' ? quote(w.word) : `${quote(w.word)},${w.severity}`,
  );
  return lines.length ? `${lines.join('\n')}\n` : '';
}
