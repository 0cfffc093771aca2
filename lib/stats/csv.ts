import type { Verdict } from './kpi';

/**
 * CSV as spreadsheets read it: UTF-8 with BOM (Excel then shows the Chinese), CRLF, and cells that a
 * spreadsheet would run as a formula neutralised. Shared by the exports and the day packs.
 */
export const BOM = '\uFEFF';
export const CRLF = '\r\n';
/** Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula (full-width too). */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: null/undefined → empty; numbers as JSON writes them; text starting with = + - @, tab or
 * CR (or full-width ＝ ＋ － ＠) gets a leading `'`; text with a quote, comma or line break is quoted.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = typeof value === 'boolean' ? (value ? '是' : '否') : value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly (string | number | boolean | null | undefined)[]): string =>
  cells.map(csvCell).join(',') + CRLF;

/** `2026-11-20 09:15:02` (China wall clock; `.480` when the milliseconds are not zero). */
export const chinaDateTime = (ms: number): string => {
  // Straight from the ISO string of the shifted instant: this runs twice for every exported round.
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return iso.slice(20, 23) === '000' ? base : `${base}.${iso.slice(20, 23)}`;
};

export const ROUND_HEADERS = [
  '日期', '平台', '店铺', '买家', '开始', '回复时间', '响应秒', '是否考核时段', '30秒达标', '3分钟达标', '1小时达标', '排除',
] as const;

const VERDICT_TEXT: Record<Verdict, string> = { met: '是', missed: '否', pending: '待定' };

export interface RoundCells {
  date: string;
  platform: string;
  shop: string;
  openedAt: number;
  closedAt: number | null;
  response_s: number | null;
  inWindow: boolean;
  excluded: boolean;
  verdicts: Record<'30s' | '3min' | '1h', Verdict>;
}

/** The cells of one round's row; `buyer` is written as given (an id, or its pseudonym). */
export function roundCells(r: RoundCells, buyer: string, text: (s: string) => string = csvCell): string[] {
  return [
    text(r.date),
    text(r.platform),
    text(r.shop),
    text(buyer),
    chinaDateTime(r.openedAt),
    r.closedAt === null ? '' : chinaDateTime(r.closedAt),
    csvCell(r.response_s),
    r.inWindow ? '是' : '否',
    text(VERDICT_TEXT[r.verdicts['30s']]),
    text(VERDICT_TEXT[r.verdicts['3min']]),
    text(VERDICT_TEXT[r.verdicts['1h']]),
    r.excluded ? '是' : '否',
  ];
}
