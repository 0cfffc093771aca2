import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveTemplate } from './index-build';
import { keysAreFresh } from './keys';
import {
  COLLECTION_VERSION,
  addGroup,
  deleteGroup,
  deleteTemplate,
  renameGroup,
  DEFAULT_GROUP_NAME,
  collectionV1Schema,
  emptyCollection,
  groupIdForName,
  migrateV1toV2,
  parseCollection,
  recordUse,
  reorderGroup,
  sortedTemplates,
  type TemplateCollection,
} from './model';

const NOW = Date.UTC(2026, 10, 25, 1);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

describe('migration v1 → v2', () => {
  it('turns group names into groups, uses into usageCount, times into epoch ms', () => {
    const v1 = collectionV1Schema.parse(fixture('v1.json'));
    const v2 = migrateV1toV2(v1, NOW);
    expect(v2.version).toBe(2);
    expect(v2.groups.map((g) => [g.name, g.order])).toEqual([
      ['问候', 0],
      ['售后', 1],
      [DEFAULT_GROUP_NAME, 2],
    ]);
    expect(v2.groups[0]!.id).toBe(groupIdForName('问候'));
    const [a, b, c, d] = v2.templates;
    expect(a).toMatchObject({ id: 'a', shortcut: 'hy', usageCount: 7, order: 0, createdAt: Date.UTC(2026, 0, 5, 1), updatedAt: Date.UTC(2026, 0, 5, 1) });
    expect(b).toMatchObject({ id: 't-2', usageCount: 2, order: 0, createdAt: NOW, group: groupIdForName('售后') });
    expect(c).toMatchObject({ order: 1, usageCount: 0, tags: [] });
    expect(d!.group).toBe(groupIdForName(DEFAULT_GROUP_NAME));
    expect(v2.templates.every((t) => t.search === undefined)).toBe(true);
  });

  it('parseCollection migrates v1, accepts v2 and refuses unknown versions', () => {
    const r = parseCollection(fixture('v1.json'), NOW);
    expect(r.ok && r.migratedFrom).toBe(1);
    if (!r.ok) return;
    const again = parseCollection(JSON.parse(JSON.stringify(r.collection)), NOW);
    expect(again).toEqual({ ok: true, collection: r.collection, migratedFrom: null });
    const v3 = parseCollection({ version: 3, templates: [], groups: [] }, NOW);
    expect(v3.ok).toBe(false);
    expect(parseCollection(null, NOW).ok).toBe(false);
  });

  it('a v1 document that cannot become valid v2 is reported, not thrown', () => {
    const r = parseCollection({ version: 1, templates: [{ title: '', body: 'x' }] }, NOW);
    expect(r.ok).toBe(false);
  });
});

describe('v2 validation', () => {
  const base = (): TemplateCollection => ({
    version: COLLECTION_VERSION,
    groups: [{ id: 'g1', name: '问候', order: 0 }],
    templates: [{ id: 't1', title: '欢迎', body: '您好', group: 'g1', tags: [], usageCount: 0, order: 0, createdAt: 0, updatedAt: 0 }],
  });

  it('refuses duplicate ids and unknown groups, naming the path', () => {
    const dup = base();
    dup.templates.push({ ...dup.templates[0]! });
    const r = parseCollection(dup, NOW);
    expect(!r.ok && r.issues[0]!.path).toEqual(['templates', 1, 'id']);
    const lost = base();
    lost.templates[0]!.group = 'nope';
    const r2 = parseCollection(lost, NOW);
    expect(!r2.ok && r2.issues[0]!.path).toEqual(['templates', 0, 'group']);
  });

  it('lower-cases and trims shortcuts, refuses spaces', () => {
    const c = base();
    c.templates[0]!.shortcut = ' TuiHuo ';
    const r = parseCollection(c, NOW);
    expect(r.ok && r.collection.templates[0]!.shortcut).toBe('tuihuo');
    c.templates[0]!.shortcut = 'tui huo';
    expect(parseCollection(c, NOW).ok).toBe(false);
  });
});

