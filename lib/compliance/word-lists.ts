/**
 * Import and export of the shop's word lists as text: one word per line, or CSV `word,severity`.
 * A bad file is refused whole, naming the line; nothing is half applied.
 *
 * Files are decoded as the template import decodes them (`templates/decode.ts`: BOM, UTF-8, GBK —
 * what Excel and WPS write on a Chinese Windows —, UTF-16), and text with replacement characters
 * (U+FFFD, what a wrong decoding leaves) is refused, so a list is never replaced by garbage words.
 * The export is a CSV written by the rule every CSV of the extension uses (`templates/csv-cell.ts`).
 */
import { CRLF } from '../stats/csv';
import { keepMark, restoreCell, textCell } from '../templates/csv-cell';
import { decodeBytes } from '../templates/decode';
import { LIST_MAX, type ShopWord, WORD_MAX } from './defaults';
import { squash } from './views';

/** Which list a file is for: shop words (lines without a severity get this one), or the allow-list. */
export type WordListKind = 'block' | 'warn' | 'allow';

export type WordListResult<T> =
  | { ok: true; words: T[] }
  | { ok: false; /** 1-based line number in the file. */ line: number; message: string; message_en: string };

/** Length as the settings schema counts it (zod counts code points: an emoji is one character). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++)
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) n--, i++;
  return n;
}

/** A first line whose word is one of these is a header, skipped. */
const HEADER = /^(word|词|敏感词)$/i;

const fail = (line: number, message: string, message_en: string) => ({ ok: false as const, line, message, message_en });

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
  let first = true;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const lineNo = n + 1;
    if (line.includes('\uFFFD'))
      return fail(
        lineNo,
        '有无法识别的字符（�）：文件的编码读错了或已损坏，请在 Excel / WPS 中另存为「CSV UTF-8」后再导入',
        'unreadable characters (U+FFFD): the file was decoded wrongly or is damaged; save it as "CSV UTF-8" and import it again',
      );
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const fields = csvFields(line);
    if (!fields) return fail(lineNo, '引号没有闭合', 'unclosed quote');
    const [rawWord = '', rawSeverity, ...extra] = fields;
    const header = first && HEADER.test(rawWord.trim());
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
    // A spreadsheet's text mark (`'=x`, as our export writes formula-looking words) is taken off.
    const word = restoreCell(rawWord.trim());
    if (!word) return fail(lineNo, '词为空', 'empty word');
    if (codePoints(word) > WORD_MAX) return fail(lineNo, `词太长（最多 ${WORD_MAX} 个字）`, `word longer than ${WORD_MAX} characters`);
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
const wordOf = (w: ShopWord | string) => (typeof w === 'string' ? w : w.word);

/**
 * The text parseWordList reads back, for the text box: CSV `word,severity` for shop words, one word
 * per line for the allow-list; words shown as typed (see {@link wordListCsv} for the file).
 */
export function serialiseWordList(words: readonly ShopWord[] | readonly string[], kind: WordListKind): string {
  const lines = words.map((w) => {
    const cell = quote(keepMark(wordOf(w)));
    return typeof w === 'string' || kind === 'allow' ? cell : `${cell},${w.severity}`;
  });
  // A first word that reads as a header (`词`, `word`) would be skipped: give the text a header.
  if (words.length && HEADER.test(wordOf(words[0]!))) lines.unshift(kind === 'allow' ? '词' : '词,级别');
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** A word as a CSV cell: the common rule, and quoted when it would read as a `#` comment line. */
const csvWord = (w: string) => {
  const cell = textCell(w);
  return cell.startsWith('#') ? `"${cell}"` : cell;
};

/**
 * The file the export button saves (the caller adds the BOM): CSV with a header (`词,级别`, or `词`
 * for the allow-list), CRLF, cells written by the rule of every CSV the extension writes (a
 * formula-looking word gets a leading `'`, which parseWordList takes off again).
 */
export function wordListCsv(words: readonly ShopWord[] | readonly string[], kind: WordListKind): string {
  const shop = kind !== 'allow';
  const lines = [shop ? '词,级别' : '词'];
  for (const w of words) lines.push(shop && typeof w !== 'string' ? `${csvWord(w.word)},${w.severity}` : csvWord(wordOf(w)));
  return lines.join(CRLF) + CRLF;
}

/** Read a picked file (its bytes): decoded as the template import does, then {@link parseWordList}. */
export function parseWordListFile(bytes: Uint8Array, kind: 'allow'): WordListResult<string>;
export function parseWordListFile(bytes: Uint8Array, kind: 'block' | 'warn'): WordListResult<ShopWord>;
export function parseWordListFile(bytes: Uint8Array, kind: WordListKind): WordListResult<string> | WordListResult<ShopWord>;
export function parseWordListFile(bytes: Uint8Array, kind: WordListKind): WordListResult<string> | WordListResult<ShopWord> {
  const decoded = decodeBytes(bytes);
  if (decoded.badLine !== undefined)
    return fail(
      decoded.badLine,
      '文件既不是 UTF-8 也不是 GBK 编码，无法识别文字：请在 Excel / WPS 中另存为「CSV UTF-8」后再导入',
      'the file is neither UTF-8 nor GBK: save it as "CSV UTF-8" and import it again',
    );
  return parseWordList(decoded.text, kind);
}
