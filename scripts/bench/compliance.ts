/**
 * Speed of the compliance check:
 *   npm run bench:compliance
 * - check() latency per message (p50 / p99, µs) on the labelled set plus longer messages built from it
 *   (up to 500 characters);
 * - matcher build time (the first build in this process, as the content script pays it, and warm);
 * - throughput against general-purpose word filters from npm (fastscan, mint-filter) on the SAME word
 *   list (our normalised patterns) and the SAME texts, side by side in this run:
 *     core:  our automaton vs theirs, all three on the normalised text (plain substring matching each);
 *     check: our whole check() on the raw text vs their matching on the raw text.
 * - adversarial texts (lib/compliance/testing/adversarial.ts: long runs of place words, keywords glued
 *   into id-like runs, digits, whitespace, 加我 over and over …) of 1k / 10k / 100k characters, in ms
 *   per 1,000 characters of input: check() as the guard runs it (it reads CHECK_LIMIT characters at
 *   most), check() with the limit lifted (how each detector grows), and the fastest peer's plain
 *   matching of the same raw text in the same run.
 * The last line is one JSON object: {"p50_us","p99_us","build_ms","ratio_vs_peer","peer",…};
 * ratio_vs_peer is the core ratio against the fastest peer (apples to apples), ratio_check_vs_peer the
 * whole check() against the same peer; adversarial_max_ms_per_1k the worst adversarial figure of
 * check() as the guard runs it, adversarial_max_ms_per_1k_unbounded with the limit lifted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileLexicon, lexiconPatterns, readyMadeOptions, usingReadyMade } from '../../lib/compliance/lexicon';
import { createHits } from '../../lib/compliance/matcher';
import { FAMILIES } from '../../lib/compliance/testing/adversarial';
import { squash } from '../../lib/compliance/views';
import { loadRows } from '../eval-compliance';

// The first build, before anything else has warmed the code up.
// The content script builds from lexicon/compiled.json (the word lists made in advance); here the file is
// used as outside a production build, after checking its fingerprint against the word lists.
const t0 = process.hrtime.bigint();
const lexicon = compileLexicon();
const coldBuildMs = Number(process.hrtime.bigint() - t0) / 1e6;
const coldReadyMade = usingReadyMade();

// check() reaches the lexicon through the same module; import it after the cold build.
const { check, CHECK_LIMIT } = await import('../../lib/compliance/check');

const require = createRequire(import.meta.url);
type FastScanner = { search(text: string): [number, string][] };
const FastScannerCtor = require('fastscan') as new (words: string[]) => FastScanner;
const { Mint } = require('mint-filter') as { Mint: new (words: string[]) => { filter(text: string, o: { replace: boolean }): { words: string[] } } };
const version = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;

const now = () => process.hrtime.bigint();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

// ---------------------------------------------------------------------------------------------
// Texts: every message of the labelled set, and longer ones joined from them (deterministic).

const base = loadRows().map((r) => r.text);
let seed = 20261125;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const long: string[] = [];
for (let i = 0; i < 300; i++) {
  const target = 100 + Math.floor(random() * 401);
  let s = '';
  while (s.length < target) s += (s ? '，' : '') + base[Math.floor(random() * base.length)]!;
  long.push(s.slice(0, 500));
}
const texts = [...base, ...long].filter((t) => t.length <= 500);
const normalised = texts.map(squash);
const chars = texts.reduce((n, t) => n + t.length, 0);

// ---------------------------------------------------------------------------------------------
// check() latency.

for (let w = 0; w < 20; w++) for (const t of texts) check(t, { platform: 'pdd' });
const rounds = 30;
const latencies = new Float64Array(texts.length * rounds);
let k = 0;
for (let r = 0; r < rounds; r++) {
  for (const t of texts) {
    const a = now();
    check(t, { platform: 'pdd' });
    latencies[k++] = Number(now() - a) / 1000;
  }
}
latencies.sort();
const p50 = quantile(latencies, 0.5);
const p99 = quantile(latencies, 0.99);
const max = latencies[latencies.length - 1]!;

// ---------------------------------------------------------------------------------------------
// Build times.

/** Ten builds of the lexicon, in ms each. */
const builds = () =>
  Array.from({ length: 10 }, () => {
    const a = now();
    compileLexicon();
    return Number(now() - a) / 1e6;
  });
const warmBuilds = builds();
// What the ready-made file saves: the same build from the word lists (expanding, folding, keying).
readyMadeOptions.use = false;
const fromListsBuilds = builds();
readyMadeOptions.use = true;
const patterns = lexiconPatterns();
let a = now();
const fastscan = new FastScannerCtor(patterns);
const fastscanBuildMs = Number(now() - a) / 1e6;
a = now();
const mint = new Mint(patterns);
const mintBuildMs = Number(now() - a) / 1e6;

// ---------------------------------------------------------------------------------------------
// Throughput, side by side: each round runs every engine once over all texts; medians of the rounds.

