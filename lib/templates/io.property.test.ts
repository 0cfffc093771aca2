import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ensureSearchKeys } from './index-build';
import { applyImport, exportCsv, exportJson, importTemplates, type DuplicatePolicy, type ImportPreview } from './io';
import { collectionSchema, emptyCollection, parseCollection, type TemplateCollection } from './model';
import { starterCollection } from './starter';

/**
 * Properties of the template importers (seeded, bounded):
 * - never throws, whatever the bytes;
 * - an accepted import, applied with any policy, gives a document the stored schema reads back
 *   (or applying refuses with an Error, never for the default policy `skip`);
 * - a refused import has nothing to apply and changes nothing.
 */

const NOW = Date.UTC(2026, 10, 25, 2);
const RUNS = { seed: 20261125, numRuns: 200 };
const POLICIES: DuplicatePolicy[] = ['skip', 'replace', 'merge', 'keep-both'];

const full = ensureSearchKeys(starterCollection(0));
/** Part of the starter pack, one template per group (keeps each run cheap: applying recomputes pinyin). */
const starter: TemplateCollection = { ...full, templates: full.groups.map((g) => full.templates.find((t) => t.group === g.id)!) };
/** 998 groups: two more new groups and the document is full. */
const crowded: TemplateCollection = {
  version: 2,
  groups: Array.from({ length: 998 }, (_, i) => ({ id: `g${i}`, name: `组${i}`, order: i })),
  templates: starter.templates.slice(0, 3).map((t) => ({ ...t, group: 'g0', tags: Array.from({ length: 18 }, (_, i) => `tag${i}`) })),
};
const EXISTING = [emptyCollection(), starter, crowded];
/** Which existing document (the crowded one, the costliest to check, a fifth of the time). */
const existingIndex = fc.constantFrom(0, 0, 1, 1, 2);

/** Pieces cells are made of: what breaks parsers and limits. */
const piece = fc.oneof(
  fc.constantFrom(
    '', ' ', '  ', '\t', '\n', '\r\n', '\r', ',', '"', '""', "'", ';', '、', '，', '{', '}', '｛', '{买家昵称}', '{填写:尺码}',
    '=', '+', '-', '@', '＝', '＋', '－', '＠', '(', ')', '[', '【', '】', '\u3000', '\uFEFF', '\uFFFD', '😀', '退货', 'tuihuo', 'pdd', '拼多多', 'jd',
  ),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: 0, max: 70 }).map((n) => '长'.repeat(n)),
  fc.integer({ min: 30, max: 45 }).map((n) => '😀'.repeat(n)),
  fc.integer({ min: 195, max: 205 }).map((n) => '店'.repeat(n)),
  fc.integer({ min: 1990, max: 2010 }).map((n) => '字'.repeat(n)),
);
const text = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
/** Mostly valid values, often just at or over a stored limit, sometimes anything. */
const field = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: text });
const word = fc.oneof(fc.constantFrom('售后', '问候', 'A店', '物流', '=SUM(A1)', '＠所有人', "'-x", '😀'), fc.string({ minLength: 1, maxLength: 8 }));
const atLimit = (ch: string, max: number) => fc.integer({ min: max - 2, max: max + 2 }).map((n) => ch.repeat(n));
const cells = {
  group: field(fc.oneof(fc.constant(''), word, atLimit('组', 40), atLimit('😀', 20))),
  shortcut: field(fc.oneof(fc.constant(''), fc.constantFrom('tuihuo', 'TH1', '退货', 'a b', '{x}'), atLimit('k', 32))),
  title: field(fc.oneof(fc.constant(''), word, atLimit('题', 60), atLimit('😀', 30))),
  body: field(fc.oneof(word, fc.constantFrom('亲，{买家昵称}您好', '  多行\n内容  ', '\n\n前面有空行'), atLimit('字', 2000))),
  platform: field(fc.oneof(fc.constant(''), fc.constantFrom('pdd', '拼多多', '京东', 'douyin', '淘宝'))),
  shop: field(fc.oneof(fc.constant(''), word, atLimit('店', 200))),
  tags: field(
    fc.oneof(
      fc.constant(''),
      fc.array(fc.oneof(fc.constantFrom('refund', 'first', 'x', 'x'), atLimit('t', 40)), { maxLength: 24 }).map((t) => t.join(',')),
    ),
  ),
  image: field(fc.constantFrom('', 'http://x/a.png')),
  note: text,
};
const COLUMNS = ['分组', '快捷短语编码', '标题', '内容', '平台', '店铺', '标签', '图片', '备注'] as const;
const row = fc.tuple(cells.group, cells.shortcut, cells.title, cells.body, cells.platform, cells.shop, cells.tags, cells.image, cells.note);
const csvFile = fc
  .record({
    columns: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([...COLUMNS]) }, { weight: 1, arbitrary: fc.subarray<string>([...COLUMNS], { minLength: 1 }) }),
    rows: fc.array(row, { maxLength: 6 }),
    quoted: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    instruction: fc.boolean(),
  })
  .map(({ columns, rows, quoted, instruction }) => {
    const data = rows.map((r) => columns.map((c) => r[COLUMNS.indexOf(c as (typeof COLUMNS)[number])]!));
    const body = quoted
      ? Papa.unparse({ fields: columns, data }, { newline: '\r\n' })
      : [columns, ...data].map((r) => r.join(',')).join('\n');
    return instruction ? `填写说明：每行一条\r\n${body}` : body;
  });

