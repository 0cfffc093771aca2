import type { ChatEvent } from './events';
import { DAY_FIELDS, type DayFigures, type Threshold, type Verdict } from './kpi';
import type { DayPack, DayRounds, KefuDb } from './db';
import { BOM, CRLF, chinaDateTime, csvCell, csvLine, ROUND_HEADERS, roundCells } from './csv';
import { createPseudonymizer, newSalt, type Pseudonymizer } from './pseudonym';
import { pseudonymisePackBytes, pseudonymisedLine } from './pseudonymise-pack';
import {
  chinaDayStart,
  contractLine,
  datesBetween,
  outcomesOf,
  packText,
  parseContractLines,
  readDay,
  refresh,
  roundRow,
  rollupRange,
  setAsideBetween,
  unpackRounds,
  type DayInput,
  type RoundRow,
  type SetAsideReport,
} from './rollup';
import { chinaDate, toChinaIso } from '../time/china';

/**
 * Exports for a range of China dates [from, to]:
 * - daily stats as CSV (Chinese headers) and JSON (`{"days":[…]}`, exactly what `npm run stats` prints);
 * - rounds as CSV, one row per round opened in the range (out-of-window and excluded ones flagged);
 * - raw events as JSON Lines, the format `npm run stats` reads.
 *
 * CSV: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, and every text cell a
 * spreadsheet would run as a formula neutralised with a leading `'`. Work is done a day at a time
 * (`onProgress(doneDays, totalDays)`), and the file comes back as string chunks for a Blob.
 *
 * Stored data that cannot be computed is left out, and the file says which days (`setAside`): one
 * damaged record costs its day (or only itself), never the export.
 *
 * `pseudonymise: true` replaces buyer ids (and the nicknames passed in) with `买家-XXXXXXXXXXXX`, and
 * event ids (they contain the buyer id) with `e-…`; free text that may name the buyer (message `text`,
 * a compliance override `reason`) is left out. The same salt gives the same pseudonyms in every export.
 */

