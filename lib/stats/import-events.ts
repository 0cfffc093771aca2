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
    };

export const MAX_LISTED_ERRORS = 20;

/** Parse an events file for import: every line valid (unknown types skipped), or the bad line named. */
export function parseEventsFile(text: string): ParseEventsResult {
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
