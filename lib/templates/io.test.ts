import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ensureSearchKeys } from './index-build';
import {
  applyImport,
  decodeBytes,
  deriveTitle,
  exportCsv,
  exportJson,
  importTemplates,
  neutralizeCell,
  restoreCell,
  type ImportOptions,
  type ImportPreview,
} from './io';
import { emptyCollection, groupIdForName, type TemplateCollection } from './model';
import { starterCollection } from './starter';

const NOW = Date.UTC(2026, 10, 25, 2);
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const opts = (existing: TemplateCollection = emptyCollection(), fileName?: string): ImportOptions => ({ existing, now: NOW, newId: ids(), fileName });
const starter = ensureSearchKeys(starterCollection(0));

/** A broken file: not ok, nothing to apply, the line named, and applying it refuses. */
function expectBroken(p: ImportPreview, line: number | null, code: string) {
  expect(p.ok).toBe(false);
  expect(p.templates).toEqual([]);
  expect(p.duplicates).toEqual([]);
  expect(p.newGroups).toEqual([]);
  expect(p.errors[0]).toMatchObject({ line, code });
  if (line !== null) expect(p.errors[0]!.message).toContain(`第 ${line} 行`);
  expect(() => applyImport(starter, p, { duplicates: 'replace', now: NOW })).toThrow();
}

describe('JSON: whole export / import', () => {
  it('round-trips with full fidelity', () => {
    const doc = { ...starter, templates: starter.templates.map((t, i) => ({ ...t, usageCount: i, platform: i % 2 ? ('pdd' as const) : undefined })) };
    for (const t of doc.templates) if (!t.platform) delete t.platform;
    const json = exportJson(doc, NOW);
    expect(JSON.parse(json)).toMatchObject({ format: 'kefu-pilot-templates', version: 2, exportedAt: '2026-11-25T10:00:00+08:00' });
    const p = importTemplates(new TextEncoder().encode(json), opts(emptyCollection(), 'backup.json'));
    expect(p).toMatchObject({ ok: true, format: 'json', encoding: 'utf-8', errors: [], migratedFrom: null });
    expect(p.whole).toEqual(doc);
    expect(applyImport(emptyCollection(), p, { duplicates: 'skip', now: NOW, mode: 'replace-all' }).collection).toEqual(doc);
    expect(applyImport(emptyCollection(), p, { duplicates: 'skip', now: NOW }).collection).toEqual(doc);
  });

  it('importing a backup onto itself marks every template a duplicate by id', () => {
    const p = importTemplates(exportJson(starter, NOW), opts(starter));
    expect(p.duplicates).toHaveLength(starter.templates.length);
    expect(p.duplicates.every((d) => d.reason === 'id')).toBe(true);
    expect(p.newGroups).toEqual([]);
    const r = applyImport(starter, p, { duplicates: 'skip', now: NOW });
    expect(r).toMatchObject({ added: 0, updated: 0, skipped: starter.templates.length });
    expect(r.collection).toEqual(starter);
  });

  it('migrates a v1 file and gives it search keys', () => {
    const p = importTemplates(bytes('v1.json'), opts());
    expect(p).toMatchObject({ ok: true, migratedFrom: 1 });
    expect(p.templates.map((t) => t.line)).toEqual([4, 5, 6, 7]);
    expect(p.templates.every((t) => t.template.search?.pinyin)).toBe(true);
    expect(p.newGroups.map((g) => g.name)).toEqual(['问候', '售后', '未分组']);
  });

  it('a syntax error names its line; nothing is applied', () => {
    expectBroken(importTemplates(bytes('broken-syntax.json'), opts()), 7, 'bad-json');
  });

  it('a schema error names the line of the bad value and its path', () => {
    const p = importTemplates(bytes('broken-schema.json'), opts());
    expectBroken(p, 9, 'bad-document');
    expect(p.errors[0]!.where).toBe('templates[1].title');
  });

  it('refuses another program’s JSON', () => {
    expectBroken(importTemplates('{"format":"something-else","version":2}', opts()), 1, 'bad-document');
  });
});