export interface ExportOptions {
  /** First and last China date (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  /** Epoch ms of the moment of exporting (today's figures are as of now). */
  now: number;
  /** Settings overrides of the rule profiles. */
  profiles?: unknown;
  pseudonymise?: boolean;
  /** Salt of the pseudonyms (≥ 16 characters); default a fresh one for this export. */
  salt?: string;
  /** Buyer id → nickname, when known: the rounds CSV gets a 昵称 column. */
  nicknames?: ReadonlyMap<string, string>;
  /** Called after each day with (days done, days in all). */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportFile {
  /** Suggested file name, e.g. `kefu-pilot-rounds-2026-11-01_2026-11-20.csv`. */
  filename: string;
  mime: string;
  /** The file in order, as text or as UTF-8 bytes straight from storage: `new Blob(chunks, { type: mime })`. */
  chunks: (string | Uint8Array<ArrayBuffer>)[];
  /** Data rows (CSV rows without the header, JSON days, JSON Lines events). */
  rows: number;
  /** Days in the range whose raw events were deleted by retention (rounds and events exports). */
  prunedDays: string[];
  /** What could not be computed or written and was left out (see `setAsideBetween`). */
  setAside: SetAsideReport;
}

// ---------------------------------------------------------------------------------------------------
// CSV (cells, lines and the round row live in ./csv.ts, shared with the day packs)

export { csvCell, csvLine, chinaDateTime, ROUND_HEADERS };

// ---------------------------------------------------------------------------------------------------
// Headers

/** Chinese column headers of the daily stats, in `DAY_FIELDS` order. */
export const DAY_HEADERS: Readonly<Record<keyof DayFigures, string>> = {
  date: '日期',
  platform: '平台',
  shop: '店铺',
  consulting_buyers: '咨询人数',
  rounds: '回合数',
  answered_rounds: '已回复回合',
  avg_response_s: '平均响应秒',
  median_response_s: '响应中位数秒',
  p90_response_s: '响应P90秒',
  rounds_30s_rate: '30秒回复率(回合)',
  rounds_3min_rate: '3分钟回复率(回合)',
  buyers_30s_rate: '30秒回复率(买家)',
  buyers_3min_rate: '3分钟回复率(买家)',
  effective_reply_rate: '有效回复率',
  unanswered_rounds: '未回复回合',
};

/** Columns of the rounds CSV (昵称 is added after 买家 when nicknames are given). */



// ---------------------------------------------------------------------------------------------------

function checkRange(options: ExportOptions): string[] {
  chinaDayStart(options.from);
  chinaDayStart(options.to);
  if (options.from > options.to) throw new RangeError(`from ${options.from} is after to ${options.to}`);
  if (!Number.isFinite(options.now)) throw new RangeError(`now must be epoch ms, got ${options.now}`);
  return datesBetween(options.from, options.to);
}

const fileName = (kind: string, o: ExportOptions, ext: string): string =>
  `kefu-pilot-${kind}-${o.from}_${o.to}${o.pseudonymise ? '-pseudonymised' : ''}.${ext}`;

const pseudonymizer = (o: ExportOptions): Pseudonymizer | null =>
  o.pseudonymise ? createPseudonymizer(o.salt ?? newSalt()) : null;

/** The day figures of the range: stored rollups, today live. */
async function dailyRows(db: KefuDb, options: ExportOptions, dates: string[]): Promise<{ rows: DayFigures[]; setAside: SetAsideReport }> {
  const { rows, today } = await rollupRange(db, { from: options.from, to: options.to, now: options.now, profiles: options.profiles });
  const setAside = await setAsideBetween(db, options.from, options.to, today);
  options.onProgress?.(dates.length, dates.length);
  // Exactly the metric fields, in the note's order (what the stats command prints).
  return {
    rows: rows.flatMap((r) => (r.figures ? [Object.fromEntries(DAY_FIELDS.map((k) => [k, r.figures![k]])) as unknown as DayFigures] : [])),
    setAside,
  };
}

/** The range's report with the days this export could not write added. */
function withFailed(report: SetAsideReport, failed: readonly string[]): SetAsideReport {
  if (!failed.length) return report;
  const days = [...new Set([...report.days, ...failed])].sort();
  return { days, rows: report.rows.filter((r) => !days.includes(r.date)) };
}

/** Daily stats, CSV with Chinese headers. */
export async function exportDailyCsv(db: KefuDb, options: ExportOptions): Promise<ExportFile> {
  const dates = checkRange(options);
  const { rows, setAside } = await dailyRows(db, options, dates);
  const chunks = [BOM + csvLine(DAY_FIELDS.map((k) => DAY_HEADERS[k]))];
  let chunk = '';
  for (const f of rows) chunk += csvLine(DAY_FIELDS.map((k) => f[k]));
  if (chunk) chunks.push(chunk);
  return { filename: fileName('daily', options, 'csv'), mime: 'text/csv;charset=utf-8', chunks, rows: rows.length, prunedDays: [], setAside };
}

/** Daily stats, JSON: `{"days":[…]}` plus a line end, as `npm run stats` prints it. */
export async function exportDailyJson(db: KefuDb, options: ExportOptions): Promise<ExportFile> {
  const dates = checkRange(options);
  const { rows, setAside } = await dailyRows(db, options, dates);
  return {
    filename: fileName('daily', options, 'json'),
    mime: 'application/json',
    chunks: [`${JSON.stringify({ days: rows })}\n`],
    rows: rows.length,
    prunedDays: [],
    setAside,
  };
}

type ExportDay = { date: string; pruned: boolean; roundsCsv?: DayRounds } & (
  | { pack: DayPack; input?: never }
  | { pack?: never; input: DayInput }
  | { pack?: never; input?: never; roundsCsv: DayRounds }
);

/**
 * Days of the range up to today, one at a time: a fresh finished day from its pack, others (today, a
 * day without a pack) from their events and carry. Rollups are brought up to date first.
 */
async function* eachDay(
  db: KefuDb,
  options: ExportOptions,
  dates: string[],
  readyRounds: boolean,
  onToday: (today: DayInput) => void,
): AsyncGenerator<ExportDay> {
  const { input: todayInput } = await refresh(db, { now: options.now, profiles: options.profiles });
  onToday(todayInput);
  const today = todayInput.date;
  let done = 0;
  // Finished days are read a batch at a time, one transaction per batch: one IndexedDB round trip
  // for many days, and still a progress step every few days. The next batch is asked for before this
  // one is handed on, so the browser reads it while the file is being written.
  const BATCH = 10;
  const read = async (batch: string[]) => {
    const past = batch.filter((d) => d < today);
    const [owns, ready] = past.length
      ? await db.transaction('r', [db.rollupDays, db.dayRounds], () =>
          Promise.all([db.rollupDays.bulkGet(past), readyRounds ? db.dayRounds.bulkGet(past) : Promise.resolve(past.map(() => undefined))]),
        )
      : [[], []];
    // Event bytes are read only for the days that need them (no ready rows, or an events export).
    const needPack = past.filter((d, k) => !owns[k]?.pruned && !(readyRounds && ready[k] && owns[k] && !owns[k]!.stale));
    const packList = needPack.length ? await db.dayPacks.bulkGet(needPack) : [];
    return { batch, past, owns, ready, packs: past.map((d) => packList[needPack.indexOf(d)]) };
  };
  let next: ReturnType<typeof read> | null = dates.length ? read(dates.slice(0, BATCH)) : null;
  try {
    for (let i = 0; next; i += BATCH) {
      const { batch, past, owns, ready, packs } = await next;
      next = i + BATCH < dates.length ? read(dates.slice(i + BATCH, i + 2 * BATCH)) : null;
      for (const date of batch) {
        if (date === today) {
          yield { date, pruned: false, input: todayInput };
        } else if (date < today) {
          const k = past.indexOf(date);
          const own = owns[k];
          const pack = packs[k];
          const rounds = ready[k];
          if (own?.pruned) yield { date, pruned: true, input: { date, events: [], before: [], carryIn: [], lateCloses: [], pruned: true } };
          // Set aside by its rollup: nothing of it to write (the report names it).
          else if (own?.setAside?.whole && !own.stale) yield { date, pruned: false, input: { date, events: [], before: [], carryIn: [], lateCloses: [], pruned: false } };
          else if (rounds && own && !own.stale) yield { date, pruned: false, roundsCsv: rounds };
          else if (pack && own && !own.stale) yield { date, pruned: false, pack };
          else yield { date, pruned: false, input: await readDay(db, date) };
        }
        options.onProgress?.(++done, dates.length);
      }
    }
  } finally {
    // A consumer that stops early leaves a read in flight: its failure is nobody's to report.
    next?.catch(() => undefined);
  }
}

const THRESHOLDS: readonly Threshold[] = ['30s', '3min', '1h'];

/** One row per round opened in the range (China dates), in opening order. */
export async function exportRoundsCsv(db: KefuDb, options: ExportOptions): Promise<ExportFile> {
  const dates = checkRange(options);
  const p = pseudonymizer(options);
  const nicknames = options.nicknames;
  const headers: string[] = [...ROUND_HEADERS];
  if (nicknames) headers.splice(4, 0, '昵称');
  const chunks = [BOM + csvLine(headers)];
  const prunedDays: string[] = [];
  const failed: string[] = [];
  let today: DayInput | undefined;
  let rows = 0;
  // Dates, platforms, shops and buyers repeat from row to row: escape each once.
  const escaped = new Map<string, string>();
  const text = (v: string) => {
    let e = escaped.get(v);
    if (e === undefined) escaped.set(v, (e = csvCell(v)));
    return e;
  };
  for await (const day of eachDay(db, options, dates, !nicknames, (t) => (today = t))) {
    if (day.pruned) {
      prunedDays.push(day.date);
      continue;
    }
    // A finished day's rows are stored ready-made (without a nickname column); pseudonyms go into
    // their buyer cells as text when the day's rows allow it.
    if (day.roundsCsv !== undefined) {
      const csv = p ? pseudonymisedRoundRows(day.roundsCsv.csv, p) : day.roundsCsv.csv;
      if (csv !== null) {
        if (csv) chunks.push(csv);
        rows += day.roundsCsv.count;
        continue;
      }
    }
    try {
      // A day is written whole or not at all: a damaged pack costs that day only.
      const pack = day.pack ?? (day.roundsCsv ? await db.dayPacks.get(day.date) : undefined);
      const input = day.input ?? (pack ? undefined : await readDay(db, day.date));
      const rounds: RoundRow[] = pack ? unpackRounds(day.date, pack.rounds) : outcomesOf(input!, options).map(roundRow);
      let chunk = '';
      for (const r of rounds) {
        const cells = roundCells(r, p ? p.buyer(r.buyer) : r.buyer, text);
        if (nicknames) {
          const nick = nicknames.get(r.buyer);
          cells.splice(4, 0, nick === undefined ? '' : text(p ? p.buyer(r.buyer) : nick));
        }
        chunk += cells.join(',') + CRLF;
      }
      if (chunk) chunks.push(chunk);
      rows += rounds.length;
    } catch {
      failed.push(day.date);
    }
  }
  const setAside = withFailed(await setAsideBetween(db, options.from, options.to, today), failed);
  return { filename: fileName('rounds', options, 'csv'), mime: 'text/csv;charset=utf-8', chunks, rows, prunedDays, setAside };
}

/**
 * A day's ready round rows with each buyer cell replaced by the buyer's pseudonym, on the text: the
 * same rows `roundCells(r, p.buyer(r.buyer))` gives. Only when no cell of the day is quoted or
 * neutralised (no `"` or `'` in its rows), so that the fourth cell of a row is the buyer id as it is;
 * otherwise `null`, and the day is written from its packed rounds.
 */
export function pseudonymisedRoundRows(csv: string, p: Pseudonymizer): string | null {
  if (csv.includes('"') || csv.includes("'")) return null;
  let out = '';
  let start = 0;
  while (start < csv.length) {
    let end = csv.indexOf(CRLF, start);
    if (end < 0) end = csv.length;
    // date,platform,shop,buyer,…
    const c1 = csv.indexOf(',', start);
    const c2 = csv.indexOf(',', c1 + 1);
    const c3 = csv.indexOf(',', c2 + 1);
    const c4 = csv.indexOf(',', c3 + 1);
    if (c1 < 0 || c4 < 0 || c4 > end) return null;
    // A pseudonym (买家-XXXXXXXXXXXX) needs no quoting or neutralising.
    out += `${csv.slice(start, c3 + 1)}${p.buyer(csv.slice(c3 + 1, c4))}${csv.slice(c4, end)}${CRLF}`;
    start = end + CRLF.length;
  }
  return out;
}

/** Raw events of the range as JSON Lines (oldest first), the file `npm run stats -- --events` reads. */
export async function exportEventsJsonl(db: KefuDb, options: ExportOptions): Promise<ExportFile> {
  const dates = checkRange(options);
  const p = pseudonymizer(options);
  const chunks: (string | Uint8Array<ArrayBuffer>)[] = [];
  const prunedDays: string[] = [];
  const failed: string[] = [];
  let today: DayInput | undefined;
  let rows = 0;
  for await (const day of eachDay(db, options, dates, false, (t) => (today = t))) {
    if (day.pruned) {
      prunedDays.push(day.date);
      continue;
    }
    if (day.pack && !p) {
      // The pack holds exactly these lines, already UTF-8: they go into the file as they are stored.
      // Its bytes were checked row by row when it was written, so they are not read here.
      if (day.pack.jsonl.length) chunks.push(day.pack.jsonl as Uint8Array<ArrayBuffer>);
      rows += day.pack.events;
      continue;
    }
    try {
      // A day is written whole or not at all: a damaged pack costs that day only.
      if (day.pack) {
        // Rewritten on the stored bytes: no decoding and re-encoding of the day's text.
        const out = pseudonymisePackBytes(day.pack.jsonl, p!);
        if (out.bytes.length) chunks.push(out.bytes);
        rows += out.lines;
        continue;
      }
      const events = day.input!.events;
      let chunk = '';
      for (const e of events) chunk += p ? pseudonymisedLine(e, p) : contractLine(e);
      if (chunk) chunks.push(chunk);
      rows += events.length;
    } catch {
      failed.push(day.date);
    }
  }
  const setAside = withFailed(await setAsideBetween(db, options.from, options.to, today), failed);
  return { filename: fileName('events', options, 'jsonl'), mime: 'application/x-ndjson', chunks, rows, prunedDays, setAside };
}
