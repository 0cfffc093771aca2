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
import { CATEGORIES, check, type CheckResult } from '../lib/compliance/index';

export const EVAL_DIR = join(import.meta.dirname, '..', 'lib', 'compliance', 'eval');

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

export const TARGETS = {
  plainRecall: 0.99,
  disguisedRecall: 0.9,
  familyRecall: 0.8,
  ordinaryBlock: 0.005,
  hardNegative: 0.02,
};

const row = z.object({
  text: z.string(),
  expected: z.union([z.enum(['ok', 'tip', 'warn', 'block']), z.array(z.enum(CATEGORIES)).min(1)]),
  family: z.string().min(1),
  platform: z.string().optional(),
  buyer: z.string().optional(),
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

type Kind = 'plain' | 'disguised' | 'ordinary' | 'hard-negative' | 'other';
const kindOf = (family: string): Kind =>
  family === 'plain'
    ? 'plain'
    : (DISGUISE_FAMILIES as readonly string[]).includes(family)
      ? 'disguised'
      : family.startsWith('ordinary-')
        ? 'ordinary'
        : family.startsWith('hard-negative')
          ? 'hard-negative'
          : 'other';

export interface Outcome {
  row: EvalRow;
  result: CheckResult;
  /** Violations: every expected category found. Negatives: nothing at warn or above (block for ordinary). */
  pass: boolean;
}

export function judge(r: EvalRow, result: CheckResult): boolean {
  if (Array.isArray(r.expected)) return r.expected.every((c) => result.findings.some((f) => f.category === c));
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

export function evaluate(rows: readonly EvalRow[]): Report {
  const outcomes: Outcome[] = rows.map((r) => {
    const result = check(r.text, { platform: r.platform ?? 'pdd', replyTo: r.buyer });
    return { row: r, result, pass: judge(r, result) };
  });
  const byFamily = new Map<string, Outcome[]>();
  for (const o of outcomes) byFamily.set(o.row.family, [...(byFamily.get(o.row.family) ?? []), o]);
  const rate = (os: Outcome[], f: (o: Outcome) => boolean) => (os.length ? os.filter(f).length / os.length : 0);
  const lines: string[] = [];
  const failures: string[] = [];
  const gate = (name: string, value: number, target: number, higherIsBetter: boolean) => {
    const ok = higherIsBetter ? value >= target : value <= target;
    if (!ok) failures.push(`${name}: ${pct(value)} (target ${higherIsBetter ? '≥' : '≤'} ${pct(target)})`);
    return `${pct(value).padStart(7)}  target ${higherIsBetter ? '≥' : '≤'} ${pct(target).padEnd(6)} ${ok ? 'ok' : 'MISSED'}`;
  };

  lines.push(`compliance eval: ${rows.length} messages, ${byFamily.size} families`, '');
  lines.push('violations: recall (every expected category found)');
  const plain = byFamily.get('plain') ?? [];
  lines.push(`  ${'plain'.padEnd(28)} ${String(plain.length).padStart(4)}  ${gate('plain recall', rate(plain, (o) => o.pass), TARGETS.plainRecall, true)}`);
  const disguised = outcomes.filter((o) => kindOf(o.row.family) === 'disguised');
  for (const family of DISGUISE_FAMILIES) {
    const os = byFamily.get(family) ?? [];
    lines.push(`  ${family.padEnd(28)} ${String(os.length).padStart(4)}  ${gate(`${family} recall`, rate(os, (o) => o.pass), TARGETS.familyRecall, true)}`);
  }
  lines.push(`  ${'disguised, all families'.padEnd(28)} ${String(disguised.length).padStart(4)}  ${gate('disguised recall', rate(disguised, (o) => o.pass), TARGETS.disguisedRecall, true)}`);

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
  return { lines, failures, misses: outcomes.filter((o) => !o.pass) };
}

const describe = (o: Outcome) =>
  `  [${o.row.family}] ${JSON.stringify(o.row.text)} expected ${JSON.stringify(o.row.expected)} got ${o.result.verdict} ` +
  JSON.stringify(o.result.findings.map((f) => `${f.category}:${f.text}`));

export function main(argv: readonly string[]): { code: number; stdout: string } {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const report = evaluate(loadRows());
  const out = [...report.lines];
  if (report.misses.length) {
    out.push('', `misses (${report.misses.length})${verbose ? '' : ', first 30; --verbose for all'}:`);
    out.push(...report.misses.slice(0, verbose ? undefined : 30).map(describe));
  }
  out.push('', report.failures.length ? `TARGETS MISSED:\n  ${report.failures.join('\n  ')}` : 'all targets met');
  return { code: report.failures.length ? 1 : 0, stdout: `${out.join('\n')}\n` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { code, stdout } = main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.exitCode = code;
}
