/**
 * The learned reader: a linear model over the character n-grams of a message's squashed view (and of
 * its phonetic view, so 薇信 and 威信 share features), trained on the labelled set
 * (lib/compliance/eval/*.jsonl, never the fresh or sealed splits) by `npm run gen:model`.
 *
 * Why: the word lists and the structural detectors catch what they were written for, and new wordings
 * of the same thing slip by (first-sight recall of each new labelled round was about 70 % for short
 * plain lines). A model over n-grams carries what thousands of labelled lines have in common to
 * wordings nobody listed. It only adds findings, when it is confident; it never clears one the rules
 * made, so a rule that holds a message still holds it.
 *
 * Features: every 1- to 4-gram of the squashed view and every 1- to 3-gram of the phonetic view, with
 * start and end markers, hashed (FNV-1a) to 2^18 buckets. The weights are sparse (L1-regularised,
 * about 15,000 non-zero of 3.4 million, about 33 KB gzipped) and stored as int8 with one scale: see model.json.
 */
import { phoneticCode } from './phonetic';

export const MODEL_BITS = 18;
const MASK = (1 << MODEL_BITS) - 1;
const MAX_N = 4;
const MAX_N_PHONETIC = 3;
const START = 2;
const END = 3;
const FNV_PRIME = 16777619;
const SEED_TEXT = 2166136261;
const SEED_PHONETIC = 0x2c1b3c6d;

/**
 * Every digit reads as 0: the model learns the shape of a number (how long, what stands around it),
 * not its digits. The labelled set's phones are all 1xx0000xxxx; a model that read digits would learn
 * "0000" as a contact and flag any order number that holds it. Numbers themselves are the rules' job.
 */
const unitOf = (c: number): number => (c >= 0x31 && c <= 0x39 ? 0x30 : c);

/**
 * Call sink(bucket, start, end) for every n-gram of units [0, length): start and end are view units
 * (the start marker is at -1, the end marker at length). The same bucket may come more than once.
 */
export function forEachFeature(codes: ArrayLike<number>, length: number, sink: (bucket: number, start: number, end: number) => void): void {
  grams(codes, length, MAX_N, SEED_TEXT, sink, false);
  let sounds = false;
  for (let i = 0; i < length && !sounds; i++) sounds = phoneticCode(unitOf(codes[i]!)) !== unitOf(codes[i]!);
  if (sounds) grams(codes, length, MAX_N_PHONETIC, SEED_PHONETIC, sink, true);
}

function grams(codes: ArrayLike<number>, length: number, maxN: number, seed: number, sink: (bucket: number, start: number, end: number) => void, phonetic: boolean): void {
  // Padded positions -1 … length: the markers, then the units.
  const unit = (p: number) => (p < 0 ? START : p >= length ? END : phonetic ? phoneticCode(unitOf(codes[p]!)) : unitOf(codes[p]!));
  for (let i = -1; i <= length; i++) {
    let h = seed;
    for (let n = 1; n <= maxN && i + n - 1 <= length; n++) {
      h = Math.imul(h ^ unit(i + n - 1), FNV_PRIME);
      sink((h >>> 0) & MASK, i, i + n);
    }
  }
}

/** The model as model.json stores it. */
export interface ModelData {
  version: 1;
  bits: number;
  /** Class names: "ok" and the rule categories, in weight order. */
  classes: string[];
  /** Weight = int8 × scale. */
  scale: number;
  /** Base64: the buckets that have weights, ascending, as LEB128 deltas. */
  buckets: string;
  /** Base64: per bucket, a 16-bit little-endian mask of the classes it has weights for. */
  masks: string;
  /** Base64: int8 weights, by bucket then class. */
  weights: string;
  /** Of the training rows and the trainer: a unit test says when the model is due to be trained again. */
  fingerprint: string;
  /** Rows it was trained on (information). */
  rows: number;
}

