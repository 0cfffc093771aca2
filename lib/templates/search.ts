import { fold, isLatin, keysAreFresh, normalizeQuery } from './keys';
import type { Template } from './model';

/**
 * Content-script search over templates. Imports NO pinyin library: it matches the typed query
 * against the keys `index-build.ts` stored with each template (see `SearchKeys`).
 *
 * What matches, best first (score tiers in {@link SCORE}):
 * 1. the shortcut, exactly, then as a prefix (`tuihuo`, `tuih`);
 * 2. the title: literally (hanzi or latin) at its start, then anywhere;
 * 3. the title by pinyin, per character: each character may be typed as its whole syllable, as a
 *    prefix of it (initials `th`, `shq`) or as itself (mixed `tui货`, `退h`); every reading of a
 *    polyphonic character counts; spaces and apostrophes in the query are ignored (`tui huo`);
 *    a match starting at the title's first character ranks above one further in;
 * 4. the body: literally, then (queries of two or more latin letters) by full pinyin starting at a
 *    syllable boundary (`fahuo` finds 已经发货了).
 * Ties: higher usage count first, then input order (pass templates in display order).
 *
 * Scope: a template with a `platform` (or `shop`) is offered only when the search names that platform
 * (shop); templates without scope are offered everywhere. A search that names no platform (the
 * options page) sees every template.
 */

/** The fields search and suggestions read (a stored {@link Template} satisfies it). */
export type SearchableTemplate = Pick<
  Template,
  'id' | 'title' | 'body' | 'group' | 'shortcut' | 'platform' | 'shop' | 'tags' | 'usageCount' | 'search'
>;

export const SCORE = {
  shortcutExact: 1000,
  shortcutPrefix: 900,
  titlePrefix: 800,
  titleSubstring: 700,
  titlePinyinStart: 650,
  titlePinyin: 600,
  body: 300,
  bodyPinyin: 200,
} as const;

/** One template prepared for matching (built once per index, reused on every keystroke). */
export interface IndexEntry<T extends SearchableTemplate = SearchableTemplate> {
  template: T;
  /** Position in the input array (final tie-break). */
  index: number;
  shortcut: string;
  title: string;
  body: string;
  /** Folded title, one string per code point. */
  chars: string[];
  /** Readings per code point; null = skippable (space, punctuation); [] = literal only. */
  readings: (string[] | null)[];
  /** Bit i set when some reading (or latin character) of the title starts with letter a+i. */
  mask: number;
  /** Stored body pinyin (capitals mark syllable starts) and its lower-cased copy. */
  bodyKey: string;
  bodyPinyin: string;
  tags: ReadonlySet<string>;
  /** Stored keys missing or built from another text: only literal matching for this one. */
  stale: boolean;
}

export interface SearchIndex<T extends SearchableTemplate = SearchableTemplate> {
  entries: IndexEntry<T>[];
  /** Ids whose search keys are missing or stale (rebuild them with `ensureSearchKeys`). */
  stale: string[];
}

export interface SearchOptions {
  /** The workbench's platform; templates scoped to another platform are left out. */
  platform?: string;
  /** The current shop; templates scoped to another shop are left out. */
  shop?: string;
  /** Only this group. */
  group?: string;
  /** At most this many hits (default 20). */
  limit?: number;
}

export type MatchField = 'shortcut' | 'title' | 'body' | 'none';

export interface SearchHit<T extends SearchableTemplate = SearchableTemplate> {
  template: T;
  score: number;
  field: MatchField;
  how: 'exact' | 'prefix' | 'substring' | 'pinyin' | 'all';
  /** Matched range in the field's text, UTF-16 offsets [start, end) (for highlighting). */
  highlight?: [number, number];
}

const bit = (ch: string): number => (isLatin(ch) ? 1 << (ch.charCodeAt(0) - 97) : 0);
const LITERAL_WORD = /^[a-z0-9]$/;
const TOKEN = /[{｛][^{}｛｝\n]{1,30}[}｝]/g;
const SKIP = /\s|\p{P}|\p{S}/u;

