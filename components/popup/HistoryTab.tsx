import { useEffect, useState } from 'preact/hooks';
import { history, type History } from '@/lib/stats/rollup';
import { getSettings } from '@/lib/runtime/settings-store';
import { t } from '@/lib/i18n';
import { database } from './data';
import { Chart } from './Chart';
import { SetAsideNotice } from './SetAsideNotice';

/** Average response, 3-minute rate and rounds over 7 / 30 / 90 days, all shops or one. */
export function HistoryTab() {
  const [days, setDays] = useState<7 | 30 | 90>(7);
  const [shop, setShop] = useState<string>('*');
  const [data, setData] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setData(null);
    void getSettings()
      .then((s) => history(database(), { now: Date.now(), days, profiles: s.timing.profiles }))
      .then((h) => alive && (setData(h), setError(null)))
      .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [days]);

  useEffect(() => {
    if (data) performance.mark('kefu-pilot:history-rendered', { detail: { days: data.dates.length } });
  }, [data]);

  const points = !data ? [] : shop === '*' ? data.all : (data.shops.find((s) => `${s.platform}|${s.shop}` === shop)?.points ?? data.all);
  return (
    <section data-testid="kp-history">
      <div class="kp-row">
        <div role="group">
          {([7, 30, 90] as const).map((d) => (
            <button type="button" key={d} data-days={d} aria-pressed={days === d} onClick={() => setDays(d)}>
              {t('historyDays', d)}
            </button>
          ))}
        </div>
        {data && data.shops.length > 1 && (
          <select value={shop} onChange={(e) => setShop(e.currentTarget.value)} aria-label={t('historyShop')}>
            <option value="*">{t('popupAllShops')}</option>
            {data.shops.map((s) => (
              <option key={`${s.platform}|${s.shop}`} value={`${s.platform}|${s.shop}`}>
                {s.shop} ({s.platform})
              </option>
            ))}
          </select>
        )}
      </div>
      {error && (
        <p class="kp-error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p>{t('loading')}</p>}
      {data && (
        <>
          <SetAsideNotice report={data.setAside} />
          <h3>{t('kpiAvgResponse')}</h3>
          <Chart
            testId="kp-chart-avg"
            days={data.dates}
            series={[{ label: t('kpiAvgResponse'), values: points.map((p) => p.avg_response_s), color: '#0b5cff', format: (v) => `${Math.round(v)}s` }]}
          />
          <h3>{t('kpiRate3min')}</h3>
          <Chart
            testId="kp-chart-rate"
            days={data.dates}
            series={[{ label: t('kpiRate3min'), values: points.map((p) => p.rounds_3min_rate), color: '#1a7f37', format: (v) => `${Math.round(v * 100)}%` }]}
          />
          <h3>{t('historyRounds')}</h3>
          <Chart
            testId="kp-chart-rounds"
            days={data.dates}
            series={[{ label: t('historyRounds'), values: points.map((p) => p.rounds), color: '#8250df', format: (v) => String(Math.round(v)), bars: true }]}
          />
          <p class="kp-muted" data-testid="kp-history-total">
            {t('historyTotal', points.reduce((a, p) => a + p.rounds, 0), data.dates.length)}
          </p>
        </>
      )}
    </section>
  );
}
