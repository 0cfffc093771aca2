/**
 * Quality of the compliance check on the labelled set (lib/compliance/eval/*.jsonl, written for the
 * project):
 *   npm run eval:compliance [-- --verbose]
 * Prints recall per family and false-positive rates against the targets of design/compliance.md, and
 * exits 1 when a target is missed (a CI gate).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { CATEGORIES, check, type CheckResult, DEFAULT_COMPLIANCE_SETTINGS, DEFAULT_SEVERITIES } from '../lib/compliance/index';

export const EVAL_DIR = join(import.meta.dirname, '..', 'lib', 'compliance', 'eval');
/**
 * The fresh split: messages written before any tuning against them and never tuned against afterwards
 * (eval/fresh/README.md). It measures how the check does on phrasings nobody tuned it for.
 */
export const FRESH_DIR = join(EVAL_DIR, 'fresh');

/** The disguise families of the first rounds (each has at least 25 messages in the tuned split). */
export const DISGUISE_FAMILIES = [
  'separators',
  'homophones',
  'latin-abbrev',
  'full-width',
  'chinese-numerals',
  'circled-digits',
  'traditional',
  'spelled-domains',
] as const;

/**
 * Families of violations that get around a word list by their form or their wording (round 4 on):
 * every one is held to the disguised targets.
 */
export const EVASION_FAMILIES = [
  'multiline',
  'kouling',
  'pinyin',
  'numerals',
  'diversion',
  'profile-pointer',
  'payment-disguise',
  'scam',
  'sensitive-data',
  'threat',
  'split-message',
] as const;

export const TARGETS = {
  plainRecall: 0.99,
  disguisedRecall: 0.9,
  familyRecall: 0.8,
  ordinaryBlock: 0.005,
  hardNegative: 0.02,
  /** Absolute advertising claims warned (or more). */
  absoluteWarn: 0.9,
};

const row = z.object({
  text: z.string(),
  expected: z.union([z.enum(['ok', 'tip', 'warn', 'block']), z.array(z.enum(CATEGORIES)).min(1)]),
  family: z.string().min(1),
  platform: z.string().optional(),
  buyer: z.string().optional(),
  /** The agent's previous messages in the conversation (split-message family), oldest first. */
  history: z.array(z.string()).max(10).optional(),
});
export type EvalRow = z.infer<typeof row> & { file: string; line: number };

export function loadRows(dir = EVAL_DIR): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = row.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
        rows.push({ ...parsed.data, file, line: i + 1 });
      });
  }
  return rows;
}

type Kind = 'plain' | 'disguised' | 'absolute' | 'ordinary' | 'hard-negative';
/** Every family is one of the kinds: an unknown family is a disguise, held to the disguised targets. */
const kindOf = (family: string): Kind =>
  family === 'plain'
    ? 'plain'
    : family === 'absolute-claim'
      ? 'absolute'
      : family.startsWith('ordinary-')
        ? 'ordinary'
        : family.startsWith('hard-negative')
          ? 'hard-negative'
          : 'disguised';

const BLOCKING = new Set(Object.entries(DEFAULT_SEVERITIES).filter(([, s]) => s === 'block').map(([c]) => c));

export interface Outcome {
  row: EvalRow;
  result: CheckResult;
  /** Violations: every expected category found. Negatives: nothing at warn or above (block for ordinary). */
  pass: boolean;
}

/**
 * Violations: every expected category found, and blocked when one of them blocks by default (a finding
 * that only warns lets the message go). Negatives: nothing at warn or above (block for ordinary).
 */
export function judge(r: EvalRow, result: CheckResult): boolean {
  if (Array.isArray(r.expected)) {
    const found = r.expected.every((c) => result.findings.some((f) => f.category === c));
    return found && (result.verdict === 'block' || !r.expected.some((c) => BLOCKING.has(c)));
  }
  if (r.expected === 'ok') {
    const kind = kindOf(r.family);
    if (kind === 'ordinary') return result.verdict !== 'block';
    return result.verdict === 'ok' || result.verdict === 'tip';
  }
  return result.verdict === r.expected;
}