function prepare<T extends SearchableTemplate>(t: T, index: number): IndexEntry<T> {
  const title = fold(t.title);
  const chars = Array.from(title);
  const keys = keysAreFresh(t.search, t.title, t.body) ? t.search : undefined;
  const stored = keys?.syllables;
  let mask = 0;
  const readings: (string[] | null)[] = new Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    let r: string[] | null;
    if (stored) {
      const s = stored[i] ?? '';
      r = s ? (s.includes('|') ? s.split('|') : [s]) : LITERAL_WORD.test(ch) ? [ch] : null;
    } else r = LITERAL_WORD.test(ch) ? [ch] : SKIP.test(ch) ? null : [];
    if (r) for (const x of r) mask |= bit(x.charAt(0));
    readings[i] = r;
  }
  const bodyKey = keys?.body ?? '';
  const body = fold(t.body);
  return {
    template: t,
    index,
    shortcut: t.shortcut ? fold(t.shortcut) : '',
    title,
    // Variable tokens are blanked (same length, so offsets stay true): `买家` must not find every {买家昵称}.
    body: body.includes('{') ? body.replace(TOKEN, (m) => '\0'.repeat(m.length)) : body,
    chars,
    readings,
    mask,
    bodyKey,
    bodyPinyin: bodyKey.toLowerCase(),
    tags: new Set(t.tags ?? []),
    stale: !keys,
  };
}

/** Prepare templates for searching (in the content script; no pinyin computed here). */
export function createSearchIndex<T extends SearchableTemplate>(templates: readonly T[]): SearchIndex<T> {
  const entries = templates.map((t, i) => prepare(t, i));
  return { entries, stale: entries.filter((e) => e.stale).map((e) => e.template.id) };
}

// --- title pinyin matcher ------------------------------------------------------------------------

/** Failure memo over (query position, title position), reset per entry by bumping `gen`. */
let memo = new Uint32Array(4096);
let gen = 0;
// State of the current match (module-level so that no closure is allocated per template).
let mq: string[] = [];
let mLatin: boolean[] = [];
let mChars: string[] = [];
let mReadings: (string[] | null)[] = [];
let mWidth = 0;

function dfs(qi: number, ci: number): number {
  const qn = mq.length;
  if (qi === qn) return ci;
  if (ci >= mChars.length) return -1;
  const key = qi * mWidth + ci;
  if (memo[key] === gen) return -1;
  memo[key] = gen;
  const qc = mq[qi]!;
  if (qc === mChars[ci]) {
    const end = dfs(qi + 1, ci + 1);
    if (end >= 0) return end;
  }
  const r = mReadings[ci] as string[] | null;
  if (r === null) return dfs(qi, ci + 1);
  if (!mLatin[qi]) return -1;
  for (let j = 0; j < r.length; j++) {
    const s = r[j]!;
    let k = 0;
    while (k < s.length && qi + k < qn && mq[qi + k] === s[k]) k++;
    if (k === 0) continue;
    if (qi + k === qn) return ci + 1;
    for (let m = k; m >= 1; m--) {
      const end = dfs(qi + m, ci + 1);
      if (end >= 0) return end;
    }
  }
  return -1;
}

function startsWithLetter(r: string[], code: number): boolean {
  for (let j = 0; j < r.length; j++) if (r[j]!.charCodeAt(0) === code) return true;
  return false;
}

function matchTitlePinyin(e: IndexEntry, q: string[], qLatin: boolean[]): [number, number] | null {
  const n = e.chars.length;
  mWidth = n + 1;
  if ((q.length + 1) * mWidth > memo.length) memo = new Uint32Array((q.length + 1) * mWidth * 2);
  gen++;
  if (gen === 0xffffffff) (memo.fill(0), (gen = 1));
  mq = q;
  mLatin = qLatin;
  mChars = e.chars;
  mReadings = e.readings;
  const first = q[0]!;
  const firstCode = qLatin[0] ? first.charCodeAt(0) : -1;
  for (let ci = 0; ci < n; ci++) {
    const r = e.readings[ci] as string[] | null;
    if (r === null) continue;
    if (e.chars[ci] !== first && !(firstCode >= 0 && startsWithLetter(r, firstCode))) continue;
    const end = dfs(0, ci);
    if (end >= 0) return [ci, end];
  }
  return null;
}

