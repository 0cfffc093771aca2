import type { SetAsideReport } from '@/lib/stats/rollup';
import { t } from '@/lib/i18n';

/** Days named in a notice; the count says how many there are in all. */
const LISTED = 5;
const list = (dates: readonly string[]): string => dates.slice(0, LISTED).join(', ') + (dates.length > LISTED ? ' …' : '');

/** The sentences of a set-aside report: days left out whole, then days computed without some rows. */
export function setAsideLines(report: SetAsideReport): string[] {
  const lines: string[] = [];
  if (report.days.length) lines.push(t('setAsideDays', report.days.length, list(report.days)));
  if (report.rows.length) {
    const count = report.rows.reduce((n, r) => n + r.count, 0);
    lines.push(t('setAsideRows', count, list(report.rows.map((r) => r.date))));
  }
  return lines;
}

/**
 * Says what stored data the figures had to leave out (a damaged record, a day that does not exist),
 * so that a chart or an export that looks short is not taken for the whole record. Nothing when none.
 */
export function SetAsideNotice({ report }: { report: SetAsideReport | null | undefined }) {
  const lines = report ? setAsideLines(report) : [];
  if (!lines.length) return null;
  return (
    <p class="kp-error" role="status" data-testid="kp-set-aside">
      {lines.join(' ')}
    </p>
  );
}
