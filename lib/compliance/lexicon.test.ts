import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compileLexicon, makeReadyMade, readyMadeOptions, sourceFingerprint, usingReadyMade } from './lexicon';

// lexicon/compiled.json is the built-in lexicon made in advance (the first build in a page then only
// compiles the automaton). It must be exactly what the word lists and the code make now.
const stored = JSON.parse(readFileSync(new URL('./lexicon/compiled.json', import.meta.url), 'utf8'));

afterEach(() => {
  readyMadeOptions.use = true;
});

describe('the ready-made lexicon (lexicon/compiled.json)', () => {
  it('is what the word lists and the normalising code give now (else: npm run gen:lexicon)', () => {
    const now = makeReadyMade();
    expect(stored.fingerprint, 'the word lists changed: run npm run gen:lexicon').toBe(sourceFingerprint());
    expect(stored.main.keys.split('\n').length, 'run npm run gen:lexicon').toBe(now.main.keys.split('\n').length);
    expect(JSON.stringify(stored), 'the words normalise differently now: run npm run gen:lexicon').toBe(JSON.stringify(now));
  });

  it('builds the same lexicon as the word lists, shop words included', () => {
    const extras = { shopWords: [{ word: '秒杀价', severity: 'block' as const }, { word: '微信', severity: 'warn' as const }], allowList: ['微信支付'] };
    expect(usingReadyMade(), 'lexicon/compiled.json is out of date: run npm run gen:lexicon').toBe(true);
    const ready = compileLexicon(extras);
    readyMadeOptions.use = false;
    const fresh = compileLexicon(extras);
    expect(ready.size).toBe(fresh.size);
    expect([...ready.payloadStart]).toEqual([...fresh.payloadStart]);
    expect(ready.payloads).toEqual(fresh.payloads);
    expect(ready.maxGap).toBe(fresh.maxGap);
  });
});