export interface Report {
  lines: string[];
  failures: string[];
  misses: Outcome[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Floors for a split that does not meet every target yet (the fresh split's first-run figures,
 * fresh/baseline.json): a rate under its target but at or above its floor (for a rate where lower is
 * better: over its target but at or under its first-run value) is reported as missed and does not fail
 * the gate; past it it does (a regression).
 */
export type Floors = Readonly<Record<string, number>>;

export function evaluate(rows: readonly EvalRow[], title = 'compliance eval', floors: Floors = {}): Report {
  const outcomes: Outcome[] = rows.map((r) => {
    const result = check(r.text, { platform: r.platform ?? 'pdd', replyTo: r.buyer, history: r.history });
    return { row: r, result, pass: judge(r, result) };
  });
  const byFamily = new Map<string, Outcome[]>();
  for (const o of outcomes) byFamily.set(o.row.family, [...(byFamily.get(o.row.family) ?? []), o]);
  const rate = (os: Outcome[], f: (o: Outcome) => boolean) => (os.length ? os.filter(f).length / os.length : 0);
  const lines: string[] = [];
  const failures: string[] = [];
  const gate = (name: string, value: number, target: number, higherIsBetter: boolean) => {
    const ok = higherIsBetter ? value >= target : value <= target;
    const floor = floors[name];
    // A rate where higher is worse (hard negatives flagged) is held at its first-run ceiling the same way.
    const held = !ok && floor !== undefined && (higherIsBetter ? value >= floor - 1e-9 : value <= floor + 1e-9);
    if (!ok && !held) failures.push(`${title}, ${name}: ${pct(value)} (target ${higherIsBetter ? '≥' : '≤'} ${pct(target)}${floor !== undefined ? `, floor ${pct(floor)}` : ''})`);
    const verdict = ok ? 'ok' : held ? `MISSED (first run ${pct(floor!)}, not below it)` : 'MISSED';
    return `${pct(value).padStart(7)}  target ${higherIsBetter ? '≥' : '≤'} ${pct(target).padEnd(6)} ${verdict}`;
  };

  lines.push(`${title}: ${rows.length} messages, ${byFamily.size} families`, '');
  lines.push('violations: recall (every expected category found)');
  const plain = byFamily.get('plain') ?? [];
  lines.push(`  ${'plain'.padEnd(28)} ${String(plain.length).padStart(4)}  ${gate('plain recall', rate(plain, (o) => o.pass), TARGETS.plainRecall, true)}`);
  const disguised = outcomes.filter((o) => kindOf(o.row.family) === 'disguised');
  const families = [...DISGUISE_FAMILIES, ...EVASION_FAMILIES, ...[...byFamily.keys()].filter((f) => kindOf(f) === 'disguised').sort()];
  for (const family of new Set(families)) {
    if (!byFamily.has(family)) continue;
    const os = byFamily.get(family) ?? [];
    lines.push(`  ${family.padEnd(28)} ${String(os.length).padStart(4)}  ${gate(`${family} recall`, rate(os, (o) => o.pass), TARGETS.familyRecall, true)}`);
  }
  lines.push(`  ${'disguised, all families'.padEnd(28)} ${String(disguised.length).padStart(4)}  ${gate('disguised recall', rate(disguised, (o) => o.pass), TARGETS.disguisedRecall, true)}`);

  const absolute = byFamily.get('absolute-claim') ?? [];
  if (absolute.length) lines.push(`  ${'absolute claims warned'.padEnd(28)} ${String(absolute.length).padStart(4)}  ${gate('absolute claims warned', rate(absolute, (o) => o.pass), TARGETS.absoluteWarn, true)}`);

  lines.push('', 'plain recall per category');
  for (const category of CATEGORIES) {
    const os = plain.filter((o) => Array.isArray(o.row.expected) && o.row.expected.includes(category));
    if (os.length) lines.push(`  ${category.padEnd(28)} ${String(os.length).padStart(4)}  ${pct(rate(os, (o) => o.result.findings.some((f) => f.category === category))).padStart(7)}`);
  }

  lines.push('', 'false positives');
  const ordinary = outcomes.filter((o) => kindOf(o.row.family) === 'ordinary');
  for (const family of [...byFamily.keys()].filter((f) => kindOf(f) === 'ordinary').sort()) {
    const os = byFamily.get(family)!;
    lines.push(`  ${family.padEnd(28)} ${String(os.length).padStart(4)}  block ${pct(rate(os, (o) => o.result.verdict === 'block'))}, warn+ ${pct(rate(os, (o) => o.result.verdict === 'block' || o.result.verdict === 'warn'))}, any ${pct(rate(os, (o) => o.result.verdict !== 'ok'))}`);
  }
  lines.push(`  ${'ordinary replies marked block'.padEnd(28)} ${String(ordinary.length).padStart(4)}  ${gate('ordinary block rate', rate(ordinary, (o) => o.result.verdict === 'block'), TARGETS.ordinaryBlock, false)}`);
  const hard = outcomes.filter((o) => kindOf(o.row.family) === 'hard-negative');
  for (const family of [...byFamily.keys()].filter((f) => kindOf(f) === 'hard-negative').sort()) {
    const os = byFamily.get(family)!;
    lines.push(`  ${family.padEnd(28)} ${String(os.length).padStart(4)}  warn+ ${pct(rate(os, (o) => !o.pass))}`);
  }
  lines.push(`  ${'hard negatives flagged warn+'.padEnd(28)} ${String(hard.length).padStart(4)}  ${gate('hard-negative rate', rate(hard, (o) => !o.pass), TARGETS.hardNegative, false)}`);

  const violations = outcomes.filter((o) => Array.isArray(o.row.expected));
  const extra = violations.filter((o) => o.result.findings.some((f) => !(o.row.expected as string[]).includes(f.category)));
  lines.push('', `violations with an extra category besides the expected ones: ${extra.length} of ${violations.length} (information)`);
  // What the learned reader (model.ts) does on this split: violations held only by its findings, and
  // negatives flagged only by them.
  const learnedOnly = (o: Outcome) => o.result.findings.length > 0 && o.result.findings.every((f) => f.rule?.startsWith('learned.'));
  const heldByModel = violations.filter((o) => o.pass && (o.row.expected as string[]).every((c) => o.result.findings.filter((f) => f.category === c).every((f) => f.rule?.startsWith('learned.'))));
  const flaggedByModel = outcomes.filter((o) => !Array.isArray(o.row.expected) && !o.pass && learnedOnly(o));
  lines.push(`learned reader: ${heldByModel.length} of ${violations.length} violations held by its findings alone; ${flaggedByModel.length} of ${outcomes.length - violations.length} negatives flagged by it alone (information)`);
  return { lines, failures, misses: outcomes.filter((o) => !o.pass) };
}

/**
 * The headline figures of a split with the learned reader (model.ts) off: what the rules alone do, so
 * the model's share of the figures above stays in view. Information; no gate.
 */
export function rulesOnly(rows: readonly EvalRow[]): string {
  const settings = { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false };
  const byFamily = new Map<string, boolean[]>();
  for (const r of rows) {
    const pass = judge(r, check(r.text, { platform: r.platform ?? 'pdd', replyTo: r.buyer, history: r.history, settings }));
    byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), pass]);
  }
  const of = (kind: Kind) => [...byFamily].filter(([f]) => kindOf(f) === kind).flatMap(([, v]) => v);
  const share = (v: boolean[], good: boolean) => (v.length ? v.filter((p) => p === good).length / v.length : 0);
  const worst = [...byFamily].filter(([f]) => kindOf(f) === 'disguised').map(([f, v]) => [f, share(v, true)] as const).sort((a, b) => a[1] - b[1])[0];
  return (
    `with the learned reader off (rules only): plain ${pct(share(of('plain'), true))}, disguised ${pct(share(of('disguised'), true))}` +
    `${worst ? `, worst family ${worst[0]} ${pct(worst[1])}` : ''}, absolute claims ${pct(share(of('absolute'), true))}, hard negatives flagged ${pct(share(of('hard-negative'), false))}, ordinary blocked ${pct(share(of('ordinary'), false))} (information)`
  );
}

