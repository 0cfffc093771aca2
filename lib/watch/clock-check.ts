import type { ConversationRow } from '../adapters/types';

/** How far (seconds) the page's own countdown and ours may differ before the overlay says so. */
export const CLOCK_TOLERANCE_S = 5;

export interface ClockDisagreement {
  buyer: string;
  nickname: string | null;
  /** Seconds waited by the page's countdown, and by ours. */
  pageS: number;
  oursS: number;
}

/**
 * Where the page shows its own countdown to the second (Kuaishou's `2分31秒后超时`), a check on our
 * timing: the buyers whose page-side wait and ours differ by more than `tolerance` seconds. Rows the
 * page marks over time say only "at least 180 s" and are left out, as are buyers we do not time.
 */
export function clockDisagreements(
  rows: readonly ConversationRow[],
  ours: readonly { buyer: string; elapsedMs: number }[],
  tolerance = CLOCK_TOLERANCE_S,
): ClockDisagreement[] {
  const byBuyer = new Map(ours.map((w) => [w.buyer, w.elapsedMs]));
  const out: ClockDisagreement[] = [];
  for (const row of rows) {
    if (row.waiting === null || row.overtime) continue;
    const elapsed = byBuyer.get(row.buyer);
    if (elapsed === undefined) continue;
    const oursS = Math.round(elapsed / 1000);
    if (Math.abs(oursS - row.waiting) > tolerance) out.push({ buyer: row.buyer, nickname: row.nickname, pageS: row.waiting, oursS });
  }
  return out;
}
