import Papa from 'papaparse';
import { toChinaIso } from '../time/china';
import { withSearchKeys } from './index-build';
import {
  BODY_MAX,
  COLLECTION_VERSION,
  DEFAULT_GROUP_NAME,
  PLATFORM_NAMES,
  TITLE_MAX,
  groupIdForName,
  parseCollection,
  shortcutSchema,
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
 *   when a template is scoped). Cells that a spreadsheet would run as a formula (= + - @ tab CR at the
 *   start) get a leading `'`, which the import removes again.
 * - Import also reads the quick-phrase spreadsheets sellers keep (Qianniu / PDD exports saved as CSV,
 *   UTF-8, UTF-16 or GBK): header names are matched from a list of aliases; see FORMATS.md.
 *
 * An import never changes anything: it returns a preview (templates, duplicates marked, errors).
 * Any bad row makes the whole preview an error naming the line, with nothing to apply.
 * `applyImport` applies a clean preview with the chosen duplicate policy. Both are pure.
 */

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type ImportFormat = 'json' | 'csv';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

export type ImportErrorCode =
  | 'too-large'
  | 'unsupported-file'
  | 'bad-encoding'
  | 'bad-json'
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
  | 'too-many-rows'
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

/**
 * Bytes to text: a BOM decides (UTF-8, UTF-16LE — Excel's 「Unicode 文本」 — or UTF-16BE); else
 * valid UTF-8 is UTF-8; else GBK (what Excel and Qianniu write on a Chinese Windows).
 * Returns `badLine` when even GBK leaves undecodable bytes.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding; badLine?: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('gbk').decode(bytes);
    // Undecodable bytes come out as U+FFFD (WHATWG) or a private-use character (ICU maps 0xFF so).
    const bad = text.search(/[\uFFFD\uE000-\uF8FF]/);
    if (bad < 0) return { text, encoding: 'gbk' };
    // Neither encoding reads the whole file: name the later of the two first bad lines (a UTF-8
    // file with one damaged spot reads as GBK "garbage" from its first hanzi on, and vice versa).
    const asUtf8 = new TextDecoder('utf-8').decode(bytes);
    const badLine = Math.max(lineAt(text, bad), lineAt(asUtf8, asUtf8.indexOf('\uFFFD')));
    return { text, encoding: 'gbk', badLine };
  }
}

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

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

const FORMULA = /^'*[=+\-@\t\r]/;

/** Make a cell inert in spreadsheets: a leading `'` when it would start a formula. */
export function neutralizeCell(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}

/** Undo {@link neutralizeCell}. */
export function restoreCell(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

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
      return row.map(neutralizeCell);
    });
  return `\uFEFF${Papa.unparse({ fields, data: rows }, { newline: '\r\n' })}\r\n`;
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

function importJson(text: string, encoding: TextEncoding, options: ImportOptions): ImportPreview {
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
  return { ok: true, format: 'json', encoding, templates: imported, duplicates, newGroups, errors: [], warnings, whole, migratedFrom: parsed.migratedFrom };
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

/** `*短语内容（必填）` → `短语内容`; case and full-width folded. */
const headerKey = (h: string): string =>
  h
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[*\s:_\-/]/g, '')
    .toLowerCase();

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
    const body = cell(r, 'body').replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
    if (!body.trim()) {
      errors.push({ line: L, code: 'empty-body', where: columns.body, message: `第 ${L} 行：「${columns.body}」是空的` });
      continue;
    }
    if (body.length > BODY_MAX) {
      errors.push({ line: L, code: 'body-too-long', where: columns.body, message: `第 ${L} 行：内容有 ${body.length} 个字，最多 ${BODY_MAX} 个` });
      continue;
    }
    let title = cell(r, 'title').replace(/\s+/g, ' ').trim();
    const titleDerived = !title;
    if (!title) title = deriveTitle(body);
    if (Array.from(title).length > TITLE_MAX) {
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
    const tags = cell(r, 'tags').split(/[,，、;；\s]+/).filter(Boolean);
    if (cell(r, 'image').trim()) warnings.push({ line: L, message: `第 ${L} 行：图片不会导入，只导入文字` });
    const group = groupFor(cell(r, 'group').trim() || DEFAULT_GROUP_NAME);
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
    imported.push({ template: withSearchKeys(template), line: L, titleDerived });
  }
  if (errors.length) return fail(errors.slice(0, 50), { columns, ignoredColumns, headerLine: header.line });
  if (!imported.length)
    return fail([{ line: header.line, code: 'empty-file', message: `第 ${header.line} 行之后没有任何模板` }], { columns, ignoredColumns, headerLine: header.line });

  warnings.push(...collectWarnings(imported));
  const duplicates = markDuplicates(imported, existing);
  return { ok: true, format: 'csv', encoding, templates: imported, duplicates, newGroups, errors: [], warnings, columns, ignoredColumns, headerLine: header.line };
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
}

export interface ApplyResult {
  collection: TemplateCollection;
  added: number;
  updated: number;
  skipped: number;
}

/** Apply a clean preview. Throws if the preview has errors (the UI must not offer it). Pure. */
export function applyImport(existing: TemplateCollection, preview: ImportPreview, options: ApplyOptions): ApplyResult {
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
