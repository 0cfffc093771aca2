/**
 * Trains the learned reader (lib/compliance/model.ts) on the labelled set and writes
 * lib/compliance/model.json:
 *   npm run gen:model
 * It reads lib/compliance/eval/*.jsonl only, never the fresh split (eval/fresh/) or the sealed ones
 * (eval/sealed/) — nor the few tuned lines that are word for word one of theirs — so the fresh split
 * stays a measure of messages nobody tuned or trained on. Run it after
 * adding labelled rows (a unit test says when it is due).
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVAL_DIR, FRESH_DIR, loadRows, type EvalRow } from './eval-compliance';
import { RULE_CATEGORIES } from '../lib/compliance/defaults';
import { modelInput } from '../lib/compliance/model';
import { train, TRAINER_VERSION, type TrainingRow } from '../lib/compliance/model-train';

export const MODEL_CLASSES = ['ok', ...RULE_CATEGORIES] as const;
export const MODEL_FILE = fileURLToPath(new URL('../lib/compliance/model.json', import.meta.url));

export const SEALED_DIR = join(EVAL_DIR, 'sealed');

/**
 * Texts of the held-out splits (the fresh one and the sealed ones). A few of their lines are word for
 * word lines of the tuned set (writers meet on short stock phrases); the model is not trained on those,
 * so it has seen no held-out line.
 */
export function heldOutTexts(): Set<string> {
  return new Set([...loadRows(FRESH_DIR), ...(existsSync(SEALED_DIR) ? loadRows(SEALED_DIR) : [])].map((r) => modelInput(r.text, r.history)));
}

/** A labelled row as the model learns it: its first expected category, or ok; verdict-only rows are left out. */
export function trainingRows(rows: readonly EvalRow[] = loadRows(EVAL_DIR), held: ReadonlySet<string> = heldOutTexts()): TrainingRow[] {
  const out: TrainingRow[] = [];
  for (const r of rows) {
    if (held.has(modelInput(r.text, r.history))) continue;
    const label = r.expected === 'ok' ? 'ok' : Array.isArray(r.expected) ? r.expected[0]! : null;
    if (!label) continue;
    out.push({ text: modelInput(r.text, r.history), label, weight: label === 'ok' ? 3 : 1 });
  }
  return out;
}

export function fingerprint(rows: readonly TrainingRow[]): string {
  const h = createHash('sha256');
  h.update(`trainer ${TRAINER_VERSION}\n`);
  for (const r of rows) h.update(`${r.label}\t${r.weight}\t${r.text}\n`);
  return h.digest('hex').slice(0, 16);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  const rows = trainingRows();
  const model = train(rows, MODEL_CLASSES);
  model.fingerprint = fingerprint(rows);
  writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
  const weights = Buffer.from(model.weights, 'base64').length;
  const buckets = Buffer.from(model.masks, 'base64').length / 2;
  console.log(`lib/compliance/model.json: ${rows.length} rows, ${buckets} buckets, ${weights} weights, ${(JSON.stringify(model).length / 1024).toFixed(1)} KB, fingerprint ${model.fingerprint}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
