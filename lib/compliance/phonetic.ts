/**
 * The phonetic view: what a message sounds like. Built from the squashed view, it folds
 *   - every character whose reading is a syllable of the phonetic patterns (homophones.json, generated
 *     from pinyin-pro) to one code per syllable, so 微 / 威 / 薇 / 维 all read "wei";
 *   - every run of latin letters that spells pinyin (weixin, wēi xìn once the tone marks are folded,
 *     zhi fu bao) to the same syllable codes, syllable by syllable;
 *   - a tone typed as a digit right after a syllable (wei1 xin4) is dropped into the syllable;
 *   - every run of five or more spoken digits (yao san ba …, 两, 拐, 洞, 勾 among digits) to ASCII digits,
 *     so the number detectors read it as a number.
 * Syllable codes live in the private-use area (U+E000 + syllable index), where no typed text is.
 * Each unit keeps the original span of what it was built from, so a hit highlights what was typed.
 */
import table from './lexicon/homophones.json';
import type { View } from './views';

const PUA = 0xe000;
const SYLLABLES = table.syllables.split(' ');
const SYLLABLE_CODE = new Map(SYLLABLES.map((s, i) => [s, PUA + i]));
const MAX_SYLLABLE = Math.max(...SYLLABLES.map((s) => s.length));
/** Syllable code per character (0: not folded). */
const PHON = new Uint16Array(0x10000);
for (const [syllable, chars] of Object.entries(table.chars as Record<string, string>)) {
  const code = SYLLABLE_CODE.get(syllable);
  if (code === undefined) continue;
  for (let i = 0; i < chars.length; i++) PHON[chars.charCodeAt(i)] = code;
}
// 不 turns a sentence around and is read as typed, never by sound: 部 sounds like it, and 全部走平台 is
// not 不走平台.
PHON['不'.charCodeAt(0)] = 0;
const NOT = '不'.charCodeAt(0);
const BU = SYLLABLE_CODE.get('bu') ?? -1;

/** Digits as they are read aloud (幺 for 1 and 两 for 2 on the phone, 拐 7, 洞 0, 勾 9 in radio talk). */
const SPOKEN_DIGITS: Record<string, number> = {
  ling: 0, dong: 0, yi: 1, yao: 1, er: 2, liang: 2, san: 3, si: 4, wu: 5, liu: 6, qi: 7, guai: 7, ba: 8, jiu: 9, gou: 9,
};
const DIGIT_OF_CODE = new Map<number, number>();
for (const [s, d] of Object.entries(SPOKEN_DIGITS)) {
  const code = SYLLABLE_CODE.get(s);
  if (code !== undefined) DIGIT_OF_CODE.set(code, d);
}
/** Is the code a syllable the view folded something to (not a character or a letter left as typed)? */
export const isSyllableCode = (code: number): boolean => code >= PUA && code < PUA + SYLLABLES.length;
/** Is the syllable code one of a digit read out (wu, yi, ba …)? */
export const isDigitSyllable = (code: number): boolean => DIGIT_OF_CODE.has(code);

/** Characters that stand for a digit only among other digits (两个 is two items, 拐弯 a turn). */
const DIGIT_CHARS = new Map([...'两俩拐洞勾'].map((c, i) => [c.charCodeAt(0), [2, 2, 7, 0, 9][i]!]));
/** Shortest run of spoken digits read as a number (a QQ number has five or more). */
const MIN_DIGIT_RUN = 5;
/** Longest latin run segmented into syllables (longer runs are not pinyin anyone types). */
const MAX_LATIN_RUN = 64;

/** Mark (in PhoneticView.latin) of a digit that was spoken (yao, 两, 拐 …) and is now ASCII. */
export const SPOKEN = 2;

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The phonetic key of a reading given as syllables ("yin hang ka"); '' if one is not a syllable. */
export function syllablesKey(reading: string): string {
  let out = '';
  for (const s of reading.split(' ')) {
    const code = SYLLABLE_CODE.get(s);
    if (code === undefined) return '';
    out += String.fromCharCode(code);
  }
  return out;
}

/**
 * The phonetic key of a word of characters read one by one as typed, numerals included (扫一下 is
 * sao yi xia, 二维码 er wei ma: the squashed view reads 一 and 二 as digits); '' if one has no syllable.
 */
export function charsKey(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const p = PHON[word.charCodeAt(i)]!;
    if (p === 0) return '';
    out += String.fromCharCode(p);
  }
  return out;
}

/** Syllable code of a folded character (the character itself when it is not folded). */
export function phoneticCode(c: number): number {
  const p = PHON[c]!;
  return p !== 0 ? p : c;
}

/** A squashed word (a lexicon pattern) as the phonetic view reads it. */
export function phoneticKey(squashed: string): string {
  let out = '';
  for (let i = 0; i < squashed.length; i++) out += String.fromCharCode(phoneticCode(squashed.charCodeAt(i)));
  return out;
}

