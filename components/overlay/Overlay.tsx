import { useState } from 'preact/hooks';
import type { WatcherState } from '@/lib/watch/watcher';
import type { Countdown, Level } from '@/lib/timing/countdown';
import { t, type MessageKey } from '@/lib/i18n';
import { clock } from '../workbench/chips';

export type ExcludeReason = 'advertising' | 'harassment';

export interface WaitingView {
  buyer: string;
  nickname: string | null;
  countdown: Countdown;
}

export interface OverlayProps {
  state: WatcherState | null;
  /** Waiting buyers, most urgent first. */
  waiting: WaitingView[];
  onOpenBuyer: (buyer: string) => void;
  onExclude: (buyer: string, reason: ExcludeReason) => void;
}

const LEVEL_TEXT: Record<Level, MessageKey> = {
  fine: 'levelFine',
  soon: 'levelSoon',
  late: 'levelLate',
  breached: 'levelBreached',
};

/** The panel over the workbench: is the page recognised, and who is waiting, most urgent first. */
export function Overlay({ state, waiting, onOpenBuyer, onExclude }: OverlayProps) {
  const [collapsed, setCollapsed] = useState(false);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const healthy = state?.health.healthy ?? false;
  const late = waiting.filter((w) => w.countdown.level === 'late' || w.countdown.level === 'breached').length;

  return (
    <section class={`kp-panel ${healthy ? 'kp-ok' : 'kp-broken'}`} data-testid="kp-overlay" data-healthy={String(healthy)}>
      <header class="kp-head">
        <strong>{t('overlayTitle')}</strong>
        {healthy && (
          <span class={`kp-count ${late ? 'kp-count-late' : ''}`} data-testid="kp-waiting-count">
            {waiting.length}
          </span>
        )}
        <button type="button" class="kp-toggle" onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? t('overlayExpand') : t('overlayCollapse')}
        </button>
      </header>
      {!collapsed && (
        <div class="kp-body">
          {!state ? (
            <p>{t('loading')}</p>
          ) : !healthy ? (
            <div class="kp-health" data-testid="kp-health-warning" role="alert">
              <p class="kp-warn">{t('healthBroken')}</p>
              <p class="kp-hint">{t('healthBrokenHint')}</p>
              <ul class="kp-problems">
                {state.health.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p class="kp-status">
                {t('healthOk')} · {state.shop ?? t('shopUnknown')}
              </p>
              <h3>{t('waitingTitle')}</h3>
              {waiting.length === 0 ? (
                <p class="kp-empty">{t('waitingNone')}</p>
              ) : (
                <ol class="kp-waiting" data-testid="kp-waiting">
                  {waiting.map((w) => (
                    <li key={w.buyer} data-buyer={w.buyer} data-level={w.countdown.level} class={`kp-level-${w.countdown.level}`}>
                      <button type="button" class="kp-open" onClick={() => onOpenBuyer(w.buyer)} title={t(LEVEL_TEXT[w.countdown.level])}>
                        <span class="kp-name">{w.nickname ?? w.buyer}</span>
                        <span class="kp-elapsed">{clock(w.countdown.elapsedMs)}</span>
                        <span class="kp-next">
                          {w.countdown.nextTarget && w.countdown.leftMs !== null
                            ? t('nextTarget', w.countdown.nextTarget.label, clock(w.countdown.leftMs))
                            : t('allTargetsPassed')}
                        </span>
                      </button>
                      <button
                        type="button"
                        class="kp-more"
                        aria-label={t('excludeBuyer')}
                        title={t('excludeBuyer')}
                        onClick={() => setMenuFor(menuFor === w.buyer ? null : w.buyer)}
                      >
                        ⋯
                      </button>
                      {menuFor === w.buyer && (
                        <div class="kp-menu" role="menu">
                          <span>{t('excludeBuyer')}</span>
                          {(['advertising', 'harassment'] as const).map((reason) => (
                            <button
                              type="button"
                              key={reason}
                              data-reason={reason}
                              onClick={() => {
                                setMenuFor(null);
                                onExclude(w.buyer, reason);
                              }}
                            >
                              {t(reason === 'advertising' ? 'excludeAdvertising' : 'excludeHarassment')}
                            </button>
                          ))}
                        </div>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