describe('CSV export', () => {
  it('starts with a BOM, uses CRLF and the Chinese headers, and round-trips', () => {
    const csv = exportCsv(starter);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe('分组,快捷短语编码,标题,内容');
    const p = importTemplates(new TextEncoder().encode(csv), opts());
    expect(p.ok).toBe(true);
    const key = (c: { title: string; body: string; shortcut?: string }) => `${c.shortcut}|${c.title}|${c.body}`;
    expect(p.templates.map((t) => key(t.template))).toEqual(starter.templates.map(key));
    expect(p.newGroups.map((g) => g.name)).toEqual(starter.groups.map((g) => g.name));
  });

  it('neutralises cells a spreadsheet would run as formulas, and the import restores them', () => {
    const doc: TemplateCollection = {
      version: 2,
      groups: [{ id: 'g', name: '=HYPERLINK("x")', order: 0 }],
      templates: ['=SUM(A1)', '+86 说明', '-5 元', '@所有人', '\t缩进', "'=already", '普通'].map((body, i) => ({
        id: `t${i}`,
        title: `标题${i}`,
        body,
        group: 'g',
        tags: [],
        usageCount: 0,
        order: i,
        createdAt: 0,
        updatedAt: 0,
      })),
    };
    const csv = exportCsv(doc);
    const cells = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(cells.map((r) => r[3])).toEqual(["'=SUM(A1)", "'+86 说明", "'-5 元", "'@所有人", "'\t缩进", "''=already", '普通']);
    expect(cells[0]![0]).toBe('\'=HYPERLINK("x")');
    const p = importTemplates(csv, opts());
    expect(p.templates.map((t) => t.template.body)).toEqual(['=SUM(A1)', '+86 说明', '-5 元', '@所有人', '\t缩进', "'=already", '普通']);
    expect(p.newGroups[0]!.name).toBe('=HYPERLINK("x")');
    expect(neutralizeCell('a=b')).toBe('a=b');
    expect(restoreCell("'-x")).toBe('-x');
    expect(restoreCell("'x")).toBe("'x");
  });

  it('adds 平台 and 店铺 columns only when a template is scoped', () => {
    const scoped = { ...starter, templates: starter.templates.map((t, i) => (i === 0 ? { ...t, platform: 'pdd' as const, shop: 'A店' } : t)) };
    const csv = exportCsv(scoped);
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe('分组,快捷短语编码,标题,内容,平台,店铺');
    const p = importTemplates(csv, opts());
    expect(p.templates[0]!.template).toMatchObject({ platform: 'pdd', shop: 'A店' });
  });
});

