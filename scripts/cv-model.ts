/**
 * Cross-validated figures of the whole check with the learned reader (5 folds by file): each fold's
 * model is trained on the other files and put in check() for the files it never saw, so the model's
 * part of the figures is first sight (the rules' part stays tuned):
 *   npx tsx scripts/cv-model.ts
 * It prints, per kind, the rules alone and the rules with the model, and what the model changed per
 * category (violations it held, negatives it flagged). LEARNED_MIN in check.ts was chosen with it.
 */
import { EVAL_DIR, judge, loadRows } from './eval-compliance';
import { heldOutTexts, MODEL_CLASSES, trainingRows } from './gen-model';
import { check, LEARNED_MIN, useLearnedModel } from '../lib/compliance/check';
import { DEFAULT_COMPLIANCE_SETTINGS } from '../lib/compliance/defaults';
import { Model } from '../lib/compliance/model';
import { train } from '../lib/compliance/model-train';

const FOLDS = 5;
const rows = loadRows(EVAL_DIR).filter((r) => r.expected === 'ok' || Array.isArray(r.expected));
const files = [...new Set(rows.map((r) => r.file))];
/** The held-out splits' texts, read once for every fold. */
const heldOut = heldOutTexts();
const kind = (f: string) =>
  f === 'plain' ? 'plain' : f === 'absolute-claim' ? 'absolute claims' : f.startsWith('ordinary') ? 'ordinary (flagged)' : f.startsWith('hard-negative') ? 'hard negatives (flagged)' : 'disguised';
const rulesOnly = { ...DEFAULT_COMPLIANCE_SETTINGS, learned: false };
const kinds = new Map<string, { n: number; rules: number; both: number }>();
const changed = new Map<string, { held: number; flagged: number }>();
for (let f = 0; f < FOLDS; f++) {
  const held = new Set(files.filter((_, i) => i % FOLDS === f));
  useLearnedModel(new Model(train(trainingRows(rows.filter((r) => !held.has(r.file)), heldOut), MODEL_CLASSES)));
  for (const r of rows.filter((x) => held.has(x.file))) {
    const options = { platform: r.platform ?? 'pdd', replyTo: r.buyer, history: r.history };
    const before = judge(r, check(r.text, { ...options, settings: rulesOnly }));
    const result = check(r.text, options);
    const after = judge(r, result);
    const violation = Array.isArray(r.expected);
    const k = kinds.get(kind(r.family)) ?? { n: 0, rules: 0, both: 0 };
    k.n++;
    // Recall for violations; the share flagged for negatives.
    if (before === violation) k.rules++;
    if (after === violation) k.both++;
    kinds.set(kind(r.family), k);
    if (before !== after) {
      const category = result.findings.find((x) => x.rule?.startsWith('learned.'))?.category ?? '?';
      const c = changed.get(category) ?? { held: 0, flagged: 0 };
      if (violation) c.held++;
      else c.flagged++;
      changed.set(category, c);
    }
  }
  console.error(`fold ${f + 1} of ${FOLDS}`);
}
useLearnedModel(null);
const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(2)} %`;
console.log(`tuned split, ${rows.length} rows, ${FOLDS} folds by file (${files.length} files)`);
for (const [name, k] of kinds) console.log(`  ${name.padEnd(26)} ${String(k.n).padStart(5)}  rules ${pct(k.rules, k.n).padStart(8)}  with the model ${pct(k.both, k.n).padStart(8)}`);
console.log('what the model changed, per category (violations held / negatives flagged), at LEARNED_MIN:');
for (const [category, c] of changed) console.log(`  ${category.padEnd(22)} +${c.held} / -${c.flagged}   (min ${LEARNED_MIN[category as keyof typeof LEARNED_MIN] ?? '—'})`);
