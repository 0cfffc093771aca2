import { chatEvent, type ChatEvent } from './events';
import { storeNew, type KefuDb } from './db';

/**
 * Import of an events file (moving to a new computer): the JSON Lines format `npm run stats` reads,
 * validated line by line with the same rules and messages as the command, stored all or nothing.
 *
 * `parseEventLines` is the command's parser, free of Node: `scripts/stats.ts` may re-export it from
 * here (a test checks both give the same result on the same text).
 */

const KNOWN_TYPES: ReadonlySet<string> = new Set(chatEvent.options.map((o) => o.shape.type.value));

export interface ParsedEvents {
  events: ChatEvent[];
  /** `line N: unknown event type "x", skipped`. */
  warnings: string[];
  /** `line N: …` for each bad line. */
  errors: string[];
}

export interface SkippedLine {
  line: number;
  type: string;
}

export interface LineError {
  line: number;
  message: string;
}

interface LineResults {
  events: ChatEvent[];
  skipped: SkippedLine[];
  errors: LineError[];
}

const valueAt = (obj: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), obj);

function parseLines(text: string): LineResults {
  const events: ChatEvent[] = [];
  const skipped: SkippedLine[] = [];
  const errors: LineError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const n = index + 1;
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      errors.push({ line: n, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push({ line: n, message: 'expected a JSON object' });
      return;
    }
    const type = (raw as { type?: unknown }).type;
    if (type === undefined) {
      errors.push({ line: n, message: 'missing required field "type"' });
      return;
    }
    if (typeof type === 'string' && !KNOWN_TYPES.has(type)) {
      skipped.push({ line: n, type });
      return;
    }
    const parsed = chatEvent.safeParse(raw);
    if (parsed.success) {
      events.push(parsed.data);
      return;
    }
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      if (field && valueAt(raw, issue.path) === undefined) return `missing required field "${field}"`;
      return field ? `${field}: ${issue.message}` : issue.message;
    });
    errors.push({ line: n, message: problems.join('; ') });
  });
  return { events, skipped, errors };
}

const skipNote = (s: SkippedLine): string => `line ${s.line}: unknown event type "${s.type}", skipped`;

/** Events of a JSON Lines text, validated line by line against the contract's schema (as `npm run stats`). */
export function parseEventLines(text: string): ParsedEvents {
  const { events, skipped, errors } = parseLines(text);
  return {
    events,
    warnings: skipped.map(skipNote),
    errors: errors.map((e) => `line ${e.line}: ${e.message}`),
  };
}

export type ParseEventsResult =
  | {
      ok: true;
      events: ChatEvent[];
      /** Lines with an unknown `type`, skipped (as the stats command does, with a warning). */
      skippedUnknown: SkippedLine[];
      /** One note per skipped line, worded as the stats command's warning. */
      notes: string[];
    }
  | {
      ok: false;
      /** The first bad line (1-based) and what is wrong with it. */
      line: number;
      message: string;
      /** Bad lines, at most `MAX_LISTED_ERRORS` of them; `errorCount` is how many there are. */
      errors: LineError[];
      errorCount: number;
      /**
       * Set when the file as a whole cannot be read, before any line is: its encoding (`line` is where
       * the first character that is not UTF-8 is) or its size (`line` is 1).
       */
      problem?: 'encoding' | 'size';
    };

export const MAX_LISTED_ERRORS = 20;

/**
 * Most bytes of an events file imported at once. The popup holds the file, its text and every event
 * of it in memory and stores them in one transaction; 90 days of a busy shop (3,000 events a day, about
 * 170 bytes each) are some 46 MB.
 */
export const EVENTS_FILE_MAX_BYTES = 64 * 2 ** 20;

const NOT_UTF8 = 'the file is not UTF-8';
const SAVE_AS_UTF8 = 'save it as UTF-8';

function fileError(problem: 'encoding' | 'size', line: number, message: string): ParseEventsResult {
  return { ok: false, line, message, errors: [{ line, message }], errorCount: 1, problem };
}

function sizeError(bytes: number): ParseEventsResult | null {
  if (bytes <= EVENTS_FILE_MAX_BYTES) return null;
  const mb = (n: number) => (n / 2 ** 20).toFixed(1);
  return fileError('size', 1, `the file is ${mb(bytes)} MB; an import reads at most ${EVENTS_FILE_MAX_BYTES / 2 ** 20} MB: export fewer days at a time and import each file`);
}

