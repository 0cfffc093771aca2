import type { ResponseFor } from '@/lib/messages';
import { t, formatDuration, type MessageKey } from '@/lib/i18n';
import { PLATFORM_METAS } from '@/lib/adapters/registry';
import { ask } from '@/lib/runtime/client';
import { clock } from '../workbench/chips';

export type Desk = ResponseFor<'waiting/all'>;
type Waiting = Desk['waiting'][number];
type Watched = Desk['tabs'][number];

const LEVEL_TEXT: Record<string, MessageKey> = { fine: 'levelFine', soon: 'levelSoon', late: 'levelLate', breached: 'levelBreached' };

/** The platform as the agent calls it (拼多多, 抖店飞鸽 …), or its id when this build does not know it. */
export function platformName(id: string): string {
  const meta = PLATFORM_METAS.find((m) => m.id === id);
  if (!meta) return id;
  return navigator.language.toLowerCase().startsWith('zh') ? meta.name : meta.nameEn;
}

/** Jump to a buyer: their tab comes forward with the conversation open and the caret in the composer. */
export const jumpTo = (w: Pick<Waiting, 'tabId' | 'buyer'>) => ask({ type: 'tabs/focus', tabId: w.tabId, buyer: w.buyer });

/**
 * Every waiting buyer of every workbench tab, most urgent first, one button each. The time ticks
 * with the caller's clock; a buyer of a silent tab is marked (it may have been answered since).
 */
export function Queue({ desk, now, onJumped }: { desk: Desk; now: number; onJumped?: () => void }) {
  if (desk.waiting.length === 0) {
    return <p class="kp-muted">{desk.tabs.length ? t('waitingNone') : t('popupNoTabs')}</p>;
  }
  return (
    <ol class="kp-waiting" aria-label={t('popupWaitingNow')}>
      {desk.waiting.map((w) => {
        const level = t(LEVEL_TEXT[w.level] ?? 'levelFine');
        const waited = formatDuration((now - w.openedAt) / 1000);
        const who = w.nickname ?? w.buyer;
        const shop = w.shop ?? t('shopUnknown');
        return (
          <li key={`${w.tabId}|${w.round}`} class={`kp-level-${w.level}${w.stale ? ' kp-stale' : ''}`} data-buyer={w.buyer} data-level={w.level} data-tab-id={w.tabId}>
            <button
              type="button"
              title={w.stale ? `${level} · ${t('deskStale')}` : level}
              aria-label={t('deskJumpLabel', who, shop, waited, level)}
              onClick={() => void jumpTo(w).then(() => onJumped?.())}
            >
              <span class="kp-name">{who}</span>
              <span class="kp-shop">
                {shop} · {platformName(w.platform)}
              </span>
              <span class="kp-elapsed">{clock(now - w.openedAt)}</span>
              {w.stale && <span class="kp-stale-note">{t('deskStale')}</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

const CONDITION_TEXT: Record<Watched['condition'], MessageKey> = { ok: 'deskTabOk', unrecognised: 'deskTabUnrecognised', silent: 'deskTabSilent' };

/**
 * The workbench tabs being watched: platform, shop, whether the page is recognised and when it last
 * reported. A tab that is not recognised or has gone silent says so, and the list warns first.
 */
export function WatchedTabs({ desk, now }: { desk: Desk; now: number }) {
  const bad = desk.tabs.filter((x) => x.condition !== 'ok');
  // The background's clock said how old each report was when it answered; this page's clock ticks on.
  const skew = now - desk.now;
  return (
    <section data-testid="kp-watched" aria-labelledby="kp-watched-title">
      <h2 id="kp-watched-title">{t('deskTabs', desk.tabs.length)}</h2>
      {bad.length > 0 && (
        <p class="kp-warn" role="status" data-testid="kp-watched-warning">
          {t('deskIncomplete', bad.length)}
        </p>
      )}
      {desk.tabs.length === 0 ? (
        <p class="kp-muted">{t('popupNoTabs')}</p>
      ) : (
        <ul class="kp-watched">
          {desk.tabs.map((x) => (
            <li key={x.tabId} class={`kp-tab-${x.condition}`} data-tab-id={x.tabId} data-condition={x.condition} data-platform={x.platform}>
              <span class="kp-tab-where">
                <strong>{platformName(x.platform)}</strong> · {x.shop ?? t('shopUnknown')}
              </span>
              <span class={`kp-tab-state kp-tab-state-${x.condition}`}>{t(CONDITION_TEXT[x.condition])}</span>
              <span class="kp-tab-when">
                {t('deskLastReport', formatDuration((now - skew - x.updatedAt) / 1000))}
                {x.condition !== 'unrecognised' && ` · ${t('deskTabWaiting', x.waiting)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
