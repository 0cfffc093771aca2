/**
 * Training of the learned reader (model.ts), for `npm run gen:model` and the tests; never bundled.
 *
 * Multinomial logistic regression trained by FTRL-proximal (per-coordinate learning rates, L1 for
 * sparse weights), six passes over the rows in a seeded order, so the same rows give the same model.
 * Negative rows (hard negatives and ordinary replies) weigh three times a violation: the check must not
 * get in the way of normal replies, and they are a third of the rows but most of what agents type.
 */
import { forEachFeature, MODEL_BITS, type ModelData } from './model';
import { squashedView } from './views';

export interface TrainingRow {
  /** What the model reads: the recent messages and the draft, one per line. */
  text: string;
  /** "ok" or a category. */
  label: string;
  /** Weight of the row's loss. */
  weight: number;
}

export interface TrainOptions {
  epochs?: number;
  /** FTRL: learning rate α, β, L1 and L2. */
  alpha?: number;
  beta?: number;
  l1?: number;
  l2?: number;
  seed?: number;
}

export const TRAINER_VERSION = 2;

/** Distinct buckets of a text's n-grams. */
export function featuresOf(text: string): Int32Array {
  const v = squashedView(text);
  const seen = new Set<number>();
  forEachFeature(v.codes, v.length, (b) => seen.add(b));
  return Int32Array.from(seen);
}

export function train(rows: readonly TrainingRow[], classes: readonly string[], options: TrainOptions = {}): ModelData {
  const { epochs = 6, alpha = 0.3, beta = 1, l1 = 8, l2 = 0.1 } = options;
  const K = classes.length;
  if (K > 16) throw new Error('at most 16 classes');
  const size = (1 << MODEL_BITS) * K;
  const Z = new Float32Array(size);
  const N = new Float32Array(size);
  const weight = (i: number) => {
    const z = Z[i]!;
    if (Math.abs(z) <= l1) return 0;
    return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(N[i]!)) / alpha + l2);
  };
  const data = rows.map((r) => {
    const y = classes.indexOf(r.label);
    if (y < 0) throw new Error(`unknown class ${r.label}`);
    return { x: featuresOf(r.text), y, w: r.weight };
  });
  let seed = options.seed ?? 20261203;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const z = new Float64Array(K);
  for (let e = 0; e < epochs; e++) {
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [data[i], data[j]] = [data[j]!, data[i]!];
    }
    for (const { x, y, w } of data) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (const f of x) s += weight(f * K + k);
        z[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k]! - max));
      for (let k = 0; k < K; k++) {
        const g = w * (z[k]! / sum - (k === y ? 1 : 0));
        if (Math.abs(g) < 1e-5) continue;
        for (const f of x) {
          const i = f * K + k;
          const n = N[i]!;
          const sigma = (Math.sqrt(n + g * g) - Math.sqrt(n)) / alpha;
          Z[i] = Z[i]! + g - sigma * weight(i);
          N[i] = n + g * g;
        }
      }
    }
  }
  return pack(weight, classes, rows.length);
}

/** Quantise to int8 with one scale and keep the buckets that have a weight. */
function pack(weight: (i: number) => number, classes: readonly string[], rowCount: number): ModelData {
  const K = classes.length;
  let max = 0;
  for (let i = 0; i < (1 << MODEL_BITS) * K; i++) max = Math.max(max, Math.abs(weight(i)));
  const scale = max / 127 || 1;
  const deltas: number[] = [];
  const masks: number[] = [];
  const weights: number[] = [];
  let last = 0;
  for (let b = 0; b < 1 << MODEL_BITS; b++) {
    let mask = 0;
    const ws: number[] = [];
    for (let k = 0; k < K; k++) {
      const q = Math.round(weight(b * K + k) / scale);
      if (q === 0) continue;
      mask |= 1 << k;
      ws.push(q & 0xff);
    }
    if (!mask) continue;
    let d = b - last;
    last = b;
    while (d >= 0x80) {
      deltas.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    deltas.push(d);
    masks.push(mask & 0xff, mask >>> 8);
    weights.push(...ws);
  }
  const b64 = (a: number[]) => Buffer.from(Uint8Array.from(a)).toString('base64');
  return { version: 1, bits: MODEL_BITS, classes: [...classes], scale, buckets: b64(deltas), masks: b64(masks), weights: b64(weights), fingerprint: '', rows: rowCount };
}