describe('CSV import', () => {
  it('reads our own file: BOM, multi-line cells with their line numbers, formula marks removed', () => {
    const p = importTemplates(bytes('kefu-export.csv'), opts());
    expect(p).toMatchObject({ ok: true, format: 'csv', encoding: 'utf-8', headerLine: 1 });
    expect(p.columns).toEqual({ group: '分组', shortcut: '快捷短语编码', title: '标题', body: '内容' });
    expect(p.templates.map((t) => [t.line, t.template.title])).toEqual([
      [2, '欢迎语'],
      [3, '退货-首选方案'],
      [5, '温馨提示'],
    ]);
    expect(p.templates[1]!.template.body).toBe('支持七天无理由退货的～\n请在订单页面申请售后。');
    expect(p.templates[2]!.template.body).toBe('-- 温馨提示：请保留包装 --');
    expect(p.templates[0]!.template.search?.pinyin).toBe('huanyingyu');
  });

  it('reads a GBK-encoded Qianniu-style sheet (分组名称, 快捷编码, 快捷短语), titles made from the text', () => {
    const p = importTemplates(bytes('qianniu-gbk.csv'), opts());
    expect(p).toMatchObject({ ok: true, encoding: 'gbk' });
    expect(p.columns).toEqual({ group: '分组名称', shortcut: '快捷编码', body: '快捷短语' });
    expect(p.templates.map((t) => [t.line, t.template.shortcut, t.titleDerived])).toEqual([
      [2, 'hy', true],
      [3, 'cm', true],
      [4, '退货', true],
      [6, undefined, true],
    ]);
    expect(p.templates[0]!.template.title).toBe('亲，欢迎光临，有什么可以帮您？');
    expect(p.templates[1]!.template.title).toBe('亲，麻烦告诉我您的身高体重，帮您推荐尺码'); // 20 characters: kept whole
    expect(p.newGroups.map((g) => g.name)).toEqual(['售前', '售后', '物流']);
  });

  it('a broken GBK sheet names the line with the extra cell; nothing is applied', () => {
    const p = importTemplates(bytes('qianniu-gbk-broken.csv'), opts());
    expect(p.encoding).toBe('gbk');
    expectBroken(p, 5, 'extra-cells');
  });

  it('finds the header below an instruction row and ignores unknown columns (PDD-style template)', () => {
    const p = importTemplates(bytes('pdd-style.csv'), opts());
    expect(p).toMatchObject({ ok: true, headerLine: 2, ignoredColumns: ['备注'] });
    expect(p.columns).toEqual({ body: '*快捷短语内容（必填）', group: '分组名称（选填）' });
    expect(p.templates.map((t) => [t.line, t.template.body])).toEqual([
      [3, '亲，您好，有什么可以帮您？'],
      [4, '亲，已为您备注优先发货'],
    ]);
  });

  it('accepts English headers, platform names in Chinese, and shortcuts in any case', () => {
    const p = importTemplates(bytes('english-headers.csv'), opts());
    expect(p.ok).toBe(true);
    expect(p.templates.map((t) => t.template)).toMatchObject([
      { shortcut: 'size', title: 'Size help', body: 'Tell me your height, weight please', platform: 'pdd' },
      { shortcut: 'refund', platform: 'pdd', shop: '旗舰店' },
    ]);
  });

  it('reads Excel’s 「Unicode 文本」 (UTF-16LE, tab-separated)', () => {
    const text = '\uFEFF分组\t快捷编码\t内容\r\n售后\tth\t请在订单页面申请退货\r\n';
    const p = importTemplates(new Uint8Array(Buffer.from(text, 'utf16le')), opts());
    expect(p).toMatchObject({ ok: true, encoding: 'utf-16le' });
    expect(p.templates[0]!.template).toMatchObject({ shortcut: 'th', body: '请在订单页面申请退货' });
  });

  it('an unclosed quote names the line where the cell starts', () => {
    expectBroken(importTemplates(bytes('broken-quotes.csv'), opts()), 4, 'bad-quotes');
  });

  it('an empty body names its line, counting multi-line cells above it', () => {
    expectBroken(importTemplates(bytes('broken-empty-body.csv'), opts()), 4, 'empty-body');
  });

  it.each([
    ['分组,快捷短语编码,内容\r\n售后,tui huo,x\r\n', 2, 'bad-shortcut'],
    ['分组,平台,内容\r\n售后,亚马逊,x\r\n', 2, 'bad-platform'],
    [`分组,标题,内容\r\n售后,${'长'.repeat(61)},x\r\n`, 2, 'title-too-long'],
    [`内容\r\nok\r\n${'长'.repeat(2001)}\r\n`, 3, 'body-too-long'],
    ['分组,标题\r\n售后,x\r\n', 1, 'no-header'],
    ['内容,短语\r\nx,y\r\n', 1, 'duplicate-column'],
    ['内容\r\n\r\n', 1, 'empty-file'],
  ])('refuses %j at line %i (%s)', (text, line, code) => {
    expectBroken(importTemplates(text, opts()), line, code);
  });

  it('refuses .xlsx and undecodable bytes with a clear message', () => {
    const xlsx = importTemplates(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), opts(undefined, 'phrases.xlsx'));
    expectBroken(xlsx, null, 'unsupported-file');
    expect(xlsx.errors[0]!.message).toContain('另存为');
    const garbage = importTemplates(new Uint8Array([0xe5, 0x86, 0x85, 0xe5, 0xae, 0xb9, 0x0a, 0xff, 0xff, 0x0a]), opts());
    expectBroken(garbage, 2, 'bad-encoding');
  });

  it('warns about unknown variables, repeated shortcuts and images without blocking', () => {
    const p = importTemplates('快捷编码,内容,图片\r\na,送您{优惠券},\r\na,第二条,https://img.example/x.png\r\n', opts());
    expect(p.ok).toBe(true);
    expect(p.warnings.map((w) => w.line).sort()).toEqual([2, 3, 3]);
  });
});

describe('decodeBytes', () => {
  it('prefers a BOM, then valid UTF-8, then GBK', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ text: 'A', encoding: 'utf-8' });
    expect(decodeBytes(new TextEncoder().encode('退货'))).toEqual({ text: '退货', encoding: 'utf-8' });
    expect(decodeBytes(new Uint8Array([0xcd, 0xcb, 0xbb, 0xf5]))).toEqual({ text: '退货', encoding: 'gbk' });
  });

  it('deriveTitle keeps short texts and cuts long ones at 20 characters', () => {
    expect(deriveTitle('  亲，\n在的 ')).toBe('亲， 在的');
    expect(Array.from(deriveTitle('一'.repeat(30)))).toHaveLength(21);
  });
});

