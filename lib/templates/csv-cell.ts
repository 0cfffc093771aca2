import { csvCell } from '../stats/csv';

/**
 * Text cells of every CSV the extension writes (templates, word lists; the stats exports call
 * `csvCell` directly): one rule, the stats exporter's {@link csvCell} — a cell a spreadsheet would
 * run as a formula (starting with = + - @, tab or CR, or full-width ＝ ＋ － ＠) gets a leading `'`,
 * and a cell with a quote, comma or line break is quoted.
 *
 * Our importers take that `'` off again ({@link restoreCell}); so that a text which itself starts
 * with `'` before such a character (`'=x`) comes back as it was, it is written with one more `'`.
 */

const formulaChar = new Map<string, boolean>();

/** Whether `csvCell` marks a cell starting with this character (asked of csvCell itself: one list). */
function isFormulaStart(ch: string): boolean {
  if (ch === '' || ch === "'") return false;
  let yes = formulaChar.get(ch);
  if (yes === undefined) {
    const out = csvCell(ch);
    yes = out === `'${ch}` || out === `"'${ch}"`;
    formulaChar.set(ch, yes);
  }
  return yes;
}

/** `'`s then a formula character: what {@link restoreCell} takes one `'` off. Linear. */
function markedFormula(s: string): boolean {
  let i = 0;
  while (s.charCodeAt(i) === 39) i++;
  return i > 0 && isFormulaStart(s.charAt(i));
}

/** The text as written (before quoting): a leading `'` when a spreadsheet would run it, or when the import would take one off. */
export function neutralizeCell(s: string): string {
  return isFormulaStart(s.charAt(0)) || markedFormula(s) ? `'${s}` : s;
}

/** Undo {@link neutralizeCell} on a cell read back. */
export function restoreCell(cell: string): string {
  return markedFormula(cell) ? cell.slice(1) : cell;
}

/**
 * One more `'` for a text that starts with `'`s before a formula character (what restoreCell would
 * take one off), for text that is read back by our importers but is not a spreadsheet cell.
 */
export function keepMark(s: string): string {
  return markedFormula(s) ? `'${s}` : s;
}

/** One text cell of a CSV line: neutralised as csvCell does, quoted when needed. */
export function textCell(s: string): string {
  return csvCell(keepMark(s));
}