export interface Scored {
  /** The most likely class ("ok" or a category). */
  best: string;
  /** Its probability. */
  p: number;
  /** Probability of "ok". */
  pOk: number;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class Model {
  readonly classes: readonly string[];
  private readonly scale: number;
  /** Open addressing: bucket + 1 per slot (0 = empty), and the row of that bucket. */
  private readonly slots: Int32Array;
  private readonly slotRow: Int32Array;
  private readonly rowStart: Int32Array;
  private readonly cls: Uint8Array;
  private readonly w: Int8Array;
  private readonly seen: Uint32Array;
  private stamp = 0;
  private readonly logits: Float64Array;

  constructor(data: ModelData) {
    if (data.version !== 1 || data.bits !== MODEL_BITS) throw new Error(`model.json: version ${data.version}, ${data.bits} bits; this code reads version 1, ${MODEL_BITS} bits`);
    this.classes = data.classes;
    this.scale = data.scale;
    const deltas = fromBase64(data.buckets);
    const masks = fromBase64(data.masks);
    this.w = new Int8Array(fromBase64(data.weights).buffer);
    const rows = masks.length / 2;
    let size = 1;
    while (size < rows * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.slotRow = new Int32Array(size);
    this.rowStart = new Int32Array(rows + 1);
    this.cls = new Uint8Array(this.w.length);
    let bucket = 0;
    let at = 0;
    let k = 0;
    for (let row = 0; row < rows; row++) {
      let d = 0;
      let shift = 0;
      for (;;) {
        const b = deltas[at++]!;
        d |= (b & 0x7f) << shift;
        if (b < 0x80) break;
        shift += 7;
      }
      bucket += d;
      let slot = hashSlot(bucket, size);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.slots[slot] = bucket + 1;
      this.slotRow[slot] = row;
      this.rowStart[row] = k;
      const mask = masks[row * 2]! | (masks[row * 2 + 1]! << 8);
      for (let c = 0; c < this.classes.length; c++) if (mask & (1 << c)) this.cls[k++] = c;
    }
    this.rowStart[rows] = k;
    if (k !== this.w.length) throw new Error(`model.json: ${k} class entries for ${this.w.length} weights`);
    this.seen = new Uint32Array(rows);
    this.logits = new Float64Array(this.classes.length);
  }

  /** Row of a bucket, or -1. */
  private row(bucket: number): number {
    const size = this.slots.length;
    let slot = hashSlot(bucket, size);
    for (;;) {
      const s = this.slots[slot]!;
      if (s === 0) return -1;
      if (s === bucket + 1) return this.slotRow[slot]!;
      slot = (slot + 1) & (size - 1);
    }
  }

  /** Padded units of the message being scored (the markers, then the units). */
  private units = new Int32Array(256);

  /**
   * Class probabilities of a view's units [0, length). The same n-grams as forEachFeature (a test
   * holds the two to the same sums), walked inline: this runs on every keystroke's check.
   */
  score(codes: ArrayLike<number>, length: number): Scored {
    const logits = this.logits;
    logits.fill(0);
    const L = length + 2;
    if (this.units.length < L) this.units = new Int32Array(L * 2);
    const u = this.units;
    u[0] = START;
    let sounds = false;
    for (let i = 0; i < length; i++) {
      const c = unitOf(codes[i]!);
      u[i + 1] = c;
      if (!sounds && phoneticCode(c) !== c) sounds = true;
    }
    u[L - 1] = END;
    this.accumulate(u, L, MAX_N, SEED_TEXT, this.nextStamp());
    if (sounds) {
      for (let i = 1; i < L - 1; i++) u[i] = phoneticCode(u[i]!);
      this.accumulate(u, L, MAX_N_PHONETIC, SEED_PHONETIC, this.stamp);
    }
    let best = 0;
    for (let c = 1; c < logits.length; c++) if (logits[c]! > logits[best]!) best = c;
    let sum = 0;
    const top = logits[best]! * this.scale;
    for (let c = 0; c < logits.length; c++) sum += Math.exp(logits[c]! * this.scale - top);
    return { best: this.classes[best]!, p: 1 / sum, pOk: Math.exp(logits[0]! * this.scale - top) / sum };
  }

  private accumulate(u: Int32Array, L: number, maxN: number, seed: number, stamp: number): void {
    const { slots, slotRow, rowStart, cls, w, seen, logits } = this;
    const size1 = slots.length - 1;
    for (let i = 0; i < L; i++) {
      let h = seed;
      const last = Math.min(L, i + maxN);
      for (let j = i; j < last; j++) {
        h = Math.imul(h ^ u[j]!, FNV_PRIME);
        const bucket = (h >>> 0) & MASK;
        let slot = hashSlot(bucket, size1 + 1);
        let row = -1;
        for (;;) {
          const sv = slots[slot]!;
          if (sv === 0) break;
          if (sv === bucket + 1) {
            row = slotRow[slot]!;
            break;
          }
          slot = (slot + 1) & size1;
        }
        if (row < 0 || seen[row] === stamp) continue;
        seen[row] = stamp;
        for (let k = rowStart[row]!; k < rowStart[row + 1]!; k++) {
          const c = cls[k]!;
          logits[c] = logits[c]! + w[k]!;
        }
      }
    }
  }

  /** Scores (before the scale) of a set of distinct buckets: the slow path, for tools and tests. */
  logitsOf(buckets: Iterable<number>): Float64Array {
    const out = new Float64Array(this.classes.length);
    for (const b of buckets) {
      const row = this.row(b);
      if (row < 0) continue;
      for (let k = this.rowStart[row]!; k < this.rowStart[row + 1]!; k++) out[this.cls[k]!] = out[this.cls[k]!]! + this.w[k]!;
    }
    return out;
  }

  /** The scale of the stored weights. */
  get weightScale(): number {
    return this.scale;
  }

  /**
   * What each unit of [0, length) adds to a class's score (once per distinct feature, as score()
   * counts it, spread over the units the n-gram covers): where the message reads as that class.
   */
  contributions(codes: ArrayLike<number>, length: number, className: string): Float64Array {
    const c = this.classes.indexOf(className);
    const out = new Float64Array(length);
    if (c < 0) return out;
    const stamp = this.nextStamp();
    forEachFeature(codes, length, (bucket, start, end) => {
      const row = this.row(bucket);
      if (row < 0 || this.seen[row] === stamp) return;
      this.seen[row] = stamp;
      for (let k = this.rowStart[row]!; k < this.rowStart[row + 1]!; k++) {
        if (this.cls[k] !== c) continue;
        // Against "ok": a feature that also says ok says less.
        const w = this.w[k]! - this.weightOf(row, 0);
        const from = Math.max(0, start);
        const to = Math.min(length, end);
        for (let i = from; i < to; i++) out[i] = out[i]! + w / Math.max(1, to - from);
      }
    });
    return out;
  }

  private weightOf(row: number, c: number): number {
    for (let k = this.rowStart[row]!; k < this.rowStart[row + 1]!; k++) if (this.cls[k] === c) return this.w[k]!;
    return 0;
  }

  private nextStamp(): number {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

function hashSlot(bucket: number, size: number): number {
  return (Math.imul(bucket, 0x9e3779b1) >>> 0) & (size - 1);
}

/**
 * The span a finding of `className` highlights, in view units: the run of units around the strongest
 * one whose contributions are positive, widened to whole n-grams by the run itself.
 */
export function strongestSpan(contrib: Float64Array): [number, number] | null {
  let at = -1;
  for (let i = 0; i < contrib.length; i++) if (contrib[i]! > 0 && (at < 0 || contrib[i]! > contrib[at]!)) at = i;
  if (at < 0) return null;
  let s = at;
  while (s > 0 && contrib[s - 1]! > 0) s--;
  let e = at + 1;
  while (e < contrib.length && contrib[e]! > 0) e++;
  return [s, e];
}

/** How many earlier messages, and how much of each, the model reads before the draft (as check() does). */
export const MODEL_HISTORY_MESSAGES = 3;
export const MODEL_HISTORY_CHARS = 200;

/** The text the model reads: the last few messages, then the draft, one per line. */
export function modelInput(draft: string, history?: readonly string[]): string {
  if (!history?.length) return draft;
  return `${history.slice(-MODEL_HISTORY_MESSAGES).map((m) => m.slice(-MODEL_HISTORY_CHARS)).join('\n')}\n${draft}`;
}
