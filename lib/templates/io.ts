import Papa from 'papaparse';
import { BOM, CRLF } from '../stats/csv';
import { toChinaIso } from '../time/china';
import { neutralizeCell, restoreCell, textCell } from './csv-cell';
import { decodeBytes, lineAt, type TextEncoding } from './decode';
import { withSearchKeys } from './index-build';
import {
  BODY_MAX,
  COLLECTION_VERSION,
  DEFAULT_GROUP_NAME,
  GROUPS_MAX,
  GROUP_NAME_MAX,
  PLATFORM_NAMES,
  SHOP_MAX,
  TAGS_MAX,
  TAG_MAX,
  TEMPLATES_MAX,
  TITLE_MAX,
  collectionSchema,
  groupIdForName,
  groupSchema,
  parseCollection,
  shortcutSchema,
  templateSchema,
  textLength,
  type Template,
  type TemplateCollection,
  type TemplateGroup,
} from './model';
import { unknownVariables } from './variables';

/**
 * Import and export of templates (options page only: it pulls pinyin-pro through index-build).
 *
 * - JSON: the whole document, full fidelity (`exportJson` → `importTemplates` round-trips).
 * - CSV: UTF-8 with BOM and CRLF so Excel opens it; columns 分组,快捷短语编码,标题,内容 (+ 平台,店铺
 *   when a template is scoped). Cells are written by the rule every CSV of the extension uses
 *   (`csv-cell.ts`, the stats exporter's): a cell a spreadsheet would run as a formula (= + - @ tab
 *   CR at the start, or full-width ＝ ＋ － ＠) gets a leading `'`, which the import removes again.
 * - Import also reads the quick-phrase spreadsheets sellers keep (Qianniu / PDD exports saved as CSV,
 *   UTF-8, UTF-16 or GBK): header names are matched from a list of aliases; see FORMATS.md.
 *
 * An import never changes anything: it returns a preview (templates, duplicates marked, errors).
 * Any bad row makes the whole preview an error naming the line, with nothing to apply. Rows are
 * checked against the stored schema (`model.ts`), and so is the document the import would make
 * (at most 1,000 groups and 20,000 templates): a preview that says yes can be stored and read back.
 * `applyImport` applies a clean preview with the chosen duplicate policy. Both are pure.
 */

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type ImportFormat = 'json' | 'csv';
export type { TextEncoding };
export { decodeBytes, neutralizeCell, restoreCell };

export type ImportErrorCode =
  | 'too-large'
  | 'unsupported-file'
  | 'bad-encoding'
  | 'bad-json'
  | 'too-deep'
  | 'bad-document'
  | 'no-header'
  | 'duplicate-column'
  | 'bad-quotes'
  | 'extra-cells'
  | 'empty-body'
  | 'body-too-long'
  | 'title-too-long'
  | 'bad-shortcut'
  | 'bad-platform'
  | 'group-name-too-long'
  | 'shop-too-long'
  | 'tag-too-long'
  | 'too-many-tags'
  | 'bad-row'
  | 'too-many-rows'
  | 'too-many-groups'
  | 'too-many-templates'
  | 'empty-file';

export interface ImportError {
  /** 1-based line of the file (physical line, as an editor shows it); null if none applies. */
  line: number | null;
  code: ImportErrorCode;
  /** zh-CN message naming the line (the UI may localise from `code`). */
  message: string;
  /** The column header or JSON path concerned, when there is one. */
  where?: string;
}

export interface ImportWarning {
  line: number;
  message: string;
}

export type DuplicateReason = 'id' | 'shortcut' | 'body' | 'in-file';

export interface DuplicateMark {
  /** Index in `preview.templates`. */
  index: number;
  line: number;
  reason: DuplicateReason;
  /** The existing template it duplicates (absent for `in-file`). */
  existingId?: string;
  existingTitle?: string;
  /** For `in-file`: the earlier line with the same content. */
  ofLine?: number;
}

export interface ImportedTemplate {
  template: Template;
  line: number;
  /** The file had no title for it; the title was made from the body. */
  titleDerived: boolean;
  duplicate?: DuplicateMark;
}

export type ColumnField = 'group' | 'shortcut' | 'title' | 'body' | 'platform' | 'shop' | 'tags' | 'image';

export interface ImportPreview {
  /** No errors: `applyImport` may be called. */
  ok: boolean;
  format: ImportFormat;
  encoding: TextEncoding;
  templates: ImportedTemplate[];
  duplicates: DuplicateMark[];
  /** Groups the import creates (absent in the existing document). */
  newGroups: TemplateGroup[];
  errors: ImportError[];
  warnings: ImportWarning[];
  /** CSV: which header each field was read from, and the headers ignored. */
  columns?: Partial<Record<ColumnField, string>>;
  ignoredColumns?: string[];
  headerLine?: number;
  /** JSON: the whole document as read (migrated, search keys fresh), for a full restore. */
  whole?: TemplateCollection;
  migratedFrom?: number | null;
}

