import type { ClockDisagreement } from '@/lib/watch/clock-check';
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
  /**
   * Where the page shows no shop name (Feige): the name the agent gave, and how to save it. Null on
   * pages that show their shop.
   */
  shopAsk?: { saved: string | null; onSave: (name: string) => Promise<void> } | null;
  /**
   * Where robot replies are told by nickname (JD): the nicknames seen on our side and how each
   * counted, so the agent can fix the robot-nickname list in the options.
   */
  ourSide?: { nickname: string; robot: boolean }[];
  /** Where the page counts down itself: the buyers whose page countdown and ours disagree. */
  clockDiff?: ClockDisagreement[];
  /** The next-buyer key across every workbench tab, its button, and a short notice it gave. */
  desk?: { shortcut: string | null; onNext: () => void; notice: string | null };
}

/** Asks once for the shop of a workbench whose page does not show it; never guesses one. */
function ShopForm({ saved, onSave, onDone }: { saved: string | null; onSave: (name: string) => Promise<void>; onDone?: () => void }) {
  const [name, setName] = useState(saved ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) return;
    onSave(value).then(
      () => {
        setError(null);
        onDone?.();
      },
      (err: unknown) => setError(t('shopSaveFailed', err instanceof Error ? err.message : String(err))),
    );
  };
  return (
    <form class="kp-shop-form" data-testid="kp-shop-form" onSubmit={submit}>
      <p class="kp-hint">{t('shopAskTitle')}</p>
      <label>
        <span class="kp-label">{t('shopAskLabel')}</span>
        <input type="text" maxLength={200} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} required />
      </label>
      <button type="submit">{t('shopAskSave')}</button>
      {error && (
        <p class="kp-warn" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

const LEVEL_TEXT: Record<Level, MessageKey> = {
  fine: 'levelFine',
  soon: 'levelSoon',
  late: 'levelLate',
  breached: 'levelBreached',
};

/** The panel over the workbench: is the page recognised, and who is waiting, most urgent first. */
export function Overlay({ state, waiting, onOpenBuyer, onExclude, shopAsk, ourSide, clockDiff, desk }: OverlayProps) {
  const [collapsed, setCollapsed] = useState(false);
  const [editingShop, setEditingShop] = useState(false);
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
              {shopAsk && (!shopAsk.saved || editingShop) ? (
                <ShopForm saved={shopAsk.saved} onSave={shopAsk.onSave} onDone={() => setEditingShop(false)} />
              ) : (
                <p class="kp-status" data-testid="kp-shop">
                  {t('healthOk')} · {state.shop ?? (shopAsk ? t('shopUnnamed') : t('shopUnknown'))}
                  {shopAsk && (
                    <button type="button" class="kp-link" data-action="edit-shop" onClick={() => setEditingShop(true)}>
                      {t('shopEdit')}
                    </button>
                  )}
                </p>
              )}
              {ourSide && ourSide.length > 0 && (
                <p class="kp-hint kp-our-side" data-testid="kp-our-side">
                  {t('ourSideNicknames', ourSide.map((n) => `${n.nickname}（${n.robot ? t('ourSideRobot') : t('ourSideHuman')}）`).join('、'))}
                </p>
              )}
              {clockDiff && clockDiff.length > 0 && (
                <p class="kp-hint kp-clock-diff" data-testid="kp-clock-diff">
                  {t('clockDisagree', clockDiff.map((d) => t('clockDisagreeItem', d.nickname ?? d.buyer, String(d.pageS), String(d.oursS))).join('、'))}
                </p>
              )}
              {desk && (
                <p class="kp-desk-next" data-testid="kp-overlay-next">
                  <button type="button" class="kp-link" onClick={desk.onNext} aria-keyshortcuts={desk.shortcut ? desk.shortcut.replace(/\s/g, '') : undefined}>
                    {t('deskNextAll')}
                  </button>
                  {desk.shortcut ? <kbd>{desk.shortcut}</kbd> : null}
                  {desk.notice && (
                    <span class="kp-hint" role="status">
                      {desk.notice}
                    </span>
                  )}
                </p>
              )}
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
