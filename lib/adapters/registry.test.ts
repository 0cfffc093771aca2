// @vitest-environment node
/**
 * The convention test (refined-github's features test, for workbenches): every registered platform
 * has everything a platform needs. A new platform added to the registry fails here with one line per
 * missing piece, naming the file to add.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLATFORM_METAS, matchesPattern, platformMeta, workbenchOrigins } from './registry';
import { adapters, getAdapter } from './index';
import { FIXTURE_KINDS, loadFixture } from './testing/conformance';
import { DEFAULT_PROFILES } from '../timing/profiles';
import { OWN_DOMAINS } from '../compliance/lexicon';
import type { LoadedPage } from './html-node';
import type { PlatformMeta } from './types';

const ROOT = join(import.meta.dirname, '../..');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const locales = ['zh_CN', 'en'].map((l) => JSON.parse(read(`public/_locales/${l}/messages.json`)) as Record<string, { message: string }>);

/** What a platform is missing, one line each (empty when complete). */
function missing(meta: PlatformMeta): string[] {
  const out: string[] = [];
  const need = (rel: string) => {
    if (!existsSync(join(ROOT, rel))) out.push(`missing file ${rel}`);
  };
  const dir = `lib/adapters/${meta.id}`;
  for (const f of ['meta.ts', 'selectors.ts', 'adapter.ts', 'adapter.test.ts', 'DOM.md']) need(`${dir}/${f}`);
  for (const kind of FIXTURE_KINDS) need(`${dir}/fixtures/${kind}.html`);
  if (existsSync(join(ROOT, dir, 'adapter.test.ts')) && !read(`${dir}/adapter.test.ts`).includes('adapterConformance(')) {
    out.push(`${dir}/adapter.test.ts does not call the shared conformance suite (adapterConformance)`);
  }

  const entry = `entrypoints/${meta.id}.content.ts`;
  need(entry);
  if (existsSync(join(ROOT, entry))) {
    const code = read(entry);
    if (!code.includes(`${meta.id}Meta.matches`)) out.push(`${entry} does not take its matches from ${meta.id}Meta`);
    for (const other of PLATFORM_METAS.filter((m) => m.id !== meta.id)) {
      if (code.includes(`lib/adapters/${other.id}/`)) out.push(`${entry} imports the ${other.id} adapter: each content script carries only its own`);
    }
  }

  const sim = `tests/simulator/${meta.simulator.folder}`;
  for (const f of ['index.html', 'sim.js', 'README.md']) need(`${sim}/${f}`);
  if (!Object.hasOwn(DEFAULT_PROFILES, meta.ruleProfile)) out.push(`no rule profile "${meta.ruleProfile}" in lib/timing/profiles.ts`);
  if (!OWN_DOMAINS[meta.id]?.length) out.push(`no own domains for ${meta.id} in lib/compliance/lexicon/third-party-link.json`);
  locales.forEach((messages, i) => {
    if (!messages[meta.i18nName]?.message) out.push(`no i18n name ${meta.i18nName} in public/_locales/${['zh_CN', 'en'][i]}`);
  });
  if (adapters[meta.id]?.platform !== meta.id) out.push(`lib/adapters/index.ts has no adapter for ${meta.id}`);
  if (!meta.matches.every((p) => matchesPattern(p, meta.workbenchUrl))) out.push(`${meta.id}: the workbench URL is outside its own match patterns`);
  const readmeRow = read('README.md')
    .split('\n')
    .find((line) => line.startsWith('|') && meta.matches.some((p) => line.includes(`\`${p}\``)));
  if (!readmeRow || !/\|\s*supported\s*\|\s*$/.test(readmeRow)) out.push(`README.md: no row for ${meta.matches[0]} in the supported workbenches table that says "supported"`);
  return out;
}

describe('platform registry', () => {
  it.each(PLATFORM_METAS.map((m) => [m.id, m] as const))('%s has everything a platform needs', (_id, meta) => {
    expect(missing(meta)).toEqual([]);
  });

  it('ids are unique, and every adapter is registered', () => {
    const ids = PLATFORM_METAS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(adapters).sort()).toEqual([...ids].sort());
  });

  it('no two platforms share a workbench origin', () => {
    expect(workbenchOrigins()).toHaveLength(PLATFORM_METAS.length);
  });

  it('names the known platforms for an unknown id', () => {
    expect(platformMeta('pdd').id).toBe('pdd');
    expect(() => platformMeta('taobao')).toThrow(`Unknown platform "taobao". Known platforms: ${PLATFORM_METAS.map((m) => m.id).join(', ')}`);
    expect(() => getAdapter('toString')).toThrow(/Unknown platform/);
  });

  it('match patterns work as the browser reads them', () => {
    expect(matchesPattern('https://im.jinritemai.com/pc_seller_v2/*', 'https://im.jinritemai.com/pc_seller_v2/main/workspace')).toBe(true);
    expect(matchesPattern('https://im.jinritemai.com/pc_seller_v2/*', 'https://im.jinritemai.com/other')).toBe(false);
    expect(matchesPattern('https://mms.pinduoduo.com/chat-merchant/*', 'https://mms.pinduoduo.com.evil.test/chat-merchant/')).toBe(false);
  });
});

/**
 * Cross-detection (github-url-detection's habit): each adapter is healthy on its own workbench and
 * says "not this workbench" on every other platform's workbench page, so a page is never read by the
 * wrong adapter.
 */
describe('cross-detection', () => {
  const opened: LoadedPage[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((p) => p.close()));
  });
  const page = (meta: PlatformMeta) => {
    const p = loadFixture(join(ROOT, 'lib/adapters', meta.id), meta, 'workbench');
    opened.push(p);
    return p.document;
  };
  for (const own of PLATFORM_METAS) {
    it(`${own.id} is healthy on its own workbench`, () => {
      expect(getAdapter(own.id).health(page(own))).toMatchObject({ healthy: true, recognised: true });
    });
    for (const other of PLATFORM_METAS.filter((m) => m.id !== own.id)) {
      it(`${own.id} does not take ${other.id}'s workbench for its own`, () => {
        const h = getAdapter(own.id).health(page(other));
        expect(h.recognised).toBe(false);
        expect(h.healthy).toBe(false);
      });
    }
  }
});
