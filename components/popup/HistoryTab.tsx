/** History charts (7 / 30 / 90 days). */
export function HistoryTab() {
  return null;
}
