import { useEffect, useState } from 'preact/hooks';
import { ask } from '@/lib/runtime/client';
import type { ResponseFor } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { todayDashboard, type TodayDashboard } from '@/lib/stats/dashboard';
import { getSettings } from '@/lib/runtime/settings-store';
import { getTemplates } from '@/lib/runtime/templates-store';
import { formatClock } from '@/lib/time/china';
import { formatDuration } from '@/lib/i18n';
import { categoryLabel } from '../guard/categories';
import { recentEvents } from './data';
import { ShiftTab } from './ShiftTab';
import { Figure, ShopFigures } from './ShopFigures';
import { Queue, WatchedTabs } from '../desk/Queue';
import { NextBuyer } from '../desk/Shortcut';
import { OpenSidePanel } from '../desk/side-panel';
import type { ComponentType } from 'preact';

type Counts = ResponseFor<'stats/day-counts'>;
type Waiting = ResponseFor<'waiting/all'>;
type Tab = 'today' | 'history' | 'shift' | 'data';

/** The popup dashboard: today against the platforms' lines, history, the shift, and the data. */
export function Popup() {
  const [tab, setTab] = useState<Tab>('today');
  const [dash, setDash] = useState<TodayDashboard | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  // Today's figures and the waiting buyers are kept fresh while a tab shows them: the history and the
  // data tabs (charts, exports of 90 days) do not share the page with a refresh every 3 s.
  const live = tab === 'today' || tab === 'shift';
  useEffect(() => {
    if (!live) return;
    let alive = true;
    // Today's figures come straight from the database; the background's answers (counts, waiting
    // buyers of other tabs) arrive on their own, so a sleeping service worker never delays the figures.
    const load = async () => {
      const now = Date.now();
      void Promise.all([ask({ type: 'stats/day-counts' }), ask({ type: 'waiting/all' })])
        .then(([c, w]) => alive && (setCounts(c), setWaiting(w)))
        .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
      try {
        const [events, settings] = await Promise.all([recentEvents(now), getSettings()]);
        if (!alive) return;
        setDash(todayDashboard(events, { now, profiles: settings.timing.profiles }));
        setError(null);
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    void getTemplates().then((l) => alive && setTitles(new Map(l.collection.templates.map((x) => [x.id, x.title]))));
    const data = setInterval(load, 3000);
    const clockTick = setInterval(() => setTick((n) => n + 1), 1000);
    return () => {
      alive = false;
      clearInterval(data);
      clearInterval(clockTick);
    };
  }, [live]);

  // Marks in the popup's performance timeline: the benchmark reads when today's figures first showed.
  useEffect(() => {
    if (dash && !performance.getEntriesByName('kefu-pilot:today-rendered').length) performance.mark('kefu-pilot:today-rendered');
  }, [dash]);

  const now = Date.now();
  return (
    <main class="kp-popup">
      <header>
        <h1>{t('extName')}</h1>
        <span class="kp-day">
          {t('popupToday')} {dash?.day ?? ''}
        </span>
        <OpenSidePanel />
      </header>
      <nav class="kp-tabs" role="tablist" aria-label={t('extName')}>
        {(['today', 'history', 'shift', 'data'] as const).map((id) => (
          <button type="button" role="tab" key={id} aria-selected={tab === id} data-tab={id} onClick={() => setTab(id)}>
            {t(id === 'today' ? 'tabToday' : id === 'history' ? 'tabHistory' : id === 'shift' ? 'tabShift' : 'tabData')}
          </button>
        ))}
      </nav>
      {error && (
        <p class="kp-error" role="alert">
          {t('popupError', error)}
        </p>
      )}

      {tab === 'today' && (
        <>
          {waiting && (
            <section data-testid="kp-popup-waiting" aria-labelledby="kp-popup-waiting-title">
              <h2 id="kp-popup-waiting-title">{t('popupWaitingNow')}</h2>
              <NextBuyer onDone={() => window.close()} />
              <Queue desk={waiting} now={now} onJumped={() => window.close()} />
            </section>
          )}
          {waiting && waiting.tabs.length > 0 && <WatchedTabs desk={waiting} now={now} />}

          {!dash && !error && <p>{t('loading')}</p>}
          {dash && (
            <section data-testid="kp-today">
              <h2>{t('popupFigures')}</h2>
              {dash.shops.length === 0 && <p class="kp-muted">{t('popupNoFigures')}</p>}
              {dash.overall && <ShopFigures key="overall" d={dash.overall} overall />}
              {[...dash.totals, ...dash.shops].map((d) => (
                <ShopFigures key={`${d.platform}|${d.shop}`} d={d} />
              ))}
            </section>
          )}

          {dash && dash.misses.length > 0 && (
            <section data-testid="kp-misses">
              <h2>{t('popupMisses', dash.misses.length)}</h2>
              {/* A list that scrolls takes the focus, so a keyboard can scroll it. */}
              <ul class="kp-misses" tabIndex={0} aria-label={t('popupMisses', dash.misses.length)}>
                {dash.misses.slice(0, 20).map((m) => (
                  <li key={`${m.shop}|${m.buyer}|${m.openedAt}`} data-buyer={m.buyer}>
                    <span class="kp-miss-when">{formatClock(m.openedAt)}</span>
                    <span class="kp-name">{m.buyer}</span>
                    <span class="kp-miss-why">
                      {m.answered ? t('missAnswered', formatDuration(m.waited_s)) : t('missUnanswered', formatDuration(m.waited_s))}
                      {' · '}
                      {t('missRules', m.missed.join(' / '))}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}

          {dash && (Object.keys(dash.compliance).length > 0 || dash.templates.used > 0) && (
            <section data-testid="kp-compliance-today">
              <h2>{t('popupChecksAndTemplates')}</h2>
              <table class="kp-table">
                <tbody>
                  {Object.entries(dash.compliance).map(([cat, c]) => (
                    <tr key={cat} data-category={cat}>
                      <td>{categoryLabel(cat)}</td>
                      <td>{t('compCounts', c.blocked, c.overridden, c.warned)}</td>
                    </tr>
                  ))}
                  {dash.templates.used > 0 && (
                    <tr data-testid="kp-templates-used">
                      <td>{t('templatesUsed', dash.templates.used)}</td>
                      <td>{dash.templates.top.map((x) => `${titles.get(x.template) ?? x.template}×${x.count}`).join('，')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
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
        </>
      )}
      {tab === 'history' && <Lazy load={() => import('./HistoryTab').then((m) => m.HistoryTab)} />}
      {tab === 'shift' && <ShiftTab waiting={waiting} />}
      {tab === 'data' && <Lazy load={() => import('./DataTab').then((m) => m.DataTab)} />}
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}

/**
 * The history (charts) and data (exports) tabs load on first use: the popup's first render, today's
 * figures, does not wait for their code.
 */
const loaded = new Map<unknown, ComponentType>();
function Lazy({ load }: { load: () => Promise<ComponentType> }) {
  const [C, setC] = useState<ComponentType | null>(() => loaded.get(load.toString()) ?? null);
  useEffect(() => {
    if (C) return;
    let alive = true;
    void load().then((c) => {
      loaded.set(load.toString(), c);
      if (alive) setC(() => c);
    });
    return () => {
      alive = false;
    };
  }, []);
  return C ? <C /> : <p>{t('loading')}</p>;
}