/** Does the string hold a character the phonetic view folds? */
export function hasPhonetic(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (PHON[s.charCodeAt(i)] !== 0) return true;
  return false;
}

export interface PhoneticView extends View {
  /** 1 where the unit came from latin letters (pinyin typed out), 2 where it is a spoken digit, else 0. */
  latin: Uint8Array;
}

function alloc(capacity: number): PhoneticView {
  return {
    codes: new Uint16Array(capacity),
    length: 0,
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    latin: new Uint8Array(capacity),
  };
}

// Segmentation scratch (one message at a time).
const cost = new Int32Array(MAX_LATIN_RUN + 1);
const back = new Int32Array(MAX_LATIN_RUN + 1);
const backCode = new Int32Array(MAX_LATIN_RUN + 1);
const cuts: number[] = [];

/** Cost of a letter left as it is in a run read as pinyin around it (pdd in wo shi pdd guan fang). */
const RAW = 25;
/** Most letters left as they are in one run (a platform's or a channel's abbreviation: pdd, qq, vx). */
const MAX_RAW = 4;

/**
 * Split the letters codes[i, j) into pinyin syllables: fewest syllables, then most digit syllables.
 * Fills `cuts` with [end, code] pairs and returns true, or false when the run is not pinyin. With
 * `mixed`, a few letters may stay as they are (a negative code in `cuts`: wo shi + pdd + guan fang de
 * ren, qq + hao), when at most MAX_RAW of them do and the pinyin around them has three syllables or more.
 */
function segment(codes: Uint16Array, i: number, j: number, from?: Int32Array, to?: Int32Array, mixed = false): boolean {
  const n = j - i;
  if (n > MAX_LATIN_RUN) return false;
  cost[0] = 0;
  for (let k = 1; k <= n; k++) {
    cost[k] = 0x7fffffff;
    for (let len = 1; len <= MAX_SYLLABLE && len <= k; len++) {
      if (cost[k - len] === 0x7fffffff) continue;
      const s = String.fromCharCode.apply(null, codes.subarray(i + k - len, i + k) as unknown as number[]);
      const code = SYLLABLE_CODE.get(s);
      if (code === undefined) continue;
      // A syllable across a space the agent typed (ni nao, not nin ao) is the worse reading.
      const across = from && to ? spansGap(from, to, i + k - len, i + k) : false;
      const c = cost[k - len]! + 10 - (DIGIT_OF_CODE.has(code) ? 1 : 0) + (across ? 5 : 0);
      if (c < cost[k]!) {
        cost[k] = c;
        back[k] = k - len;
        backCode[k] = code;
      }
    }
    if (mixed && cost[k - 1] !== 0x7fffffff && cost[k - 1]! + RAW < cost[k]!) {
      cost[k] = cost[k - 1]! + RAW;
      back[k] = k - 1;
      backCode[k] = -codes[i + k - 1]!;
    }
  }
  if (cost[n] === 0x7fffffff) return false;
  if (mixed) {
    let raw = 0;
    let syllables = 0;
    for (let k = n; k > 0; k = back[k]!) {
      if (backCode[k]! < 0) raw++;
      else syllables++;
    }
    if (raw > MAX_RAW || syllables < 3) return false;
  }
  cuts.length = 0;
  for (let k = n; k > 0; k = back[k]!) cuts.push(i + k, backCode[k]!);
  return true;
}

/** Do the letters codes[i, j) spell pinyin, syllable by syllable (zhifukeyide)? */
export function spellsPinyin(codes: Uint16Array, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (!isLower(codes[k]!)) return false;
  return j > i && segment(codes, i, j);
}

/** A CJK ideograph (the view's characters are at most U+FFFF). */
const isHan = (c: number) => c >= 0x3400 && c <= 0x9fff;

/** A two-letter syllable written into a word of characters (去si吧, 白ci): pinyin standing for one character. */
const nextToHan = (codes: Uint16Array, i: number, j: number, length: number) => (i > 0 && isHan(codes[i - 1]!)) || (j < length && isHan(codes[j]!));

/** Is there a gap in the typed text (a space, a separator) inside the letters [a, b) of the view? */
function spansGap(from: Int32Array, to: Int32Array, a: number, b: number): boolean {
  for (let x = a; x + 1 < b; x++) if (to[x] !== from[x + 1]) return true;
  return false;
}

let scratch = alloc(1024);
const digits = new Int8Array(4096);

function push(v: PhoneticView, code: number, from: number, to: number, latin: number): void {
  const n = v.length;
  if (n === v.codes.length) {
    const next = alloc(n * 2 + 8);
    next.codes.set(v.codes);
    next.from.set(v.from);
    next.to.set(v.to);
    next.latin.set(v.latin);
    Object.assign(v, next, { length: n });
  }
  v.codes[n] = code;
  v.from[n] = from;
  v.to[n] = to;
  v.latin[n] = latin;
  v.length = n + 1;
}

