import { useEffect, useState } from 'preact/hooks';
import { ask } from '@/lib/runtime/client';
import type { ResponseFor } from '@/lib/messages';
import { t, formatDuration, type MessageKey } from '@/lib/i18n';
import { clock } from '../workbench/chips';
import { DEFAULT_PROFILES, isProfileName } from '@/lib/timing/profiles';

/** The hours a platform counts, e.g. 08:00–23:00: figures outside them stay empty on purpose. */
const windowOf = (platform: string) => {
  if (!isProfileName(platform)) return '';
  const w = DEFAULT_PROFILES[platform].window;
  return `${w.from}–${w.to}`;
};

type Today = ResponseFor<'stats/today'>;
type Counts = ResponseFor<'stats/day-counts'>;
type Waiting = ResponseFor<'waiting/all'>;

const LEVEL_TEXT: Record<string, MessageKey> = { fine: 'levelFine', soon: 'levelSoon', late: 'levelLate', breached: 'levelBreached' };

/** Rates as percentages, nulls as a dash: "no buyer yet" is not 0 %. */
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const secs = (s: number | null) => (s === null ? '—' : formatDuration(Math.round(s)));

/** Popup: waiting buyers across every open workbench tab, and today's figures per shop. */
export function Popup() {
  const [today, setToday] = useState<Today | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    const load = () =>
      Promise.all([ask({ type: 'stats/today' }), ask({ type: 'stats/day-counts' }), ask({ type: 'waiting/all' })])
        .then(([a, b, c]) => {
          if (!alive) return;
          setToday(a);
          setCounts(b);
          setWaiting(c);
          setError(null);
        })
        .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    void load();
    // The popup stays open while the agent looks at it: figures every 3 s, the clocks every second.
    const data = setInterval(load, 3000);
    const clockTick = setInterval(() => setTick((n) => n + 1), 1000);
    return () => {
      alive = false;
      clearInterval(data);
      clearInterval(clockTick);
    };
  }, []);

  const now = Date.now();
  return (
    <main class="kp-popup">
      <header>
        <h1>{t('extName')}</h1>
        <span class="kp-day">
          {t('popupToday')} {today?.day ?? ''}
        </span>
      </header>
      {error && (
        <p class="kp-error" role="alert">
          {t('popupError', error)}
        </p>
      )}
      {!today && !error && <p>{t('loading')}</p>}

      {waiting && (
        <section data-testid="kp-popup-waiting">
          <h2>{t('popupWaitingNow')}</h2>
          {waiting.waiting.length === 0 ? (
            <p class="kp-muted">{waiting.tabs.length ? t('waitingNone') : t('popupNoTabs')}</p>
          ) : (
            <ol class="kp-waiting">
              {waiting.waiting.map((w) => (
                <li key={`${w.tabId}|${w.round}`} class={`kp-level-${w.level}`} data-buyer={w.buyer} data-level={w.level}>
                  <button
                    type="button"
                    title={t(LEVEL_TEXT[w.level] ?? 'levelFine')}
                    onClick={() => void ask({ type: 'tabs/focus', tabId: w.tabId, buyer: w.buyer }).then(() => window.close())}
                  >
                    <span class="kp-name">{w.nickname ?? w.buyer}</span>
                    <span class="kp-shop">{w.shop ?? t('shopUnknown')}</span>
                    <span class="kp-elapsed">{clock(now - w.openedAt)}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {today && (
        <section data-testid="kp-today">
          <h2>{t('popupFigures')}</h2>
          {today.days.length === 0 && <p class="kp-muted">{t('popupNoFigures')}</p>}
          {today.days.map((d) => (
            <div class="kp-shop-figures" key={`${d.platform}|${d.shop}`} data-shop={d.shop}>
              <h3>
                {d.shop || t('shopUnknown')} <small>{d.platform} · {t('popupWindow', windowOf(d.platform))}</small>
              </h3>
              <dl class="kp-figures">
                <Figure id="consulting-buyers" label={t('kpiConsultingBuyers')} value={String(d.consulting_buyers)} />
                <Figure id="rounds" label={t('kpiRounds')} value={`${d.answered_rounds}/${d.rounds}`} />
                <Figure id="avg-response" label={t('kpiAvgResponse')} value={secs(d.avg_response_s)} />
                <Figure id="rate-3min" label={t('kpiRate3min')} value={pct(d.rounds_3min_rate)} />
                <Figure id="rate-30s" label={t('kpiRate30s')} value={pct(d.rounds_30s_rate)} />
                {d.platform === 'pdd' && <Figure id="effective" label={t('kpiEffective')} value={pct(d.effective_reply_rate)} />}
              </dl>
            </div>
          ))}
        </section>
      )}

      {counts && (
        <dl class="kp-counts" data-testid="kp-counts">
          <Figure id="buyers" label={t('popupBuyers')} value={String(counts.buyers)} />
          <Figure id="buyer-messages" label={t('popupBuyerMessages')} value={String(counts.buyerMessages)} />
          <Figure id="human-replies" label={t('popupHumanReplies')} value={String(counts.humanReplies)} />
          <Figure id="robot-replies" label={t('popupRobotReplies')} value={String(counts.robotReplies)} />
        </dl>
      )}
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}

function Figure({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div class="kp-figure" data-figure={id}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
