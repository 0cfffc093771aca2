import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '@/lib/i18n';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** How a value reads on the axis and in the legend. */
  format: (v: number) => string;
  bars?: boolean;
}

/** A small time chart (uPlot: 20 KB gzip, canvas, fast with 90 points). x = China days. */
export function Chart({ days, series, height = 140, testId }: { days: string[]; series: ChartSeries[]; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const xs = days.map((d) => Date.parse(`${d}T12:00:00+08:00`) / 1000);
    const opts: uPlot.Options = {
      width: el.current.clientWidth || 380,
      height,
      legend: { show: true },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true } },
      axes: [
        { values: (_u, splits) => splits.map((s) => new Date(s * 1000 + 8 * 3600_000).toISOString().slice(5, 10)), size: 28 },
        ...series.map((s, i) => ({ scale: s.label, side: i === 0 ? 3 : 1, values: (_u: uPlot, splits: number[]) => splits.map((v) => s.format(v)), grid: { show: i === 0 }, size: 44 })),
      ],
      series: [
        { label: t('historyDate'), value: (_u: uPlot, v: number | null) => (v === null ? '—' : new Date(v * 1000 + 8 * 3600_000).toISOString().slice(0, 10)) },
        ...series.map((s) => ({
          label: s.label,
          scale: s.label,
          stroke: s.color,
          width: 2,
          fill: s.bars ? `${s.color}33` : undefined,
          paths: s.bars ? uPlot.paths.bars!({ size: [0.6, 40] }) : undefined,
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : s.format(v)),
          spanGaps: false,
        })),
      ],
    };
    const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, el.current);
    return () => plot.destroy();
  }, [days.join(','), series.map((s) => s.values.join(',')).join('|')]);
  return <div ref={el} class="kp-chart" data-testid={testId} data-points={days.length} />;
}
