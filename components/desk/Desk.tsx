import { useEffect, useState } from 'preact/hooks';
import { ask } from '@/lib/runtime/client';
import { t, formatDuration, type MessageKey } from '@/lib/i18n';
import { todayDashboard, type TodayDashboard } from '@/lib/stats/dashboard';
import { getSettings } from '@/lib/runtime/settings-store';
import { formatClock } from '@/lib/time/china';
import { recentEvents } from '../popup/data';
import { ShopFigures } from '../popup/ShopFigures';
import { Queue, WatchedTabs, jumpTo, platformName, type Desk as DeskState } from './Queue';
import { NextBuyer } from './Shortcut';

const ALERT_TEXT: Record<string, MessageKey> = { soon: 'levelSoon', late: 'levelLate', breached: 'levelBreached' };

/** How often the side panel asks for the queue, and for today's figures (read from the database). */
const QUEUE_MS = 1000;
const FIGURES_MS = 5000;

/**
 * The desk in the browser's side panel: every workbench tab's waiting buyers together, most urgent
 * first, ticking each second; the tabs being watched and whether each can be trusted; each shop's
 * figures for today against its platform's lines; the last alerts. A click jumps to the buyer.
 */
export function Desk() {
  const [desk, setDesk] = useState<DeskState | null>(null);
  const [dash, setDash] = useState<TodayDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let alive = true;
    const queue = () =>
      void ask({ type: 'waiting/all' })
        .then((w) => {
          if (!alive) return;
          setDesk(w);
          setError(null);
        })
        .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    const figures = async () => {
      try {
        const at = Date.now();
        const [events, settings] = await Promise.all([recentEvents(at), getSettings()]);
        if (alive) setDash(todayDashboard(events, { now: at, profiles: settings.timing.profiles }));
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      }
    };
    queue();
    void figures();
    const q = setInterval(queue, QUEUE_MS);
    const f = setInterval(() => void figures(), FIGURES_MS);
    const c = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      alive = false;
      clearInterval(q);
      clearInterval(f);
      clearInterval(c);
    };
  }, []);

  return (
    <main class="kp-popup kp-desk" data-testid="kp-desk">
      <header>
        <h1>{t('deskTitle')}</h1>
        <span class="kp-day">{dash?.day ?? ''}</span>
      </header>
      {error && (
        <p class="kp-error" role="alert">
          {t('popupError', error)}
        </p>
      )}
      {!desk && !error && <p>{t('loading')}</p>}
      {desk && (
        <>
          <section data-testid="kp-desk-queue" aria-labelledby="kp-desk-queue-title">
            <h2 id="kp-desk-queue-title">
              {t('deskQueue')} <small class="kp-muted">{t('deskQueueCount', desk.waiting.length)}</small>
            </h2>
            <NextBuyer />
            <Queue desk={desk} now={now} />
          </section>
          <WatchedTabs desk={desk} now={now} />
          <section data-testid="kp-desk-alerts" aria-labelledby="kp-desk-alerts-title">
            <h2 id="kp-desk-alerts-title">{t('deskAlerts')}</h2>
            {desk.alerts.length === 0 ? (
              <p class="kp-muted">{t('deskNoAlerts')}</p>
            ) : (
              <ul class="kp-alerts">
                {desk.alerts.map((a) => (
                  <li key={a.id} class={`kp-level-${a.level}`} data-level={a.level}>
                    <span class="kp-miss-when">{formatClock(a.at)}</span>
                    <span>
                      {t('deskAlertLine', a.nickname ?? a.buyer, a.shop ?? t('shopUnknown'), platformName(a.platform), t(ALERT_TEXT[a.level] ?? 'levelLate'), formatDuration(a.elapsedMs / 1000))}
                    </span>
                    {desk.waiting.some((w) => w.tabId === a.tabId && w.buyer === a.buyer) && (
                      <button type="button" class="kp-link" onClick={() => void jumpTo(a)}>
                        {t('deskAlertJump')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {dash && (
        <section data-testid="kp-today" aria-labelledby="kp-desk-figures-title">
          <h2 id="kp-desk-figures-title">{t('popupFigures')}</h2>
          {dash.shops.length === 0 && <p class="kp-muted">{t('popupNoFigures')}</p>}
          {dash.overall && <ShopFigures key="overall" d={dash.overall} overall />}
          {[...dash.totals, ...dash.shops].map((d) => (
            <ShopFigures key={`${d.platform}|${d.shop}`} d={d} />
          ))}
        </section>
      )}
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}