/**
 * The phonetic view of a squashed view, or null when it reads exactly like the squashed view (nothing
 * folded): the caller then has nothing more to look at. The returned view is reused by the next call.
 */
export function phoneticView(sq: View): PhoneticView | null {
  const { codes, length, from, to } = sq;
  if (scratch.codes.length < length + 8) scratch = alloc(length * 2 + 8);
  const v = scratch;
  v.length = 0;
  let changed = false;
  let digitish = 0;
  const digitAt = length + 8 <= digits.length ? digits : new Int8Array(length + 8);
  for (let i = 0; i < length; ) {
    const c = codes[i]!;
    if (isLower(c)) {
      let j = i + 1;
      while (j < length && isLower(codes[j]!)) j++;
      // The run, or failing that all but its first two letters, spelled in pinyin (qqhao: qq, then hao).
      // The run spelled in pinyin, or failing that with a few letters left as they are (qq hao, wo shi pdd guan fang).
      // Or all but its first one or two letters (qqhao: qq, then hao).
      let s = i;
      let spelled = segment(codes, i, j, from, to) || segment(codes, i, j, from, to, true);
      while (!spelled && s < j - 3 && s < i + 2) spelled = segment(codes, ++s, j, from, to);
      if (j - s >= 2 && spelled && (cuts.length >= 4 || j - s >= 3 || (s === i && nextToHan(codes, i, j, length)))) {
        changed = true;
        for (let k = i; k < s; k++) {
          digitAt[v.length] = -1;
          push(v, codes[k]!, from[k]!, to[k]!, 0);
        }
        let start = s;
        for (let k = cuts.length - 2; k >= 0; k -= 2) {
          const end = cuts[k]!;
          const code = cuts[k + 1]!;
          if (code < 0) {
            digitAt[v.length] = -1;
            push(v, -code, from[start]!, to[end - 1]!, 0);
            start = end;
            continue;
          }
          const d = DIGIT_OF_CODE.get(code);
          digitAt[v.length] = d ?? -1;
          if (d !== undefined) digitish++;
          // bu typed out is 不 itself (bu yong ti gong: 不用提供), which the view never reads by sound.
          push(v, code === BU ? NOT : code, from[start]!, to[end - 1]!, 1);
          start = end;
        }
        // A tone typed as a digit after the syllable (wei1 xin4): part of it, not a digit of a number.
        if (j < length && codes[j]! >= 0x31 && codes[j]! <= 0x35 && !(j + 1 < length && isDigit(codes[j + 1]!))) {
          v.to[v.length - 1] = to[j]!;
          j++;
        }
      } else {
        for (let k = i; k < j; k++) {
          digitAt[v.length] = -1;
          push(v, codes[k]!, from[k]!, to[k]!, 0);
        }
      }
      i = j;
      continue;
    }
    const spoken = DIGIT_CHARS.get(c);
    if (spoken !== undefined) digitish++;
    digitAt[v.length] = isDigit(c) ? c - 0x30 : (spoken ?? -1);
    const p = PHON[c]!;
    if (p !== 0) changed = true;
    push(v, p !== 0 ? p : c, from[i]!, to[i]!, 0);
    i++;
  }
  if (digitish > 0) changed = spokenNumbers(v, digitAt) || changed;
  return changed ? v : null;
}

/** A comma between groups of a number read out (150，0000，8888). */
export const isGroupBreak = (c: number) => c === 0x2c || c === 0x3001;

/** Runs of at least MIN_DIGIT_RUN digits, spoken ones among them, become ASCII digits. */
function spokenNumbers(v: PhoneticView, digitAt: Int8Array): boolean {
  let changed = false;
  for (let i = 0; i < v.length; ) {
    if (digitAt[i]! < 0) {
      i++;
      continue;
    }
    // A run, continued over single commas between groups (yao wu ba, ling ling ling ling, …).
    let j = i;
    let digits = 0;
    let spoken = false;
    for (;;) {
      while (j < v.length && digitAt[j]! >= 0) {
        if (!isDigit(v.codes[j]!)) spoken = true;
        j++;
        digits++;
      }
      if (j + 1 < v.length && isGroupBreak(v.codes[j]!) && digitAt[j + 1]! >= 0) j++;
      else break;
    }
    if (spoken && digits >= MIN_DIGIT_RUN) {
      for (let k = i; k < j; k++) {
        if (digitAt[k]! < 0) continue;
        v.codes[k] = 0x30 + digitAt[k]!;
        v.latin[k] = SPOKEN;
      }
      changed = true;
    }
    i = j;
  }
  return changed;
}
