import { useEffect, useState } from 'preact/hooks';
import { ask } from '@/lib/runtime/client';
import type { DayCounts } from '@/lib/stats/db';
import { t } from '@/lib/i18n';

/** First popup: today's raw counts, proving page → content script → background → IndexedDB → popup. */
export function Popup() {
  const [counts, setCounts] = useState<DayCounts | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = () =>
      ask({ type: 'stats/day-counts' })
        .then(({ ok: _ok, ...c }) => alive && (setCounts(c), setError(null)))
        .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    void load();
    // The popup stays open while the agent watches it; refresh its figures every few seconds.
    const id = setInterval(load, 3000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, []);

  return (
    <main class="kp-popup">
      <header>
        <h1>{t('extName')}</h1>
        <span class="kp-day">
          {t('popupToday')} {counts?.day ?? ''}
        </span>
      </header>
      {error && (
        <p class="kp-error" role="alert">
          {t('popupError', error)}
        </p>
      )}
      {!counts && !error && <p>{t('loading')}</p>}
      {counts && (
        <dl class="kp-figures" data-testid="kp-today">
          <Figure id="buyers" label={t('popupBuyers')} value={counts.buyers} />
          <Figure id="buyer-messages" label={t('popupBuyerMessages')} value={counts.buyerMessages} />
          <Figure id="human-replies" label={t('popupHumanReplies')} value={counts.humanReplies} />
          <Figure id="robot-replies" label={t('popupRobotReplies')} value={counts.robotReplies} />
        </dl>
      )}
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}

function Figure({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <div class="kp-figure" data-figure={id}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
