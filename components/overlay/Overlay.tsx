import { useState } from 'preact/hooks';
import type { WatcherState } from '@/lib/watch/watcher';
import { t, formatDuration } from '@/lib/i18n';

export interface OverlayProps {
  state: WatcherState | null;
  onOpenBuyer: (buyer: string) => void;
}

/** The small panel over the workbench: is the page recognised, and who is waiting. */
export function Overlay({ state, onOpenBuyer }: OverlayProps) {
  const [collapsed, setCollapsed] = useState(false);
  const healthy = state?.health.healthy ?? false;
  const waiting = (state?.rows ?? [])
    .filter((r) => r.waiting !== null)
    .sort((a, b) => (b.waiting ?? 0) - (a.waiting ?? 0));

  return (
    <section class={`kp-panel ${healthy ? 'kp-ok' : 'kp-broken'}`} data-testid="kp-overlay" data-healthy={String(healthy)}>
      <header class="kp-head">
        <strong>{t('overlayTitle')}</strong>
        {healthy && <span class="kp-count" data-testid="kp-waiting-count">{waiting.length}</span>}
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
                  {waiting.map((r) => (
                    <li key={r.buyer} data-buyer={r.buyer} class={r.overtime ? 'kp-late' : ''}>
                      <button type="button" onClick={() => onOpenBuyer(r.buyer)}>
                        <span class="kp-name">{r.nickname ?? r.buyer}</span>
                        <span class="kp-wait">
                          {t('waitingFor', formatDuration(r.waiting ?? 0))}
                          {r.overtime ? ` · ${t('overtime')}` : ''}
                        </span>
                      </button>
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