const hits = createHits(1024);
let sink = 0;
type Engine = { name: string; run: (inputs: string[]) => number };
const engines: Engine[] = [
  {
    name: 'ours (automaton)',
    run: (inputs) => {
      let n = 0;
      for (const s of inputs) {
        hits.count = 0;
        lexicon.matcher.scanString(s, hits);
        n += hits.count;
      }
      return n;
    },
  },
  { name: `fastscan@${version('fastscan')}`, run: (inputs) => inputs.reduce((n, s) => n + fastscan.search(s).length, 0) },
  { name: `mint-filter@${version('mint-filter')}`, run: (inputs) => inputs.reduce((n, s) => n + mint.filter(s, { replace: false }).words.length, 0) },
];

/**
 * Other general-purpose matchers from npm, raced too when they are installed (they are not dependencies;
 * install one as a dev dependency to include it).
 */
const OPTIONAL: Record<string, (mod: unknown, words: string[]) => ((s: string) => number) | null> = {
  'modern-ahocorasick': (mod, words) => searcher(mod, words),
  ahocorasick: (mod, words) => searcher(mod, words),
  'aho-corasick-node': (mod, words) => {
    const m = mod as { builder?: () => { add(w: string): void; build(): { match(s: string): unknown[] } } };
    if (typeof m.builder !== 'function') return null;
    const builder = m.builder();
    for (const w of words) builder.add(w);
    const ac = builder.build();
    return (s) => ac.match(s).length;
  },
};
/** `new AhoCorasick(words).search(text)` → [[end, words[]], …] (BrunoRB's API and its forks). */
function searcher(mod: unknown, words: string[]): ((s: string) => number) | null {
  const Ctor = ((mod as { default?: unknown }).default ?? mod) as new (w: string[]) => { search?(s: string): [number, string[]][] };
  if (typeof Ctor !== 'function') return null;
  const ac = new Ctor(words) as { search?(s: string): unknown[]; count?(s: string): number };
  // modern-ahocorasick 3 counts every occurrence itself; older forks return [end, words[]] pairs.
  if (typeof ac.count === 'function') return (s) => ac.count!(s);
  if (typeof ac.search !== 'function') return null;
  return (s) => (ac.search!(s) as [number, string[]][]).reduce((n, [, found]) => n + found.length, 0);
}
const absent: string[] = [];
for (const [name, adapt] of Object.entries(OPTIONAL)) {
  let mod: unknown;
  try {
    mod = require(name);
  } catch {
    absent.push(name);
    continue;
  }
  const count = adapt(mod, patterns);
  if (count) engines.push({ name: `${name}@${version(name)}`, run: (inputs) => inputs.reduce((n, s) => n + count(s), 0) });
  else absent.push(`${name} (unknown API)`);
}

function race(inputs: string[], extra?: Engine) {
  const list = extra ? [extra, ...engines.slice(1)] : engines;
  for (let w = 0; w < 10; w++) for (const e of list) sink += e.run(inputs);
  const times = list.map(() => [] as number[]);
  const found = list.map(() => 0);
  for (let r = 0; r < 25; r++) {
    list.forEach((e, i) => {
      const start = now();
      found[i] = e.run(inputs);
      times[i]!.push(Number(now() - start) / 1e6);
    });
  }
  return list.map((e, i) => ({ name: e.name, ms: median(times[i]!), found: found[i]! }));
}

const core = race(normalised);
const whole = race(texts, {
  name: 'ours (check)',
  run: (inputs) => inputs.reduce((n, s) => n + check(s, { platform: 'pdd' }).findings.length, 0),
});
sink += core.length + whole.length;

const fastestCore = core.slice(1).reduce((x, y) => (y.ms < x.ms ? y : x));
const fastestWhole = whole.find((w) => w.name === fastestCore.name)!;
const ratioCore = fastestCore.ms / core[0]!.ms;
const ratioCheck = fastestWhole.ms / whole[0]!.ms;

// ---------------------------------------------------------------------------------------------
// Adversarial texts: ms per 1,000 characters of input, each engine timed on the same text in turn.

/** Median ms of one run of `f`, over rounds until about `budgetMs` is spent (3 rounds at least). */
function timeOne(f: () => number, budgetMs = 150): number {
  sink += f(); // warm-up
  const times: number[] = [];
  const until = Number(now()) / 1e6 + budgetMs;
  while (times.length < 3 || (Number(now()) / 1e6 < until && times.length < 500)) {
    const start = now();
    sink += f();
    times.push(Number(now() - start) / 1e6);
  }
  return median(times);
}

const peerSearch = fastestCore.name.startsWith('mint-filter')
  ? (s: string) => mint.filter(s, { replace: false }).words.length
  : (s: string) => fastscan.search(s).length;
