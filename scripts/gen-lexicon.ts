/**
 * Writes lib/compliance/lexicon/compiled.json: the built-in lexicons' words, expanded, folded and keyed,
 * with their payloads (see "Ready made" in lib/compliance/lexicon.ts). Run by every build; run it after
 * changing a word list or the code that normalises words (a unit test says when it is due).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeReadyMade, readyMadeOptions } from '../lib/compliance/lexicon';

readyMadeOptions.use = false;
const out = fileURLToPath(new URL('../lib/compliance/lexicon/compiled.json', import.meta.url));
const data = makeReadyMade();
writeFileSync(out, `${JSON.stringify(data)}\n`);
console.log(`lexicon/compiled.json: ${data.main.keys.split('\n').length} + ${data.phonetic.keys.split('\n').length} patterns, fingerprint ${data.fingerprint}`);
