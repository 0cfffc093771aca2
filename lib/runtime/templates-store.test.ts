import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { createSearchIndex, search } from '../templates/search';
import { suggest } from '../templates/suggest';
import { withSearchKeys } from '../templates/index-build';
import { sortedTemplates, type Template, type TemplateCollection } from '../templates/model';
import {
  getTemplates,
  openTemplatesSession,
  putTemplates,
  recordTemplateUses,
  type LoadedTemplates,
  type TemplatesSession,
} from './templates-store';

const tpl = (id: string, title: string, body: string, extra: Partial<Template> = {}): Template =>
  withSearchKeys({ id, title, body, group: 'g', tags: [], usageCount: 0, order: 0, createdAt: 0, updatedAt: 0, ...extra });

const doc = (n: number): TemplateCollection => ({
  version: 2,
  groups: [{ id: 'g', name: '常用', order: 0 }],
  templates: Array.from({ length: n }, (_, i) => tpl(`t${i}`, `模板${i}`, `内容${i}`, { order: i })),
});

const settle = () => new Promise((r) => setTimeout(r, 20));

async function openSession(): Promise<{ session: TemplatesSession; states: LoadedTemplates[] }> {
  const states: LoadedTemplates[] = [];
  const session = openTemplatesSession((l) => states.push(l));
  for (let i = 0; i < 50 && !session.current(); i++) await settle();
  return { session, states };
}

const rename = (id: string, title: string) => (c: TemplateCollection) => ({
  ...c,
  templates: c.templates.map((t) => (t.id === id ? withSearchKeys({ ...t, title }) : t)),
});

/**
 * In the browser a change made by one context (the background) reaches another (the options page)
 * later, as an event; the fake storage calls listeners before `set` resolves. Deliver them later, in
 * the order made, as the browser does.
 */
const area = fakeBrowser.storage.local.onChanged;
const addListener = area.addListener.bind(area);
beforeEach(() => {
  fakeBrowser.reset();
  area.addListener = ((cb: (...a: unknown[]) => void) =>
    addListener((...a: unknown[]) => void setTimeout(() => cb(...a), 3))) as typeof area.addListener;
});
afterEach(() => {
  area.addListener = addListener;
});

describe('the store refuses a document the schema refuses', () => {
  it('putTemplates rejects and leaves what storage holds', async () => {
    await putTemplates(doc(2));
    const bad = { ...doc(2), groups: [{ id: 'g', name: '长'.repeat(41), order: 0 }] };
    await expect(putTemplates(bad)).rejects.toThrow(/groups/);
    const tooMany = { ...doc(1), templates: doc(1).templates.map((t) => ({ ...t, tags: Array.from({ length: 21 }, (_, i) => `x${i}`) })) };
    await expect(putTemplates(tooMany)).rejects.toThrow(/tags/);
    const loaded = await getTemplates();
    expect(loaded.error).toBeNull();
    expect(loaded.collection.templates.map((t) => t.id)).toEqual(['t0', 't1']);
  });

  it('a session commit of an invalid document rejects and shows storage again', async () => {
    await putTemplates(doc(2));
    const { session } = await openSession();
    await expect(session.commit((c) => ({ ...c, groups: [{ id: 'g', name: '长'.repeat(41), order: 0 }] }))).rejects.toThrow();
    await settle();
    expect(session.current()!.collection.groups[0]!.name).toBe('常用');
    expect(session.current()!.error).toBeNull();
    session.close();
  });
});

describe('usage counting and edits do not overwrite each other', () => {
  it('40 edits in a tight loop with the background counting uses in between: none lost', async () => {
    await putTemplates(doc(40));
    const { session } = await openSession();
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      // The agent inserts a template on the workbench while the options page saves an edit; the
      // page goes on editing as soon as its save is done, and storage events arrive in between.
      work.push(recordTemplateUses([`t${i % 4}`]));
      await session.commit(rename(`t${i}`, `改过${i}`));
      await new Promise((r) => setTimeout(r, i % 3));
    }
    await Promise.all(work);
    await settle();
    const stored = await getTemplates();
    const titles = stored.collection.templates.map((t) => t.title);
    expect(titles.filter((t) => t.startsWith('改过'))).toHaveLength(40);
    expect(stored.collection.templates.slice(0, 4).map((t) => t.usageCount)).toEqual([10, 10, 10, 10]);
    // The page shows what storage holds.
    expect(session.current()!.collection).toEqual(stored.collection);
    session.close();
  });

  it('an edit made on a view older than a counted use keeps the use', async () => {
    await putTemplates(doc(2));
    const { session } = await openSession();
    await recordTemplateUses(['t1', 't1']);
    // The page writes at once, on the view it had (the watch has not told it yet).
    await session.commit(rename('t0', '新标题'));
    await settle();
    const stored = await getTemplates();
    expect(stored.collection.templates.map((t) => [t.title, t.usageCount])).toEqual([
      ['新标题', 0],
      ['模板1', 2],
    ]);
    session.close();
  });

  it('uses counted while the page writes are all kept (background alone, concurrent calls)', async () => {
    await putTemplates(doc(3));
    await Promise.all(Array.from({ length: 30 }, (_, i) => recordTemplateUses([`t${i % 3}`])));
    expect((await getTemplates()).collection.templates.map((t) => t.usageCount)).toEqual([10, 10, 10]);
  });

  it('usage counts already in the document are kept and carried on', async () => {
    const old = doc(3);
    old.templates[0]!.usageCount = 7;
    old.templates[2]!.usageCount = 3;
    await browser.storage.local.set({ templates: old });
    expect((await getTemplates()).collection.templates.map((t) => t.usageCount)).toEqual([7, 0, 3]);
    await recordTemplateUses(['t0', 't1']);
    expect((await getTemplates()).collection.templates.map((t) => t.usageCount)).toEqual([8, 1, 3]);
    // The document itself is no longer written by the counting.
    expect(((await browser.storage.local.get('templates')).templates as TemplateCollection).templates[0]!.usageCount).toBe(7);
  });

  it('search and suggestions rank by the counted usage', async () => {
    const c: TemplateCollection = {
      version: 2,
      groups: [{ id: 'g', name: '常用', order: 0 }],
      templates: [
        tpl('a', '物流查询一', '亲，快递已经在路上了', { order: 0, tags: ['logistics'] }),
        tpl('b', '物流查询二', '亲，快递已经在路上了哦', { order: 1, tags: ['logistics'] }),
      ],
    };
    await putTemplates(c);
    await recordTemplateUses(['b', 'b', 'b']);
    const loaded = await getTemplates();
    const index = createSearchIndex(sortedTemplates(loaded.collection));
    expect(search(index, '物流').map((h) => h.template.id)).toEqual(['b', 'a']);
    expect(suggest(index, '我的快递到哪了').map((s) => s.template.id)).toEqual(['b', 'a']);
  });
});
