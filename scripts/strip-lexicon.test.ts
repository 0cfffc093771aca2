import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { STRIPPED_FILES, stripWordLists } from './strip-lexicon';

const dir = new URL('../lib/compliance/lexicon/', import.meta.url);
const files = readdirSync(dir).filter((f) => STRIPPED_FILES.test(`/lib/compliance/lexicon/${f}`));

type CheckModule = typeof import('../lib/compliance/check');

/** Every labelled message's findings, as the check gives them with the lexicon module graph as loaded. */
async function findingsOfAll(): Promise<string[]> {
  const { check } = (await import('../lib/compliance/check')) as CheckModule;
  const { loadRows } = await import('./eval-compliance');
  return loadRows().map((r) => {
    const res = check(r.text, { platform: r.platform ?? 'pdd', replyTo: r.buyer, history: r.history });
    return `${res.verdict} ${res.findings.map((f) => `${f.category}/${f.severity}/${f.start}-${f.end}`).join(' ')}`;
  });
}

describe('the production bundle’s lexicon (word lists stripped, compiled.json trusted)', () => {
  it('strips words from every list file and keeps their rules and detectors', () => {
    expect(files.length).toBeGreaterThan(10);
    const roles = stripWordLists(JSON.parse(readFileSync(new URL('roles.json', dir), 'utf8')));
    expect(roles.detectors.length).toBeGreaterThan(5);
    expect(Object.values(roles.detectors[0].roles).every((w) => Array.isArray(w) && w.length === 0)).toBe(true);
    const abuse = stripWordLists(JSON.parse(readFileSync(new URL('abuse.json', dir), 'utf8')));
    expect(abuse.rules[0].terms).toEqual([]);
    expect(abuse.rules[0].reason).toMatch(/辱骂/);
  });

  it('finds exactly the same on every labelled message', { timeout: 120_000 }, async () => {
    const full = await findingsOfAll();
    vi.resetModules();
    for (const f of files) {
      const data = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      vi.doMock(`../lib/compliance/lexicon/${f}`, () => ({ default: stripWordLists(data) }));
    }
    const { readyMadeOptions, usingReadyMade } = await import('../lib/compliance/lexicon');
    readyMadeOptions.trust = true;
    // The check below reads the stripped lists (not a cached copy of the full ones) and compiled.json.
    const abuse = (await import('../lib/compliance/lexicon/abuse.json')).default as { rules: { terms: string[] }[] };
    expect(abuse.rules[0]!.terms).toEqual([]);
    expect(usingReadyMade()).toBe(true);
    const stripped = await findingsOfAll();
    expect(stripped.length).toBe(full.length);
    const differ = stripped.map((s, i) => (s === full[i] ? null : i)).filter((i) => i !== null);
    expect(differ.slice(0, 5)).toEqual([]);
  });
});