describe('editing helpers', () => {
  const start = (): TemplateCollection => ({ ...emptyCollection(), groups: [{ id: 'g1', name: '问候', order: 0 }, { id: 'g2', name: '售后', order: 1 }] });

  it('saveTemplate validates, computes fresh search keys, appends at the end of the group', () => {
    let ids = 0;
    const mk = () => `id${++ids}`;
    const a = saveTemplate(start(), { title: '欢迎', body: '您好', group: 'g1', shortcut: 'HY' }, NOW, mk);
    if (!a.ok) throw new Error('save failed');
    expect(a.template).toMatchObject({ id: 'id1', shortcut: 'hy', order: 0, createdAt: NOW, updatedAt: NOW });
    expect(keysAreFresh(a.template.search, '欢迎', '您好')).toBe(true);
    const b = saveTemplate(a.collection, { title: '在的', body: '在的亲', group: 'g1' }, NOW, mk);
    expect(b.ok && b.template.order).toBe(1);
    if (!b.ok) return;
    const edited = saveTemplate(recordUse(b.collection, 'id1'), { id: 'id1', title: '欢迎语', body: '您好呀', group: 'g1' }, NOW + 5, mk);
    if (!edited.ok) throw new Error('edit failed');
    expect(edited.template).toMatchObject({ id: 'id1', usageCount: 1, createdAt: NOW, updatedAt: NOW + 5, order: 0 });
    expect(edited.template.shortcut).toBeUndefined();
    expect(edited.template.search!.pinyin).toBe('huanyingyu');
    expect(edited.collection.templates).toHaveLength(2);
  });

  it('saveTemplate refuses a blank body, an unknown group or id', () => {
    expect(saveTemplate(start(), { title: 'x', body: '  ', group: 'g1' }, NOW).ok).toBe(false);
    expect(saveTemplate(start(), { title: 'x', body: 'y', group: 'g9' }, NOW).ok).toBe(false);
    expect(saveTemplate(start(), { id: 'zz', title: 'x', body: 'y', group: 'g1' }, NOW).ok).toBe(false);
  });

  it('reorderGroup moves templates into a group in the given order', () => {
    let c = start();
    for (const [title, group] of [['a', 'g1'], ['b', 'g1'], ['c', 'g1'], ['d', 'g2']] as const) {
      const r = saveTemplate(c, { title, body: title, group }, NOW, () => title);
      if (r.ok) c = r.collection;
    }
    c = reorderGroup(c, 'g1', ['c', 'd'], NOW + 1);
    expect(sortedTemplates(c).map((t) => `${t.group}:${t.title}`)).toEqual(['g1:c', 'g1:d', 'g1:a', 'g1:b']);
    expect(parseCollection(c, NOW).ok).toBe(true);
  });

  it('group helpers: add (idempotent by name), rename, delete moving or dropping templates', () => {
    let c = start();
    const added = addGroup(c, ' 物流 ', 'g3');
    expect(added.group).toEqual({ id: 'g3', name: '物流', order: 2 });
    expect(addGroup(added.collection, '物流').group.id).toBe('g3');
    c = added.collection;
    for (const [title, group] of [['a', 'g1'], ['b', 'g2'], ['c', 'g3']] as const) {
      const r = saveTemplate(c, { title, body: title, group }, NOW, () => title);
      if (r.ok) c = r.collection;
    }
    expect(() => renameGroup(c, 'g1', '售后')).toThrow();
    expect(renameGroup(c, 'g1', '开场').groups[0]!.name).toBe('开场');
    const moved = deleteGroup(c, 'g3', 'g2');
    expect(moved.groups.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(moved.templates.find((t) => t.id === 'c')).toMatchObject({ group: 'g2', order: 1 });
    expect(parseCollection(moved, NOW).ok).toBe(true);
    const dropped = deleteGroup(c, 'g3');
    expect(dropped.templates.map((t) => t.id)).toEqual(['a', 'b']);
    expect(deleteTemplate(dropped, 'a').templates.map((t) => t.id)).toEqual(['b']);
  });
});