describe('duplicates and applying', () => {
  const existing = starter;
  const csv = [
    '分组,快捷短语编码,标题,内容',
    '售后,tuihuo,退货新说法,请在订单页面申请退货，我们收到后马上退款',
    '售后,,在的,"在的亲，{客服昵称}一直在，您请说～{光标}"',
    '新分组,newone,新模板,全新的内容',
    '新分组,newone,新模板,全新的内容',
    '售后,tuikuan,,退款已经原路退回',
  ].join('\r\n');
  const preview = () => importTemplates(csv, opts(existing));
  const tuihuo = existing.templates.find((t) => t.shortcut === 'tuihuo')!;
  const zaide = existing.templates.find((t) => t.shortcut === 'zaide')!;
  const tuikuan = existing.templates.find((t) => t.shortcut === 'tuikuan')!;

  it('marks duplicates by shortcut, by identical text and inside the file', () => {
    const p = preview();
    expect(p.duplicates.map((d) => [d.line, d.reason, d.existingId ?? d.ofLine])).toEqual([
      [2, 'shortcut', tuihuo.id],
      [3, 'body', zaide.id],
      [5, 'in-file', 4],
      [6, 'shortcut', tuikuan.id],
    ]);
    expect(p.templates[0]!.duplicate).toBe(p.duplicates[0]);
    expect(p.newGroups).toEqual([{ id: groupIdForName('新分组'), name: '新分组', order: existing.groups.length }]);
    expect(p.templates[0]!.template.group).toBe('starter-after'); // existing group matched by name
  });

  it('skip: adds only the new ones', () => {
    const r = applyImport(existing, preview(), { duplicates: 'skip', now: NOW });
    expect(r).toMatchObject({ added: 1, updated: 0, skipped: 4 });
    expect(r.collection.templates).toHaveLength(existing.templates.length + 1);
    expect(r.collection.groups.at(-1)!.name).toBe('新分组');
    expect(r.collection.templates.find((t) => t.id === tuihuo.id)).toEqual(tuihuo);
  });

  it('replace: the existing template takes the imported text, keeps id, usage and creation time', () => {
    const used = { ...existing, templates: existing.templates.map((t) => (t.id === tuikuan.id ? { ...t, usageCount: 9 } : t)) };
    const r = applyImport(used, importTemplates(csv, opts(used)), { duplicates: 'replace', now: NOW });
    expect(r).toMatchObject({ added: 1, updated: 3, skipped: 1 });
    const t = r.collection.templates.find((x) => x.id === tuikuan.id)!;
    expect(t).toMatchObject({ title: '退款已经原路退回', body: '退款已经原路退回', usageCount: 9, createdAt: tuikuan.createdAt, updatedAt: NOW, tags: [] });
    expect(t.search!.pinyin).toBe('tuikuanyijingyuanlutuihui');
    const z = r.collection.templates.find((x) => x.id === zaide.id)!;
    expect(z.shortcut).toBeUndefined();
  });

  it('merge: keeps the existing title when the file had none, the shortcut when absent, unites tags', () => {
    const r = applyImport(existing, preview(), { duplicates: 'merge', now: NOW });
    const t = r.collection.templates.find((x) => x.id === tuikuan.id)!;
    expect(t).toMatchObject({ title: tuikuan.title, body: '退款已经原路退回', shortcut: 'tuikuan', tags: tuikuan.tags });
    const z = r.collection.templates.find((x) => x.id === zaide.id)!;
    expect(z).toMatchObject({ shortcut: 'zaide', title: '在的' });
  });

  it('keep-both: adds the imported ones next to the existing ones (in-file copies still skipped)', () => {
    const r = applyImport(existing, preview(), { duplicates: 'keep-both', now: NOW });
    expect(r).toMatchObject({ added: 4, updated: 0, skipped: 1 });
    expect(r.collection.templates.filter((t) => t.shortcut === 'tuihuo')).toHaveLength(2);
    expect(new Set(r.collection.templates.map((t) => t.id)).size).toBe(r.collection.templates.length);
  });

  it('replace-all from CSV: the document becomes the file', () => {
    const r = applyImport(existing, preview(), { duplicates: 'skip', now: NOW, mode: 'replace-all' });
    expect(r.collection.templates).toHaveLength(4);
    expect(r.collection.groups.map((g) => g.name).sort()).toEqual(['售后', '新分组'].sort());
  });

  it('a broken file leaves the document exactly as it was', () => {
    const before = JSON.stringify(existing);
    const p = importTemplates(`${csv}\r\n售后,,坏行,`, opts(existing));
    expectBroken(p, 7, 'empty-body');
    expect(JSON.stringify(existing)).toBe(before);
  });
});