const SIZES = [1_000, 10_000, 100_000];
const adversarial = FAMILIES.flatMap((family) =>
  SIZES.map((n) => {
    const text = family.make(n);
    const perK = (ms: number) => ms / (n / 1000);
    return {
      family: family.name,
      n,
      guard: perK(timeOne(() => check(text, { platform: 'pdd' }).findings.length)),
      unbounded: perK(timeOne(() => check(text, { platform: 'pdd', limit: Infinity }).findings.length)),
      peer: perK(timeOne(() => peerSearch(text))),
    };
  }),
);
const worstGuard = adversarial.reduce((x, y) => (y.guard > x.guard ? y : x));
const worstUnbounded = adversarial.reduce((x, y) => (y.unbounded > x.unbounded ? y : x));

// ---------------------------------------------------------------------------------------------

const fmt = (x: number, d = 1) => x.toFixed(d);
const mbps = (ms: number) => fmt(chars / 1e6 / (ms / 1000), 1);
const out: string[] = [];
out.push(`compliance bench: ${texts.length} messages (${base.length} from the labelled set, ${long.length} joined up to 500 chars), ${chars} chars, ${patterns.length} patterns, ${lexicon.matcher.states} states`);
out.push('');
out.push(`check() per message     p50 ${fmt(p50, 2)} µs   p99 ${fmt(p99, 2)} µs   max ${fmt(max, 0)} µs   (targets: p50 ≤ 50 µs, p99 ≤ 1000 µs)`);
out.push(`matcher build           first ${fmt(coldBuildMs)} ms   warm median ${fmt(median(warmBuilds))} ms   (target ≤ 60 ms; ${coldReadyMade ? 'from lexicon/compiled.json' : 'compiled.json out of date: from the word lists'})`);
out.push(`  from the word lists     warm median ${fmt(median(fromListsBuilds))} ms   (what the ready-made file saves on every build)`);
out.push(`peer build              fastscan ${fmt(fastscanBuildMs)} ms   mint-filter ${fmt(mintBuildMs)} ms`);
out.push('');
out.push('throughput, same word list and texts, median of 25 rounds');
out.push(`  ${'engine'.padEnd(24)} ${'input'.padEnd(11)} ${'ms/round'.padStart(9)} ${'M chars/s'.padStart(10)} ${'matches'.padStart(8)}`);
for (const r of core) out.push(`  ${r.name.padEnd(24)} ${'normalised'.padEnd(11)} ${fmt(r.ms, 2).padStart(9)} ${mbps(r.ms).padStart(10)} ${String(r.found).padStart(8)}`);
for (const r of whole) out.push(`  ${r.name.padEnd(24)} ${'raw'.padEnd(11)} ${fmt(r.ms, 2).padStart(9)} ${mbps(r.ms).padStart(10)} ${String(r.found).padStart(8)}`);
if (absent.length) out.push(`  not installed, so not raced: ${absent.join(', ')}`);
out.push('  (matches: ours and fastscan report every occurrence; mint-filter stops at one pattern per position;');
out.push('   check() reports findings after normalising, context rules and merging, not raw matches)');
out.push('');
out.push(`automaton vs fastest peer (${fastestCore.name}), same normalised input: ${fmt(ratioCore, 2)}× (target ≥ 3×)`);
out.push(`whole check() on raw text vs ${fastestCore.name} on raw text: ${fmt(ratioCheck, 2)}×`);
out.push('');
out.push(`adversarial texts, ms per 1,000 characters of input (median; check() reads ${CHECK_LIMIT} characters at most, "unbounded" lifts that)`);
out.push(`  ${'family'.padEnd(16)} ${'chars'.padStart(7)} ${'check()'.padStart(9)} ${'unbounded'.padStart(10)} ${fastestCore.name.padStart(18)} ${'unbounded/peer'.padStart(15)}`);
for (const r of adversarial) {
  out.push(
    `  ${r.family.padEnd(16)} ${String(r.n).padStart(7)} ${fmt(r.guard, 3).padStart(9)} ${fmt(r.unbounded, 3).padStart(10)} ${fmt(r.peer, 3).padStart(18)} ${`${fmt(r.unbounded / r.peer, 1)}×`.padStart(15)}`,
  );
}
out.push(`  worst: check() ${fmt(worstGuard.guard, 3)} ms (${worstGuard.family}, ${worstGuard.n}), unbounded ${fmt(worstUnbounded.unbounded, 3)} ms (${worstUnbounded.family}, ${worstUnbounded.n})   (target ≤ 3 ms per 1,000 characters)`);
if (sink < 0) out.push(''); // keep the work observable
console.log(out.join('\n'));
console.log(
  JSON.stringify({
    p50_us: Number(fmt(p50, 2)),
    p99_us: Number(fmt(p99, 2)),
    build_ms: Number(fmt(coldBuildMs, 1)),
    ratio_vs_peer: Number(fmt(ratioCore, 2)),
    peer: fastestCore.name,
    ratio_check_vs_peer: Number(fmt(ratioCheck, 2)),
    adversarial_max_ms_per_1k: Number(fmt(worstGuard.guard, 3)),
    adversarial_max_ms_per_1k_unbounded: Number(fmt(worstUnbounded.unbounded, 3)),
  }),
);
