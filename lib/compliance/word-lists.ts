/**
 * Import and export of the shop's word lists as text: one word per line, or CSV `word,severity`.
 * A bad file is refused whole, naming the line; nothing is half applied.
 */
import { LIST_MAX, type ShopWord, WORD_MAX } from './defaults';
import { squash } from './views';

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