/** UTF-8 size of a string (the popup may hand over `file.text()`). */
function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) n += 2;
    else if (c >= 0x80) n += 1; // two bytes, or a surrogate: four bytes a pair
  }
  return n;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → sequence length and the range of the second byte (no overlongs, no surrogates, ≤ U+10FFFF).
    let len = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** Bytes that are valid GBK (the "ANSI" encoding Windows saves Chinese text in)? */
function isGbk(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gbk', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false; // not GBK, or no GBK decoder here
  }
}

/**
 * The text of an events file given as bytes, or why it cannot be read. JSON text never holds a raw
 * NUL, so a NUL byte (or a UTF-16 byte-order mark) means UTF-16; other bytes that are not UTF-8 are
 * most often GBK, what Windows' Notepad and Excel save Chinese text in.
 */
function decode(bytes: Uint8Array): string | ParseEventsResult {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0);
  if (utf16) return fileError('encoding', 1, `${NOT_UTF8} (looks like UTF-16); ${SAVE_AS_UTF8}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: find where, to name the line.
  }
  const bad = firstInvalidUtf8(bytes);
  let line = 1;
  for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
  const looks = isGbk(bytes) ? ' (looks like GBK)' : '';
  return fileError('encoding', line, `${NOT_UTF8}${looks}; ${SAVE_AS_UTF8}`);
}

/**
 * The same checks on text already decoded as UTF-8 (`file.text()`): a NUL is what UTF-16 becomes, a
 * U+FFFD what any other byte that is not UTF-8 becomes. (From text alone a U+FFFD the file really
 * held cannot be told apart: pass the bytes to be exact.)
 */
function textProblem(text: string): ParseEventsResult | null {
  if (text.includes('\u0000')) return fileError('encoding', 1, `${NOT_UTF8} (looks like UTF-16); ${SAVE_AS_UTF8}`);
  const bad = text.indexOf('\uFFFD');
  if (bad < 0) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < bad; i = text.indexOf('\n', i + 1)) line++;
  return fileError('encoding', line, `${NOT_UTF8} (looks like GBK); ${SAVE_AS_UTF8}`);
}

/**
 * Parse an events file for import: every line valid (unknown types skipped), or the bad line named.
 * Give the file's bytes (`await file.arrayBuffer()`) for an exact encoding check; text is checked as
 * well as text allows. A file over EVENTS_FILE_MAX_BYTES, or not in UTF-8, is refused as a whole.
 */
export function parseEventsFile(file: string | ArrayBuffer | Uint8Array): ParseEventsResult {
  let text: string;
  if (typeof file === 'string') {
    const refused = sizeError(utf8Length(file)) ?? textProblem(file);
    if (refused) return refused;
    text = file;
  } else {
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
    const decoded = sizeError(bytes.length) ?? decode(bytes);
    if (typeof decoded !== 'string') return decoded;
    text = decoded;
  }
  const { events, skipped, errors } = parseLines(text);
  if (errors.length) {
    const first = errors[0]!;
    return { ok: false, line: first.line, message: first.message, errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length };
  }
  return { ok: true, events, skippedUnknown: skipped, notes: skipped.map(skipNote) };
}

export interface ImportResult {
  /** Events stored. */
  added: number;
  /** Events already stored (or repeated in the file), skipped. */
  duplicates: number;
  /** China dates that received events, sorted. */
  days: string[];
  /** Finished days whose rollup was deleted, to be recomputed with the imported events. */
  invalidated: string[];
}

/**
 * Store imported events in one transaction: all of them or, on any failure, none. Events whose id is
 * already stored (or repeats earlier in the list) are skipped. Rollups of the days that received events
 * are invalidated (their rows deleted, the day marked stale) so `rollupFinishedDays` recomputes them;
 * a day whose raw events were already pruned keeps its rollup.
 */
export async function importEvents(db: KefuDb, events: readonly ChatEvent[]): Promise<ImportResult> {
  return db.transaction('rw', [db.events, db.rollups, db.rollupDays, db.dayPacks, db.dayRounds], async () => {
    const { fresh, invalidated } = await storeNew(db, events);
    const days = [...new Set(fresh.map((e) => e.day))].sort();
    return { added: fresh.length, duplicates: events.length - fresh.length, days, invalidated };
  });
}