/** A syllable-start hit of an all-latin query in the body pinyin, or -1. */
function bodyPinyinAt(e: IndexEntry, q: string): number {
  const p = e.bodyPinyin;
  let at = p.indexOf(q);
  while (at >= 0) {
    if (e.bodyKey.charCodeAt(at) < 97) return at; // capital or digit: a syllable starts here
    at = p.indexOf(q, at + 1);
  }
  return -1;
}

const firstReal = (e: IndexEntry): number => e.readings.findIndex((r) => r !== null);

const utf16 = (chars: string[], cp: number): number => {
  let n = 0;
  for (let i = 0; i < cp; i++) n += chars[i]!.length;
  return n;
};

function inScope(t: SearchableTemplate, o: SearchOptions): boolean {
  if (o.platform !== undefined && t.platform !== undefined && t.platform !== o.platform) return false;
  if (o.shop !== undefined && t.shop !== undefined && t.shop !== o.shop) return false;
  if (o.group !== undefined && t.group !== o.group) return false;
  return true;
}

const byRank = (a: { score: number; e: IndexEntry }, b: { score: number; e: IndexEntry }): number =>
  b.score - a.score ||
  b.e.template.usageCount - a.e.template.usageCount ||
  a.e.index - b.e.index;

/** Search as the agent types. An empty query lists the templates in scope by usage. */
export function search<T extends SearchableTemplate>(
  index: SearchIndex<T>,
  query: string,
  options: SearchOptions = {},
): SearchHit<T>[] {
  const limit = options.limit ?? 20;
  const q = normalizeQuery(query);
  type Cand = { score: number; e: IndexEntry<T>; field: MatchField; how: SearchHit['how']; range?: [number, number]; cp?: boolean };
  const found: Cand[] = [];

  if (!q) {
    for (const e of index.entries) if (inScope(e.template, options)) found.push({ score: 0, e, field: 'none', how: 'all' });
    found.sort(byRank);
    return found.slice(0, limit).map((c) => ({ template: c.e.template, score: 0, field: 'none', how: 'all' }));
  }

  const qc = Array.from(q);
  const qLatin = qc.map(isLatin);
  const anyLatin = qLatin.some(Boolean);
  const allLatin = qLatin.every(Boolean);
  const firstBit = qLatin[0] ? bit(qc[0]!) : 0;

  for (const e of index.entries) {
    if (!inScope(e.template, options)) continue;
    let best: Cand | undefined;
    if (e.shortcut) {
      if (e.shortcut === q) best = { score: SCORE.shortcutExact, e, field: 'shortcut', how: 'exact', range: [0, q.length] };
      else if (e.shortcut.startsWith(q)) best = { score: SCORE.shortcutPrefix, e, field: 'shortcut', how: 'prefix', range: [0, q.length] };
    }
    if (!best) {
      const at = e.title.indexOf(q);
      if (at === 0) best = { score: SCORE.titlePrefix, e, field: 'title', how: 'prefix', range: [0, q.length] };
      else if (at > 0) best = { score: SCORE.titleSubstring, e, field: 'title', how: 'substring', range: [at, at + q.length] };
      else if (anyLatin && (firstBit ? e.mask & firstBit : e.title.includes(qc[0]!))) {
        const m = matchTitlePinyin(e, qc, qLatin);
        if (m) {
          const score = m[0] === firstReal(e) ? SCORE.titlePinyinStart : SCORE.titlePinyin;
          best = { score, e, field: 'title', how: 'pinyin', range: m, cp: true };
        }
      }
    }
    if (!best) {
      const at = e.body.indexOf(q);
      if (at >= 0) best = { score: SCORE.body, e, field: 'body', how: 'substring', range: [at, at + q.length] };
      else if (allLatin && q.length >= 2 && e.bodyPinyin && bodyPinyinAt(e, q) >= 0)
        best = { score: SCORE.bodyPinyin, e, field: 'body', how: 'pinyin' };
    }
    if (best) found.push(best);
  }

  found.sort(byRank);
  return found.slice(0, limit).map((c) => {
    const hit: SearchHit<T> = { template: c.e.template, score: c.score, field: c.field, how: c.how };
    if (c.range) hit.highlight = c.cp ? [utf16(c.e.chars, c.range[0]), utf16(c.e.chars, c.range[1])] : c.range;
    return hit;
  });
}