function checkRefused(p: ImportPreview, existing: TemplateCollection, before: string) {
  expect(p.templates).toEqual([]);
  expect(p.duplicates).toEqual([]);
  expect(p.newGroups).toEqual([]);
  expect(p.errors.length).toBeGreaterThan(0);
  for (const e of p.errors) expect(e.message.length).toBeGreaterThan(0);
  expect(() => applyImport(existing, p, { duplicates: 'skip', now: NOW })).toThrow();
  expect(JSON.stringify(existing)).toBe(before);
}

/** Stored as JSON and read back as the store reads it. */
const readsBack = (c: TemplateCollection) => {
  const raw: unknown = JSON.parse(JSON.stringify(c));
  const schema = collectionSchema.safeParse(raw);
  expect(schema.success ? null : schema.error.issues[0]).toBeNull();
  expect(parseCollection(raw, NOW).ok).toBe(true);
};

function checkAccepted(p: ImportPreview, existing: TemplateCollection, before: string) {
  expect(p.errors).toEqual([]);
  for (const duplicates of POLICIES) {
    let r;
    try {
      r = applyImport(existing, p, { duplicates, now: NOW, newId: (() => { let n = 0; return () => `x-${++n}`; })() });
    } catch (e) {
      // Only a policy other than the default may be refused, with a reason.
      expect(duplicates).not.toBe('skip');
      expect(e).toBeInstanceOf(Error);
      continue;
    }
    readsBack(r.collection);
  }
  try {
    readsBack(applyImport(existing, p, { duplicates: 'skip', now: NOW, mode: 'replace-all' }).collection);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
  }
  expect(JSON.stringify(existing)).toBe(before);
}

describe('CSV import properties', () => {
  it('never throws; accepted imports read back through the stored schema; refused ones change nothing', () => {
    fc.assert(
      fc.property(csvFile, existingIndex, fc.boolean(), (csv, which, asBytes) => {
        const existing = EXISTING[which]!;
        const before = JSON.stringify(existing);
        const input = asBytes ? new TextEncoder().encode(csv) : csv;
        const p = importTemplates(input, { existing, now: NOW, newId: (() => { let n = 0; return () => `n-${++n}`; })() });
        if (p.ok) checkAccepted(p, existing, before);
        else checkRefused(p, existing, before);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.csv', 'a.json', 'a.txt', undefined), (bytes, fileName) => {
        const p = importTemplates(bytes, { existing: starter, now: NOW, fileName });
        expect(typeof p.ok).toBe('boolean');
        if (!p.ok) expect(p.templates).toEqual([]);
      }),
      RUNS,
    );
  });

  it('our own export of an accepted import is accepted again', () => {
    fc.assert(
      fc.property(csvFile, (csv) => {
        const p = importTemplates(csv, { existing: emptyCollection(), now: NOW });
        if (!p.ok) return;
        const doc = applyImport(emptyCollection(), p, { duplicates: 'skip', now: NOW }).collection;
        if (!doc.templates.length) return;
        const again = importTemplates(exportCsv(doc), { existing: emptyCollection(), now: NOW });
        expect(again.errors).toEqual([]);
        expect(again.templates.map((t) => t.template.body)).toEqual(doc.templates.map((t) => t.body));
      }),
      RUNS,
    );
  });
});

/** JSON documents: a valid backup with parts replaced by anything, deep nesting, or any JSON. */
const jsonFile = fc.oneof(
  fc.json({ depthSize: 'small' }),
  fc.constantFrom(exportJson(starter, NOW), exportJson(crowded, NOW)),
  fc
    .record({
      where: fc.constantFrom('version', 'groups', 'templates', 'extra', 'title', 'tags', 'group', 'shop', 'usageCount', 'search'),
      value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.integer({ min: 1, max: 300 }).map((d) => ({ deep: d }))),
      base: fc.constantFrom(0, 1, 1, 1),
    })
    .map(({ where, value, base }) => {
      const doc = JSON.parse(exportJson(base ? starter : crowded, NOW)) as Record<string, unknown> & { templates: Record<string, unknown>[] };
      const v = typeof value === 'object' && value !== null && 'deep' in value ? JSON.parse(`${'['.repeat(value.deep as number)}${']'.repeat(value.deep as number)}`) : value;
      if (where === 'version' || where === 'groups' || where === 'templates' || where === 'extra') doc[where] = v;
      else if (doc.templates[0]) doc.templates[0][where] = v;
      return JSON.stringify(doc);
    }),
  fc.integer({ min: 0, max: 20_000 }).map((d) => `{"version":2,"groups":[],"templates":[],"x":${'['.repeat(d)}${']'.repeat(d)}}`),
  fc.integer({ min: 0, max: 20_000 }).map((d) => `${'{"a":['.repeat(d)}`),
);

describe('JSON import properties', () => {
  it('never throws; accepted imports read back through the stored schema; refused ones change nothing', () => {
    fc.assert(
      fc.property(jsonFile, existingIndex, (json, which) => {
        const existing = EXISTING[which]!;
        const before = JSON.stringify(existing);
        const p = importTemplates(json, { existing, now: NOW, fileName: 'backup.json' });
        if (p.ok) {
          checkAccepted(p, existing, before);
          if (p.whole) readsBack(p.whole);
        } else checkRefused(p, existing, before);
      }),
      RUNS,
    );
  });
});
