/**
 * The shared adapter conformance suite (test-only; imported by each adapter's adapter.test.ts with
 * its own table). Every adapter is held to the same checks:
 * - the selector node-count table × the fixture pages (a platform change names the broken list);
 * - every list is in the table, and each entry is one valid selector without a comma;
 * - the fallbacks named by the adapter are the ones that match on the changed-markup page;
 * - health: healthy on the workbench pages, unhealthy but recognised on changed markup, and "not this
 *   workbench" on a page that is not it;
 * - the composer: text written goes in through the page's own input path (a textarea's native value
 *   setter, past a framework's instance setter, then a bubbling input event) and reads back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { queryAllFirst, type SelectorList, type SelectorTable } from '../dom';
import { loadHtml, type LoadedPage } from '../html-node';
import type { PlatformAdapter, PlatformMeta } from '../types';

/** The four kinds of fixture page every adapter folder holds (fixtures/<kind>.html). */
export const FIXTURE_KINDS = ['workbench', 'no-conversation-open', 'changed-markup', 'not-workbench'] as const;
export type FixtureKind = (typeof FIXTURE_KINDS)[number];

export interface ConformanceSpec<K extends string> {
  meta: PlatformMeta;
  adapter: PlatformAdapter;
  selectors: SelectorTable<K>;
  /** Lists queried inside each node of another list (rows, messages) rather than in the document. */
  scopes: Readonly<Partial<Record<NoInfer<K>, NoInfer<K>>>>;
  /** The adapter folder (import.meta.dirname of the test). */
  dir: string;
  /** Fixture pages beyond the four kinds (e.g. a second layout), tested like them. */
  extraFixtures?: readonly string[];
  /** Nodes each list must find on each fixture: one column per fixture, kinds first, then extras. */
  expected: Readonly<Record<NoInfer<K>, readonly number[]>>;
  /** On the changed-markup page these lists are read through these (later) selectors. */
  fallbacks?: Readonly<Partial<Record<NoInfer<K>, string>>>;
  /** The health problem lines' list names on changed-markup (e.g. ['messageList']). */
  brokenOnChanged: readonly string[];
}

export interface Conformance {
  /** A fresh copy of a fixture page, parsed at the workbench URL (tests that click or type get their own). */
  load(fixture: string): Document;
  /** The shared copies, for read-only tests. */
  pages: Record<string, Document>;
}

/** Read a fixture of an adapter folder as `inspect` would: at the workbench URL, scripts off. */
export function loadFixture(dir: string, meta: PlatformMeta, fixture: string): LoadedPage {
  return loadHtml(readFileSync(join(dir, 'fixtures', `${fixture}.html`), 'utf8'), meta.workbenchUrl);
}

export function adapterConformance<K extends string>(spec: ConformanceSpec<K>): Conformance {
  const fixtures = [...FIXTURE_KINDS, ...(spec.extraFixtures ?? [])];
  const opened: LoadedPage[] = [];
  const load = (fixture: string): Document => {
    const page = loadFixture(spec.dir, spec.meta, fixture);
    opened.push(page);
    return page.document;
  };
  afterAll(async () => {
    await Promise.all(opened.map((p) => p.close()));
  });
  const pages = Object.fromEntries(fixtures.map((f) => [f, load(f)])) as Record<string, Document>;
  const names = Object.keys(spec.selectors) as K[];

  /** Nodes a list finds the way the adapter uses it: scoped lists inside each node of their scope, summed. */
  const count = (doc: Document, name: K): number => {
    const list: SelectorList = spec.selectors[name];
    const scope = spec.scopes[name];
    const roots: ParentNode[] = scope ? queryAllFirst(doc, spec.selectors[scope]).nodes : [doc];
    return roots.reduce((sum, root) => sum + queryAllFirst(root, list).nodes.length, 0);
  };

  describe(`${spec.meta.id} selectors`, () => {
    for (const name of Object.keys(spec.expected) as K[]) {
      fixtures.forEach((fixture, i) => {
        const n = spec.expected[name][i];
        it(`${name} finds ${n} on ${fixture}`, () => {
          expect(count(pages[fixture]!, name)).toBe(n);
        });
      });
    }

    it('every list is in the table, with one count per fixture page', () => {
      expect(Object.keys(spec.expected).sort()).toEqual([...names].sort());
      for (const name of names) expect(spec.expected[name], name).toHaveLength(fixtures.length);
    });

    it.each(names)('%s: one valid selector per entry', (name) => {
      for (const selector of spec.selectors[name]) {
        expect(selector).not.toContain(',');
        expect(() => pages.workbench!.querySelector(selector)).not.toThrow();
      }
    });

    it('changed markup is still read through the fallbacks', () => {
      for (const [name, selector] of Object.entries(spec.fallbacks ?? {}) as [K, string][]) {
        expect(queryAllFirst(pages['changed-markup']!, spec.selectors[name]).selector, name).toBe(selector);
        expect(spec.selectors[name].indexOf(selector), `${name}: a fallback, not the first choice`).toBeGreaterThan(0);
      }
    });
  });

  describe(`${spec.meta.id} health`, () => {
    it('is healthy on the workbench, with or without an open conversation', () => {
      for (const f of ['workbench', 'no-conversation-open', ...(spec.extraFixtures ?? [])]) {
        expect(spec.adapter.health(pages[f]!), f).toEqual({ healthy: true, recognised: true, problems: [] });
      }
    });

    it('on changed markup: recognised, unhealthy, and the problem names the list', () => {
      const h = spec.adapter.health(pages['changed-markup']!);
      expect(h.healthy).toBe(false);
      expect(h.recognised).toBe(true);
      expect(h.problems.map((p) => p.split(':')[0])).toEqual([...spec.brokenOnChanged]);
    });

    it('says plainly that another page is not this workbench', () => {
      const h = spec.adapter.health(pages['not-workbench']!);
      expect(h.healthy).toBe(false);
      expect(h.recognised).toBe(false);
      expect(h.problems[0]).toMatch(/^page: not the /);
    });

    it('reads nothing from a page that is not the workbench', () => {
      const doc = pages['not-workbench']!;
      expect(spec.adapter.conversations(doc)).toEqual([]);
      expect(spec.adapter.messages(doc)).toEqual([]);
      expect(spec.adapter.openConversation(doc)).toBeNull();
      expect(spec.adapter.composer(doc)).toBeNull();
    });
  });

  describe(`${spec.meta.id} composer`, () => {
    it("writes through the page's own input path: past an instance setter, with a bubbling input event", () => {
      const doc = load('workbench');
      const composer = spec.adapter.composer(doc);
      expect(composer, 'a composer on the workbench page').not.toBeNull();
      const field = composer!.element;
      // A framework's instance-level value setter (React's value tracker) that a write must go past:
      // a write through it is lost on the next render.
      const tracked = vi.fn();
      if (composer!.kind === 'textarea') {
        const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')!;
        Object.defineProperty(field, 'value', { configurable: true, get: () => native.get!.call(field), set: tracked });
      }
      const seen: { value: string; bubbles: boolean }[] = [];
      doc.addEventListener('input', (e) => seen.push({ value: composer!.read(), bubbles: e.bubbles }));

      composer!.write('亲，今天下单明天发');

      expect(tracked).not.toHaveBeenCalled();
      expect(composer!.read()).toBe('亲，今天下单明天发');
      expect(seen.at(-1)).toEqual({ value: '亲，今天下单明天发', bubbles: true });
    });
  });

  return { load, pages };
}
