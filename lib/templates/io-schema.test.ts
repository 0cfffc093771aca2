import { describe, expect, it } from 'vitest';
import { applyImport, exportJson, importTemplates, type ImportOptions, type ImportPreview } from './io';
import { collectionSchema, emptyCollection, type Template, type TemplateCollection } from './model';

/**
 * An import must never produce a document the stored schema refuses (model.ts): such a document
 * reads back as an error, the workbench finds no template and the options page turns read-only.
 * Every row is checked against the stored limits and so is the document the import would make.
 */

const NOW = Date.UTC(2026, 10, 25, 2);
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const opts = (existing: TemplateCollection = emptyCollection()): ImportOptions => ({ existing, now: NOW, newId: ids() });
const csv = (...rows: string[]) => rows.join('\r\n');

function expectRefused(p: ImportPreview, expected: { line: number; code: string }[]) {
  expect(p.ok).toBe(false);
  expect(p.templates).toEqual([]);
  expect(p.newGroups).toEqual([]);
  expect(p.errors.map((e) => ({ line: e.line, code: e.code }))).toEqual(expected);
  for (const e of p.errors) expect(e.message).toContain(`第 ${e.line} 行`);
  expect(() => applyImport(emptyCollection(), p, { duplicates: 'skip', now: NOW })).toThrow();
}

/** A document of `n` templates in `groups` groups (valid). */
function big(n: number, groups = 1): TemplateCollection {
  const gs = Array.from({ length: groups }, (_, i) => ({ id: `g${i}`, name: `分组${i}`, order: i }));
  const templates: Template[] = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    title: `模板${i}`,
    body: `内容${i}`,
    group: 'g0',
    shortcut: `k${i}`,
    tags: [],
    usageCount: 0,
    order: i,
    createdAt: 0,
    updatedAt: 0,
  }));
  return { version: 2, groups: gs, templates };
}

describe('CSV rows are checked against the stored schema', () => {
  it('a group name over 40 characters is refused, naming its line', () => {
    const p = importTemplates(csv('分组,内容', '售后,好的', `${'长'.repeat(41)},您好`), opts());
    expectRefused(p, [{ line: 3, code: 'group-name-too-long' }]);
  });

  it('a tag over 40 characters and more than 20 tags are refused', () => {
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join('、');
    const p = importTemplates(csv('内容,标签', `您好,${'x'.repeat(41)}`, `在的,"${many}"`, '好的,a b c'), opts());
    expectRefused(p, [
      { line: 2, code: 'tag-too-long' },
      { line: 3, code: 'too-many-tags' },
    ]);
  });

  it('repeated tags count once', () => {
    const same = Array.from({ length: 30 }, () => 'refund').join(',');
    const p = importTemplates(csv('内容,标签', `您好,"${same}"`), opts());
    expect(p.ok).toBe(true);
    expect(p.templates[0]!.template.tags).toEqual(['refund']);
  });

  it('a shop over 200 characters is refused', () => {
    const p = importTemplates(csv('内容,店铺', `您好,${'店'.repeat(201)}`), opts());
    expectRefused(p, [{ line: 2, code: 'shop-too-long' }]);
  });

  it('lengths are counted as the schema counts them (an emoji is one character)', () => {
    const p = importTemplates(csv('标题,内容,分组', `${'😀'.repeat(60)},${'😀'.repeat(2000)},${'😀'.repeat(40)}`, `${'😀'.repeat(61)},您好`), opts());
    expectRefused(p, [{ line: 3, code: 'title-too-long' }]);
    const ok = importTemplates(csv('标题,内容,分组', `${'😀'.repeat(60)},${'😀'.repeat(2000)},${'😀'.repeat(40)}`), opts());
    expect(ok.ok).toBe(true);
    expect(collectionSchema.safeParse(applyImport(emptyCollection(), ok, { duplicates: 'skip', now: NOW }).collection).success).toBe(true);
  });

  it('more than 1,000 groups in the document that would result is refused at the row that makes the 1,001st', () => {
    const existing = big(1, 999);
    const p = importTemplates(csv('分组,内容', '分组0,甲', '新一,乙', '新一,丙', '新二,丁', '新三,戊'), opts(existing));
    expectRefused(p, [{ line: 5, code: 'too-many-groups' }]);
  });

  it('more than 20,000 templates in all is refused at the row that makes the 20,001st', () => {
    const existing = big(19_999);
    const p = importTemplates(csv('内容', '新的一条', '又一条', '第三条'), opts(existing));
    expectRefused(p, [{ line: 3, code: 'too-many-templates' }]);
    // Duplicates of existing templates are not added under the default policy: they do not count.
    const ok = importTemplates(csv('快捷短语编码,内容', 'k5,内容5', ',新的一条'), opts(existing));
    expect(ok.ok).toBe(true);
    const r = applyImport(existing, ok, { duplicates: 'skip', now: NOW });
    expect(r.collection.templates).toHaveLength(20_000);
    expect(collectionSchema.safeParse(r.collection).success).toBe(true);
    // Keeping both would make 20,001: refused with a clear message, nothing returned.
    expect(() => applyImport(existing, ok, { duplicates: 'keep-both', now: NOW })).toThrow(/20000|20,000/);
  });

  it('merging tags into more than 20 is refused when applying', () => {
    const existing = big(1);
    existing.templates[0]!.tags = Array.from({ length: 15 }, (_, i) => `old${i}`);
    const p = importTemplates(csv('快捷短语编码,内容,标签', `k0,内容0,"${Array.from({ length: 10 }, (_, i) => `new${i}`).join(',')}"`), opts(existing));
    expect(p.ok).toBe(true);
    expect(applyImport(existing, p, { duplicates: 'replace', now: NOW }).collection.templates[0]!.tags).toHaveLength(10);
    expect(() => applyImport(existing, p, { duplicates: 'merge', now: NOW })).toThrow(/标签|tags/);
  });
});

describe('JSON imports are checked against the document they would make', () => {
  it('a backup whose groups would make more than 1,000 is refused', () => {
    const existing = big(1, 999);
    const file = big(2, 2);
    file.groups = [
      { id: 'x1', name: '文件组一', order: 0 },
      { id: 'x2', name: '文件组二', order: 1 },
    ];
    file.templates = file.templates.map((t, i) => ({ ...t, id: `f${i}`, shortcut: `f${i}`, body: `文件${i}`, group: i ? 'x2' : 'x1' }));
    const p = importTemplates(exportJson(file, NOW), opts(existing));
    expect(p.ok).toBe(false);
    expect(p.errors[0]).toMatchObject({ code: 'too-many-groups' });
    expect(p.errors[0]!.line).toBeGreaterThan(1);
    // Restoring it as the whole document is fine: it then has 2 groups.
    expect(importTemplates(exportJson(file, NOW), opts(emptyCollection())).ok).toBe(true);
  });
});