const describe = (o: Outcome) =>
  `  [${o.row.family}] ${JSON.stringify(o.row.text)} expected ${JSON.stringify(o.row.expected)} got ${o.result.verdict} ` +
  JSON.stringify(o.result.findings.map((f) => `${f.category}:${f.text}`));

/** The two splits: the one the lexicon was tuned on, and the fresh one it never was. */
export function splits(): { name: string; rows: EvalRow[]; fresh: boolean; floors: Floors }[] {
  const floors = z.record(z.string(), z.number()).parse(JSON.parse(readFileSync(join(FRESH_DIR, 'baseline.json'), 'utf8')).floors);
  return [
    { name: 'tuned split (lib/compliance/eval/*.jsonl)', rows: loadRows(EVAL_DIR), fresh: false, floors: {} },
    { name: 'fresh split (lib/compliance/eval/fresh/, never tuned against)', rows: loadRows(FRESH_DIR), fresh: true, floors },
  ];
}

export function main(argv: readonly string[]): { code: number; stdout: string } {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  // The fresh split's misses are not listed unless asked for: reading them is how a split gets tuned on.
  const freshMisses = argv.includes('--fresh-misses');
  const out: string[] = [];
  const failures: string[] = [];
  for (const split of splits()) {
    const report = evaluate(split.rows, split.name, split.floors);
    out.push(...report.lines);
    if (split.fresh) out.push(rulesOnly(split.rows));
    failures.push(...report.failures);
    if (split.fresh && !freshMisses) {
      if (report.misses.length) out.push('', `misses: ${report.misses.length} (listed with --fresh-misses; once read, write the next fresh split)`);
    } else if (report.misses.length) {
      out.push('', `misses (${report.misses.length})${verbose ? '' : ', first 30; --verbose for all'}:`);
      out.push(...report.misses.slice(0, verbose ? undefined : 30).map(describe));
    }
    out.push('', '');
  }
  const held = out.filter((l) => l.includes('MISSED (first run')).length;
  out.push(
    failures.length
      ? `TARGETS MISSED:\n  ${failures.join('\n  ')}`
      : held
        ? `gate passed; ${held} figure(s) of the fresh split still miss their target and are held at their first-run floors (fresh/baseline.json)`
        : 'all targets met on both splits',
  );
  return { code: failures.length ? 1 : 0, stdout: `${out.join('\n')}\n` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { code, stdout } = main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.exitCode = code;
}