export interface ImportOptions {
  existing: TemplateCollection;
  now: number;
  /** Used to tell .json / .csv / .xlsx apart when the bytes do not. */
  fileName?: string;
  newId?: () => string;
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20000;

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

// Decoding: `decode.ts` (shared with the compliance word lists).

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

export const EXPORT_FORMAT_ID = 'kefu-pilot-templates';

/** The whole document as pretty JSON (with an export header; search keys included). */
export function exportJson(collection: TemplateCollection, now: number): string {
  const doc = {
    format: EXPORT_FORMAT_ID,
    exportedAt: toChinaIso(now),
    version: collection.version,
    groups: collection.groups,
    templates: collection.templates,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Chinese headers written on export (the import also accepts English ones and aliases). */
export const CSV_HEADERS = { group: '分组', shortcut: '快捷短语编码', title: '标题', body: '内容', platform: '平台', shop: '店铺' } as const;

/** CSV for Excel: BOM, CRLF, formula-neutralised cells, templates in display order of the file. */
export function exportCsv(collection: TemplateCollection): string {
  const names = new Map(collection.groups.map((g) => [g.id, g.name]));
  const gOrder = new Map(collection.groups.map((g) => [g.id, g.order]));
  const scoped = collection.templates.some((t) => t.platform || t.shop);
  const fields: string[] = [CSV_HEADERS.group, CSV_HEADERS.shortcut, CSV_HEADERS.title, CSV_HEADERS.body];
  if (scoped) fields.push(CSV_HEADERS.platform, CSV_HEADERS.shop);
  const rows = [...collection.templates]
    .sort((a, b) => (gOrder.get(a.group) ?? 0) - (gOrder.get(b.group) ?? 0) || a.order - b.order)
    .map((t) => {
      const row = [names.get(t.group) ?? '', t.shortcut ?? '', t.title, t.body];
      if (scoped) row.push(t.platform ?? '', t.shop ?? '');
      return row.map(textCell).join(',') + CRLF;
    });
  return BOM + fields.map(textCell).join(',') + CRLF + rows.join('');
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

const errorPreview = (format: ImportFormat, encoding: TextEncoding, errors: ImportError[], extra: Partial<ImportPreview> = {}): ImportPreview => ({
  ok: false,
  format,
  encoding,
  templates: [],
  duplicates: [],
  newGroups: [],
  errors,
  warnings: [],
  ...extra,
});

const at = (line: number | null): string => (line === null ? '' : `第 ${line} 行：`);

/** Read a JSON or CSV file into a preview. Never throws, never changes anything. */
export function importTemplates(input: Uint8Array | string, options: ImportOptions): ImportPreview {
  const name = (options.fileName ?? '').toLowerCase();
  let text: string;
  let encoding: TextEncoding = 'utf-8';
  if (typeof input === 'string') {
    text = input.replace(/^\uFEFF/, '');
    if (text.length > MAX_IMPORT_BYTES)
      return errorPreview('csv', encoding, [{ line: null, code: 'too-large', message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
  } else {
    if (input.length > MAX_IMPORT_BYTES)
      return errorPreview('csv', encoding, [{ line: null, code: 'too-large', message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
    const isZip = input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04;
    const isOle = input[0] === 0xd0 && input[1] === 0xcf && input[2] === 0x11 && input[3] === 0xe0;
    if (isZip || isOle || /\.xlsx?$/.test(name))
      return errorPreview('csv', encoding, [
        {
          line: null,
          code: 'unsupported-file',
          message: 'Excel 工作簿（.xlsx/.xls）不能直接导入：请在 Excel 或 WPS 中「另存为」CSV（UTF-8 或默认编码均可）后再导入',
        },
      ]);
    const decoded = decodeBytes(input);
    encoding = decoded.encoding;
    text = decoded.text;
    if (decoded.badLine !== undefined)
      return errorPreview('csv', encoding, [
        { line: decoded.badLine, code: 'bad-encoding', message: `${at(decoded.badLine)}文件既不是 UTF-8 也不是 GBK 编码，无法识别文字` },
      ]);
  }
  const looksJson = /\.json$/.test(name) || /^\s*[{[]/.test(text);
  if (!text.trim()) return errorPreview(looksJson ? 'json' : 'csv', encoding, [{ line: null, code: 'empty-file', message: '文件是空的' }]);
  return looksJson ? importJson(text, encoding, options) : importCsv(text, encoding, options);
}

// --- JSON ------------------------------------------------------------------------------------

/** Line of every value in a valid JSON text, by dotted path (`templates.3.title`), to depth 3. */
function jsonLines(text: string): Map<string, number> {
  const map = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) break;
    }
  };
  const str = (): string => {
    const s = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(s, i)) as string;
  };
  const value = (path: string, depth: number): void => {
    ws();
    if (depth <= 3) map.set(path, line);
    const c = text[i];
    const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (let n = 0; ; n++) {
        ws();
        if (c === '{') {
          const key = str();
          ws();
          i++; // ':'
          value(join(key), depth + 1);
        } else value(join(n), depth + 1);
        ws();
        if (text[i++] !== ',') return;
      }
    }
    if (c === '"') return void str();
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  value('', 0);
  return map;
}

function jsonSyntaxLine(text: string, e: unknown): number | null {
  const msg = e instanceof Error ? e.message : '';
  const lc = /line (\d+) column \d+/.exec(msg);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(msg);
  if (pos) return lineAt(text, Number(pos[1]));
  if (/end of (JSON )?input/i.test(msg)) return lineAt(text, text.length);
  // Some engines name no position (a trailing comma in Chromium): find it ourselves.
  const offset = jsonErrorOffset(text);
  return offset === null ? null : lineAt(text, offset);
}

/** Offset of the first JSON syntax error (a small strict scanner), or null when the text parses. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i]!)) i++;
  };
  const fail = () => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : null;
  }
}

/** Nesting a template document never needs (it has 5 levels): deeper files are refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/**
 * Offset of the first `[` or `{` nested deeper than `max` (outside strings), or null. One pass, no
 * recursion: the recursive readers below (line map, syntax scanner) only ever see bounded nesting.
 */
export function jsonDepthOffset(text: string, max = MAX_JSON_DEPTH): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return null;
}

function importJson(text: string, encoding: TextEncoding, options: ImportOptions): ImportPreview {
  const deep = jsonDepthOffset(text);
  if (deep !== null) {
    const line = lineAt(text, deep);
    return errorPreview('json', encoding, [
      { line, code: 'too-deep', message: `${at(line)}JSON 嵌套超过 ${MAX_JSON_DEPTH} 层，不是客服领航的模板文件` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const line = jsonSyntaxLine(text, e);
    return errorPreview('json', encoding, [{ line, code: 'bad-json', message: `${at(line)}JSON 格式错误（${e instanceof Error ? e.message : String(e)}）` }]);
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { format, exportedAt, ...rest } = raw as Record<string, unknown>;
    void exportedAt;
    if (format !== undefined && format !== EXPORT_FORMAT_ID)
      return errorPreview('json', encoding, [{ line: 1, code: 'bad-document', message: `第 1 行：不是客服领航的模板文件（format = ${JSON.stringify(format)}）` }]);
    raw = rest;
  }
  const parsed = parseCollection(raw, options.now);
  if (!parsed.ok) {
    const lines = jsonLines(text);
    const errors = parsed.issues.slice(0, 50).map((issue): ImportError => {
      const path = issue.path.map(String);
      let line: number | null = null;
      for (let n = path.length; n >= 0 && line === null; n--) line = lines.get(path.slice(0, n).join('.')) ?? null;
      const where = path.reduce((s, p) => (/^\d+$/.test(p) ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
      return { line, code: 'bad-document', where, message: `${at(line)}${where || '文件'}：${issue.message}` };
    });
    return errorPreview('json', encoding, errors);
  }
  const lines = jsonLines(text);
  const whole = { ...parsed.collection, templates: parsed.collection.templates.map((t) => withSearchKeys(t)) };
  const existing = options.existing;
  const groupMap = new Map<string, string>(); // file group id → id in the existing document
  const newGroups: TemplateGroup[] = [];
  const existingById = new Map(existing.groups.map((g) => [g.id, g]));
  const existingByName = new Map(existing.groups.map((g) => [g.name, g]));
  for (const g of whole.groups) {
    const same = existingById.get(g.id) ?? existingByName.get(g.name);
    if (same) groupMap.set(g.id, same.id);
    else {
      const ng = { ...g, order: existing.groups.length + newGroups.length };
      newGroups.push(ng);
      groupMap.set(g.id, ng.id);
    }
  }
  const imported: ImportedTemplate[] = whole.templates.map((t, i) => ({
    template: { ...t, group: groupMap.get(t.group) ?? t.group },
    line: lines.get(`templates.${i}`) ?? 1,
    titleDerived: false,
  }));
  const warnings = collectWarnings(imported);
  const duplicates = markDuplicates(imported, existing);
  const preview: ImportPreview = { ok: true, format: 'json', encoding, templates: imported, duplicates, newGroups, errors: [], warnings, whole, migratedFrom: parsed.migratedFrom };
  const problems = documentErrors(existing, preview);
  return problems.length ? errorPreview('json', encoding, problems) : preview;
}

// --- CSV -------------------------------------------------------------------------------------

const ALIASES: Record<ColumnField, string[]> = {
  group: ['分组', '分组名称', '分组名', '所属分组', '短语分组', '分类', '类别', 'group', 'category'],
  shortcut: ['快捷短语编码', '快捷编码', '快捷码', '编码', '快捷键', '短语编码', '快捷词', '缩写', 'shortcut', 'code', 'key'],
  title: ['标题', '名称', '短语标题', '短语名称', 'title', 'name'],
  body: ['内容', '短语内容', '快捷短语', '快捷短语内容', '短语', '话术', '话术内容', '回复内容', '回复', '文本', 'body', 'content', 'text', 'phrase', 'message'],
  platform: ['平台', 'platform'],
  shop: ['店铺', '店铺名', '店铺名称', 'shop'],
  tags: ['标签', 'tags', 'tag'],
  image: ['图片', '图片地址', '图片链接', 'image', 'imageurl', 'picurl', 'pic'],
};
const FIELD_OF = new Map<string, ColumnField>();
for (const [field, names] of Object.entries(ALIASES) as [ColumnField, string[]][]) for (const n of names) FIELD_OF.set(n, field);

/** `*短语内容（必填）` → `短语内容`; case and full-width folded. Linear in the length of the cell. */
const headerKey = (h: string): string =>
  withoutBrackets(h.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/[*\s:_\-/]/g, '')
    .toLowerCase();

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '【': '】' };
const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Drop `(…)`, `[…]` and `【…】` (each to its nearest closer on the same line; an opener without one
 * stays). Remembers where the next closer and the next line break are, so every character is
 * looked at a bounded number of times: no backtracking over a cell of a million unclosed `(`.
 */
export function withoutBrackets(s: string): string {
  const next: Record<string, number> = { ')': -2, ']': -2, '】': -2 }; // -2: not looked up yet; -1: none left
  let nextBreak = -2;
  let out = '';
  let keepFrom = 0;
  for (let i = 0; i < s.length; i++) {
    const closer = CLOSER[s[i]!];
    if (!closer) continue;
    if (next[closer] !== -1 && next[closer]! <= i) next[closer] = s.indexOf(closer, i + 1);
    const j = next[closer]!;
    if (j < 0) continue;
    if (nextBreak !== -1 && nextBreak <= i) {
      nextBreak = -1;
      for (let k = i + 1; k < s.length; k++)
        if (isLineBreak(s.charCodeAt(k))) {
          nextBreak = k;
          break;
        }
    }
    if (nextBreak !== -1 && nextBreak < j) continue;
    out += s.slice(keepFrom, i);
    keepFrom = j + 1;
    i = j;
  }
  return keepFrom === 0 ? s : out + s.slice(keepFrom);
}

const PLATFORM_ALIASES: Record<string, (typeof PLATFORM_NAMES)[number]> = {
  pdd: 'pdd', 拼多多: 'pdd', taobao: 'taobao', 淘宝: 'taobao', 天猫: 'taobao', 千牛: 'taobao', tmall: 'taobao',
  douyin: 'douyin', 抖音: 'douyin', 抖店: 'douyin', jd: 'jd', 京东: 'jd', kuaishou: 'kuaishou', 快手: 'kuaishou', generic: 'generic',
};

function detectDelimiter(line: string): string {
  if (line.includes('\t')) return '\t';
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  return ',';
}

/** A title from the body when the file has none (Qianniu phrases have only a code and a text). */
export function deriveTitle(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const cps = Array.from(flat);
  return cps.length <= 20 ? flat : `${cps.slice(0, 20).join('')}…`;
}

function importCsv(text: string, encoding: TextEncoding, options: ImportOptions): ImportPreview {
  const fail = (errors: ImportError[], extra: Partial<ImportPreview> = {}) => errorPreview('csv', encoding, errors, extra);

  // Header: the first of the first 10 lines naming a body column (instruction rows above it are skipped).
  const physical = text.split(/\r\n|\n|\r/, 10);
  let delimiter = ',';
  const headerPhysical = physical.findIndex((l) => {
    const d = detectDelimiter(l);
    if (l.split(d).some((c) => FIELD_OF.get(headerKey(c.replace(/^"|"$/g, ''))) === 'body')) return (delimiter = d), true;
    return false;
  });
  if (headerPhysical < 0)
    return fail([
      {
        line: 1,
        code: 'no-header',
        message: '第 1 行：找不到表头。第一行应是列名，至少包含「内容」（或 短语/快捷短语/话术/content/body），可选「分组」「快捷短语编码」「标题」',
      },
    ]);

  // Rows with their starting physical line.
  const rows: { cells: string[]; line: number }[] = [];
  const errors: ImportError[] = [];
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 || (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let prev = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (r) => {
      const line = lineOf(prev);
      prev = r.meta.cursor;
      for (const e of r.errors) if (e.type === 'Quotes') errors.push({ line, code: 'bad-quotes', message: `${at(line)}引号没有配对（一个单元格以 " 开始却没有结束）` });
      rows.push({ cells: r.data, line });
    },
  });
  if (errors.length) return fail(errors.slice(0, 1));

  const headerIndex = rows.findIndex((r) => r.line - 1 >= headerPhysical);
  const header = rows[headerIndex]!;
  const columns: Partial<Record<ColumnField, string>> = {};
  const colIndex: Partial<Record<ColumnField, number>> = {};
  const ignoredColumns: string[] = [];
  for (const [i, h] of header.cells.entries()) {
    const field = FIELD_OF.get(headerKey(h));
    if (!field) {
      if (h.trim()) ignoredColumns.push(h.trim());
      continue;
    }
    if (colIndex[field] !== undefined)
      return fail([{ line: header.line, code: 'duplicate-column', where: h, message: `第 ${header.line} 行：有两列都是「${columns[field]}」/「${h.trim()}」，不知道用哪一列` }]);
    colIndex[field] = i;
    columns[field] = h.trim();
  }

  const dataRows = rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length > MAX_IMPORT_ROWS)
    return fail([{ line: dataRows[MAX_IMPORT_ROWS]!.line, code: 'too-many-rows', message: `第 ${dataRows[MAX_IMPORT_ROWS]!.line} 行：一次最多导入 ${MAX_IMPORT_ROWS} 条` }]);

  const existing = options.existing;
  const groupsByName = new Map(existing.groups.map((g) => [g.name, g.id]));
  const usedGroupIds = new Set(existing.groups.map((g) => g.id));
  const newGroups: TemplateGroup[] = [];
  const groupFor = (name: string): string => {
    const id = groupsByName.get(name);
    if (id) return id;
    let gid = groupIdForName(name);
    for (let n = 2; usedGroupIds.has(gid); n++) gid = `${groupIdForName(name)}-${n}`;
    usedGroupIds.add(gid);
    groupsByName.set(name, gid);
    newGroups.push({ id: gid, name, order: existing.groups.length + newGroups.length });
    return gid;
  };
  const perGroupOrder = new Map<string, number>();
  for (const t of existing.templates) perGroupOrder.set(t.group, Math.max(perGroupOrder.get(t.group) ?? 0, t.order + 1));

  const makeId = options.newId ?? (() => `t-${crypto.randomUUID()}`);
  const imported: ImportedTemplate[] = [];
  const warnings: ImportWarning[] = [];
  const cell = (r: { cells: string[] }, f: ColumnField): string => {
    const i = colIndex[f];
    return i === undefined ? '' : restoreCell(r.cells[i] ?? '');
  };

  for (const r of dataRows) {
    const L = r.line;
    const extra = r.cells.slice(header.cells.length).filter((c) => c.trim() !== '');
    if (extra.length) {
      errors.push({ line: L, code: 'extra-cells', message: `第 ${L} 行：比表头多出 ${extra.length} 个单元格（内容里的英文逗号要用引号括起来）` });
      continue;
    }
    const body = trimBody(cell(r, 'body'));
    if (!body.trim()) {
      errors.push({ line: L, code: 'empty-body', where: columns.body, message: `第 ${L} 行：「${columns.body}」是空的` });
      continue;
    }
    if (textLength(body) > BODY_MAX) {
      errors.push({ line: L, code: 'body-too-long', where: columns.body, message: `第 ${L} 行：内容有 ${textLength(body)} 个字，最多 ${BODY_MAX} 个` });
      continue;
    }
    let title = cell(r, 'title').replace(/\s+/g, ' ').trim();
    const titleDerived = !title;
    if (!title) title = deriveTitle(body);
    if (textLength(title) > TITLE_MAX) {
      errors.push({ line: L, code: 'title-too-long', where: columns.title, message: `第 ${L} 行：标题超过 ${TITLE_MAX} 个字` });
      continue;
    }
    const rawShortcut = cell(r, 'shortcut').trim();
    let shortcut: string | undefined;
    if (rawShortcut) {
      const s = shortcutSchema.safeParse(rawShortcut);
      if (!s.success) {
        errors.push({ line: L, code: 'bad-shortcut', where: columns.shortcut, message: `第 ${L} 行：快捷编码「${rawShortcut}」不能有空格或大括号，最长 32 个字符` });
        continue;
      }
      shortcut = s.data;
    }
    const rawPlatform = cell(r, 'platform').trim();
    let platform: Template['platform'];
    if (rawPlatform) {
      platform = PLATFORM_ALIASES[rawPlatform.toLowerCase()];
      if (!platform) {
        errors.push({ line: L, code: 'bad-platform', where: columns.platform, message: `第 ${L} 行：不认识的平台「${rawPlatform}」（可用：拼多多、淘宝、抖店、京东、快手）` });
        continue;
      }
    }
    const shop = cell(r, 'shop').trim() || undefined;
    if (shop && textLength(shop) > SHOP_MAX) {
      errors.push({ line: L, code: 'shop-too-long', where: columns.shop, message: `第 ${L} 行：店铺名有 ${textLength(shop)} 个字，最多 ${SHOP_MAX} 个` });
      continue;
    }
    const tags = [...new Set(cell(r, 'tags').split(/[,，、;；\s]+/).filter(Boolean))];
    const longTag = tags.find((t) => textLength(t) > TAG_MAX);
    if (longTag !== undefined) {
      errors.push({ line: L, code: 'tag-too-long', where: columns.tags, message: `第 ${L} 行：标签「${clip(longTag)}」超过 ${TAG_MAX} 个字` });
      continue;
    }
    if (tags.length > TAGS_MAX) {
      errors.push({ line: L, code: 'too-many-tags', where: columns.tags, message: `第 ${L} 行：有 ${tags.length} 个标签，最多 ${TAGS_MAX} 个` });
      continue;
    }
    const groupName = cell(r, 'group').trim() || DEFAULT_GROUP_NAME;
    if (textLength(groupName) > GROUP_NAME_MAX) {
      errors.push({ line: L, code: 'group-name-too-long', where: columns.group, message: `第 ${L} 行：分组名「${clip(groupName)}」超过 ${GROUP_NAME_MAX} 个字` });
      continue;
    }
    if (cell(r, 'image').trim()) warnings.push({ line: L, message: `第 ${L} 行：图片不会导入，只导入文字` });
    const group = groupFor(groupName);
    const order = perGroupOrder.get(group) ?? 0;
    perGroupOrder.set(group, order + 1);
    const template: Template = {
      id: makeId(),
      title,
      body,
      group,
      ...(shortcut ? { shortcut } : {}),
      ...(platform ? { platform } : {}),
      ...(shop ? { shop } : {}),
      tags,
      usageCount: 0,
      order,
      createdAt: options.now,
      updatedAt: options.now,
    };
    // Whatever the checks above missed: the row must be what the store keeps.
    const checked = templateSchema.safeParse(withSearchKeys(template));
    if (!checked.success) {
      errors.push({ line: L, code: 'bad-row', message: `第 ${L} 行：${issueText(checked.error.issues[0])}` });
      continue;
    }
    imported.push({ template: checked.data, line: L, titleDerived });
  }
  for (const g of newGroups) {
    const checked = groupSchema.safeParse(g);
    if (!checked.success) errors.push({ line: null, code: 'bad-row', message: `分组「${clip(g.name)}」：${issueText(checked.error.issues[0])}` });
  }
  if (errors.length) return fail(errors.slice(0, 50), { columns, ignoredColumns, headerLine: header.line });
  if (!imported.length)
    return fail([{ line: header.line, code: 'empty-file', message: `第 ${header.line} 行之后没有任何模板` }], { columns, ignoredColumns, headerLine: header.line });

  warnings.push(...collectWarnings(imported));
  const duplicates = markDuplicates(imported, existing);
  const preview: ImportPreview = { ok: true, format: 'csv', encoding, templates: imported, duplicates, newGroups, errors: [], warnings, columns, ignoredColumns, headerLine: header.line };
  const problems = documentErrors(existing, preview);
  return problems.length ? fail(problems, { columns, ignoredColumns, headerLine: header.line }) : preview;
}

/**
 * `\r\n` → `\n`, leading line breaks and trailing white space dropped. Linear: the regular
 * expression it replaces (`/^\n+|\s+$/g`) tried `\s+$` at every position of a long run of spaces.
 */
function trimBody(cell: string): string {
  const s = cell.replace(/\r\n?/g, '\n').trimEnd();
  let i = 0;
  while (s.charCodeAt(i) === 10) i++;
  return i ? s.slice(i) : s;
}

/** A value quoted in a message: at most 20 characters. */
const clip = (s: string): string => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

const issueText = (issue: { path: PropertyKey[]; message: string } | undefined): string =>
  issue ? `${issue.path.map(String).join('.') || '文件'}：${issue.message}` : '不符合模板格式';

// --- the document an import makes ----------------------------------------------------------

/**
 * Would the document the import makes under the default policy (`skip`: duplicates of existing
 * templates are not added) fit the stored schema? Counts first, naming the row that goes over (the
 * row that brings the 1,001st group or the 20,001st template); then the whole document through the
 * schema itself. [] when it fits.
 */
function documentErrors(existing: TemplateCollection, preview: ImportPreview): ImportError[] {
  const groups = new Set(existing.groups.map((g) => g.id));
  const isNew = new Set(preview.newGroups.map((g) => g.id));
  let templates = existing.templates.length;
  let groupLine: number | null = null;
  let templateLine: number | null = null;
  for (const it of preview.templates) {
    if (it.duplicate) continue;
    const g = it.template.group;
    if (isNew.has(g) && !groups.has(g)) {
      groups.add(g);
      if (groups.size > GROUPS_MAX && groupLine === null) groupLine = it.line;
    }
    if (++templates > TEMPLATES_MAX && templateLine === null) templateLine = it.line;
  }
  if (groupLine !== null)
    return [{ line: groupLine, code: 'too-many-groups', message: `第 ${groupLine} 行：导入后会有 ${groups.size} 个分组，最多 ${GROUPS_MAX} 个（从这一行的分组起超出）` }];
  if (templateLine !== null)
    return [{ line: templateLine, code: 'too-many-templates', message: `第 ${templateLine} 行：导入后会有 ${templates} 条模板，最多 ${TEMPLATES_MAX} 条（从这一行起超出）` }];
  const made = applyImport(existing, preview, { duplicates: 'skip', now: 0, check: false }).collection;
  const checked = collectionSchema.safeParse(made);
  if (checked.success) return [];
  return checked.error.issues.slice(0, 50).map((issue): ImportError => {
    const [where, index] = issue.path;
    const t = where === 'templates' && typeof index === 'number' ? made.templates[index] : undefined;
    const line = (t && preview.templates.find((it) => it.template === t)?.line) ?? null;
    return { line, code: 'bad-document', message: `${at(line)}${issueText(issue)}` };
  });
}

// --- duplicates and warnings -------------------------------------------------------------------

const bodyKey = (body: string): string => body.replace(/\s+/g, '');

function markDuplicates(imported: ImportedTemplate[], existing: TemplateCollection): DuplicateMark[] {
  const byId = new Map(existing.templates.map((t) => [t.id, t]));
  const byShortcut = new Map<string, Template>();
  const byBody = new Map<string, Template>();
  for (const t of existing.templates) {
    if (t.shortcut && !byShortcut.has(t.shortcut)) byShortcut.set(t.shortcut, t);
    if (!byBody.has(bodyKey(t.body))) byBody.set(bodyKey(t.body), t);
  }
  const seen = new Map<string, number>(); // group + title + body → line
  const marks: DuplicateMark[] = [];
  imported.forEach((it, index) => {
    const t = it.template;
    const same = byId.get(t.id) ?? (t.shortcut ? byShortcut.get(t.shortcut) : undefined) ?? byBody.get(bodyKey(t.body));
    let mark: DuplicateMark | undefined;
    if (same) {
      const reason: DuplicateReason = byId.has(t.id) ? 'id' : t.shortcut && byShortcut.get(t.shortcut) === same ? 'shortcut' : 'body';
      mark = { index, line: it.line, reason, existingId: same.id, existingTitle: same.title };
    } else {
      const key = `${t.group}\u0001${t.title}\u0001${bodyKey(t.body)}`;
      const ofLine = seen.get(key);
      if (ofLine !== undefined) mark = { index, line: it.line, reason: 'in-file', ofLine };
      else seen.set(key, it.line);
    }
    if (mark) {
      it.duplicate = mark;
      marks.push(mark);
    }
  });
  return marks;
}

function collectWarnings(imported: ImportedTemplate[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  const shortcuts = new Map<string, number>();
  for (const it of imported) {
    const unknown = unknownVariables(it.template.body);
    if (unknown.length) out.push({ line: it.line, message: `第 ${it.line} 行：{${unknown.join('}、{')}} 不是变量，会原样显示` });
    const s = it.template.shortcut;
    if (s) {
      const first = shortcuts.get(s);
      if (first !== undefined) out.push({ line: it.line, message: `第 ${it.line} 行：快捷编码「${s}」与第 ${first} 行相同` });
      else shortcuts.set(s, it.line);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Apply
// ---------------------------------------------------------------------------------------------

/**
 * What to do with an imported template that duplicates an existing one:
 * - `skip`: keep the existing one, drop the imported one;
 * - `replace`: the existing one takes the imported title, body, group, shortcut, scope and tags
 *   (keeps its id, usage count, order and creation time);
 * - `merge`: like replace, but a title the file did not have (made from the body) does not
 *   overwrite, an absent shortcut / scope keeps the existing one, tags are united, usage is the max;
 * - `keep-both`: the imported one is added as a new template.
 * In-file duplicates (same group, title and body as an earlier row) are always skipped.
 */
export type DuplicatePolicy = 'skip' | 'replace' | 'merge' | 'keep-both';

export interface ApplyOptions {
  duplicates: DuplicatePolicy;
  now: number;
  /** `add` (default) adds to the document; `replace-all` makes the import the whole document. */
  mode?: 'add' | 'replace-all';
  newId?: () => string;
  /** Check the result against the stored schema (default true; the importer itself skips it once). */
  check?: boolean;
}

export interface ApplyResult {
  collection: TemplateCollection;
  added: number;
  updated: number;
  skipped: number;
}

/** Thrown by {@link applyImport} when the result would not fit the stored schema. */
export class ImportRefusedError extends Error {
  override name = 'ImportRefusedError';
}

/**
 * Apply a clean preview. Throws if the preview has errors (the UI must not offer it), and throws an
 * {@link ImportRefusedError} (a zh-CN message) when the document it would make does not fit the
 * stored schema (e.g. `keep-both` past 20,000 templates, `merge` uniting tags past 20). Pure.
 */
export function applyImport(existing: TemplateCollection, preview: ImportPreview, options: ApplyOptions): ApplyResult {
  const r = applyUnchecked(existing, preview, options);
  if (options.check === false) return r;
  const checked = collectionSchema.safeParse(r.collection);
  if (!checked.success) throw new ImportRefusedError(refusalText(checked.error.issues[0], r.collection, options.duplicates));
  return r;
}

function refusalText(issue: { path: PropertyKey[]; message: string } | undefined, made: TemplateCollection, policy: DuplicatePolicy): string {
  const how = `按「${POLICY_TEXT[policy]}」导入`;
  const [where, index, field] = issue?.path ?? [];
  if (where === 'templates' && index === undefined) return `${how}后会有 ${made.templates.length} 条模板，最多 ${TEMPLATES_MAX} 条：请改选「跳过重复」或先删除一些模板`;
  if (where === 'groups' && index === undefined) return `${how}后会有 ${made.groups.length} 个分组，最多 ${GROUPS_MAX} 个`;
  const t = where === 'templates' && typeof index === 'number' ? made.templates[index] : undefined;
  if (t && field === 'tags') return `${how}后模板「${clip(t.title)}」会有 ${t.tags.length} 个标签，最多 ${TAGS_MAX} 个：请改选其他方式`;
  return `${how}后的模板不符合格式（${issueText(issue)}），没有导入`;
}

const POLICY_TEXT: Record<DuplicatePolicy, string> = { skip: '跳过重复', replace: '覆盖', merge: '合并', 'keep-both': '都保留' };

function applyUnchecked(existing: TemplateCollection, preview: ImportPreview, options: ApplyOptions): ApplyResult {
  if (!preview.ok || preview.errors.length) throw new Error('applyImport: the preview has errors; nothing may be applied');
  const makeId = options.newId ?? (() => `t-${crypto.randomUUID()}`);

  if (options.mode === 'replace-all') {
    if (preview.whole) return { collection: preview.whole, added: preview.whole.templates.length, updated: 0, skipped: 0 };
    const kept = preview.templates.filter((it) => it.duplicate?.reason !== 'in-file');
    const used = new Set(kept.map((it) => it.template.group));
    const groups = [...existing.groups, ...preview.newGroups].filter((g) => used.has(g.id));
    return {
      collection: { version: COLLECTION_VERSION, groups, templates: kept.map((it) => it.template) },
      added: kept.length,
      updated: 0,
      skipped: preview.templates.length - kept.length,
    };
  }

  let added = 0;
  let updated = 0;
  let skipped = 0;
  const templates = [...existing.templates];
  const position = new Map(templates.map((t, i) => [t.id, i]));
  const usedIds = new Set(position.keys());
  const usedGroups = new Set<string>();
  for (const it of preview.templates) {
    const d = it.duplicate;
    const imp = it.template;
    if (d?.reason === 'in-file') {
      skipped++;
      continue;
    }
    if (d && d.existingId !== undefined && options.duplicates !== 'keep-both') {
      const i = position.get(d.existingId)!;
      const cur = templates[i]!;
      if (options.duplicates === 'skip') {
        skipped++;
        continue;
      }
      const next: Template =
        options.duplicates === 'replace'
          ? withSearchKeys({
              ...cur,
              title: imp.title,
              body: imp.body,
              group: imp.group,
              shortcut: imp.shortcut,
              platform: imp.platform,
              shop: imp.shop,
              tags: imp.tags,
              updatedAt: options.now,
            })
          : withSearchKeys({
              ...cur,
              title: it.titleDerived ? cur.title : imp.title,
              body: imp.body,
              group: imp.group,
              shortcut: imp.shortcut ?? cur.shortcut,
              platform: imp.platform ?? cur.platform,
              shop: imp.shop ?? cur.shop,
              tags: [...new Set([...cur.tags, ...imp.tags])],
              usageCount: Math.max(cur.usageCount, imp.usageCount),
              updatedAt: options.now,
            });
      for (const k of ['shortcut', 'platform', 'shop'] as const) if (next[k] === undefined) delete next[k];
      templates[i] = next;
      usedGroups.add(next.group);
      updated++;
      continue;
    }
    let id = imp.id;
    while (usedIds.has(id)) id = makeId();
    usedIds.add(id);
    templates.push(id === imp.id ? imp : { ...imp, id });
    usedGroups.add(imp.group);
    added++;
  }
  const groups = [...existing.groups, ...preview.newGroups.filter((g) => usedGroups.has(g.id))];
  return { collection: { version: COLLECTION_VERSION, groups, templates }, added, updated, skipped };
}