describe('JSON syntax errors name their line even when the engine gives no position', () => {
  it('a trailing comma on line 3, a stray comma on line 2, a bad literal on line 4', async () => {
    const { jsonErrorOffset } = await import('./io');
    const line = (text: string) => {
      const off = jsonErrorOffset(text);
      return off === null ? null : text.slice(0, off).split('\n').length;
    };
    expect(line('[\n  {"a": 1},\n]')).toBe(3);
    expect(line('[\n,]')).toBe(2);
    expect(line('{\n"a": 1,\n"b": 2,\n"c": tru\n}')).toBe(4);
    expect(line('{"a": [1, 2, {"b": "x\\"y"}]}')).toBeNull();
  });
});

describe('every CSV the extension writes neutralises formulas by one rule (the stats exporter’s)', () => {
  const FORMULA = ['=1+1', '+86', '-5', '@x', '\tx', '\rx', '＝1+1', '＋86', '－5', '＠所有人'];
  const doc = (bodies: string[]): TemplateCollection => ({
    version: 2,
    groups: [{ id: 'g', name: '＝分组', order: 0 }],
    templates: bodies.map((body, i) => ({ id: `t${i}`, title: `标题${i}`, body: `${body}内容`, group: 'g', tags: [], usageCount: 0, order: i, createdAt: 0, updatedAt: 0 })),
  });

  it('the templates CSV marks the full-width forms too, and its import restores them', async () => {
    const { csvCell } = await import('../stats/csv');
    const csv = exportCsv(doc(FORMULA));
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(rows.map((r) => r[3])).toEqual(FORMULA.map((b) => `'${b}内容`));
    expect(rows[0]![0]).toBe("'＝分组");
    // Byte for byte what the stats exporter writes for the same text.
    for (const b of FORMULA) expect(csv).toContain(csvCell(`${b}内容`));
    const p = importTemplates(csv, opts());
    expect(p.ok).toBe(true);
    // (A body's leading line breaks are dropped on import, as before: `\rx` comes back as `x`.)
    expect(p.templates.map((t) => t.template.body)).toEqual(FORMULA.map((b) => `${b}内容`.replace(/^\r/, '')));
    expect(p.newGroups[0]!.name).toBe('＝分组');
  });

  it("a text that itself starts with ' before a formula character round-trips", () => {
    const bodies = ["'＝x", "''=y", "'-z", "'plain"];
    const p = importTemplates(exportCsv(doc(bodies)), opts());
    expect(p.templates.map((t) => t.template.body)).toEqual(bodies.map((b) => `${b}内容`));
  });
});

describe('JSON nesting is bounded', () => {
  it('a file nested deeper than 64 levels is refused with its line, never a stack overflow', () => {
    for (const depth of [65, 10_000, 300_000]) {
      const deep = `{"version":2,"groups":[],\n"templates":[],\n"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const p = importTemplates(deep, opts());
      expect(p).toMatchObject({ ok: false, format: 'json' });
      expect(p.errors[0]).toMatchObject({ line: 3, code: 'too-deep' });
      expect(p.errors[0]!.message).toContain('64');
      // Unclosed, broken and nested in objects too.
      for (const text of ['['.repeat(depth), `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `[${'[1,'.repeat(depth)}`]) {
        const q = importTemplates(text, opts(emptyCollection(), 'x.json'));
        expect(q.errors[0]).toMatchObject({ line: 1, code: 'too-deep' });
      }
    }
  });

  it('64 levels are read as usual; brackets inside strings do not count', () => {
    const ok = `{"version":2,"groups":[],"templates":[],"x":${'['.repeat(63)}${']'.repeat(63)},"y":"${'['.repeat(500)}"}`;
    expect(importTemplates(ok, opts())).toMatchObject({ ok: true, errors: [], templates: [] });
  });
});
