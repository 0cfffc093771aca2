import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi } from './shadow-ui';
import type { PlatformAdapter } from '@/lib/adapters/types';
import { ChatWatcher, type WatcherState } from '@/lib/watch/watcher';
import { Outbox } from '@/lib/runtime/outbox';
import { ask } from '@/lib/runtime/client';
import { updateSettings, watchSettings } from '@/lib/runtime/settings-store';
import type { Settings } from '@/lib/settings';
import { hookComposer } from './composer-hooks';
import { startTemplates } from './templates';
import { startGuard } from './guard';
import { tabCommand } from '@/lib/messages';
import { toChinaIso } from '@/lib/time/china';
import type { ChatEvent } from '@/lib/stats/events';
import type { WaitingEntry } from '@/lib/alerts';
import { LiveRounds, moveRoundsToShop } from '@/lib/watch/live';
import { Chips, CHIP_ATTR } from './chips';
import { playAlertSound } from './sound';
import { adoptOrphans, outboxKey, persistTo } from './outbox-store';
import { Overlay, type ExcludeReason } from '../overlay/Overlay';
import { clockDisagreements } from '@/lib/watch/clock-check';
import { PLATFORM_METAS } from '@/lib/adapters/registry';
import { t } from '@/lib/i18n';
import { HEARTBEAT_MS } from '@/lib/runtime/desk';
import { selectText } from '@/lib/adapters/composer';

/** The nicknames seen so far and now, each once (its latest classification), at most 20. */
function mergeNicknames(seen: { nickname: string; robot: boolean }[], now: { nickname: string; robot: boolean }[]) {
  if (now.every((n) => seen.some((s) => s.nickname === n.nickname && s.robot === n.robot))) return seen;
  const byName = new Map(seen.map((s) => [s.nickname, s]));
  for (const n of now) byName.set(n.nickname, n);
  return [...byName.values()].slice(-20);
}

/**
 * Wires one workbench page: one MutationObserver batched per animation frame → the adapter and
 * watcher → events to the background and the live rounds; a one-second clock for the countdowns.
 * Nothing here can stop the agent from sending: a failure is caught and shown, never thrown.
 */
export async function startWorkbench(ctx: ContentScriptContext, adapter: PlatformAdapter): Promise<void> {
  let settings: Settings | null = null;
  // Pages that show no shop name (Feige) use the one the agent gave in the overlay for this platform.
  const savedShop = () => settings?.shops[adapter.platform] ?? null;
  const watcher = new ChatWatcher(adapter, document, { shop: savedShop });
  const key = outboxKey();
  // An event the background can never store is set aside (and said in the console for a bug report),
  // so it cannot hold up the ones after it.
  const outbox = new Outbox((events) => ask({ type: 'events/record', events }), {
    persist: persistTo(key),
    onSetAside: (e: unknown) => console.warn('kefu-pilot: an event the stats cannot hold was set aside', e),
  });
  // What earlier pages could not deliver (a reload mid-burst, a browser restart) goes out now; a copy
  // too fresh to tell from a live page's (the page this one replaced) is fetched once it is old enough.
  // Pages hidden for a while can sleep; their copies stay fresh only while they retry, so a periodic
  // look also picks up what a crashed tab left.
  const adopt = (): void =>
    void adoptOrphans(key)
      .then(({ events, recheckInMs }) => {
        outbox.push(events);
        if (recheckInMs !== null && recheckInMs < 60_000) ctx.setTimeout(adopt, recheckInMs);
      })
      .catch(() => undefined);
  adopt();
  ctx.setInterval(adopt, 60_000);
  const live = new LiveRounds(adapter.platform);
  /** The page counts down to the second itself: its clock checks ours (overlay diagnostics). */
  const pageClock = PLATFORM_METAS.find((m) => m.id === adapter.platform)?.pageClock === 'seconds';
  const chips = new Chips();
  let state: WatcherState | null = null;
  /** Does the page show its shop? Decided on the first healthy read: only then is the overlay asked to. */
  let pageShowsShop: boolean | null = null;
  const saveShop = async (name: string) => {
    await updateSettings((s) => ({ ...s, shops: { ...s.shops, [adapter.platform]: name } }));
  };

  const ui = await mountShadowUi(ctx, 'kefu-pilot-overlay');

  const emit = (events: ChatEvent[]) => {
    if (!events.length) return;
    live.add(events);
    outbox.push(events);
  };

  const exclude = (buyer: string, reason: ExcludeReason) => {
    const now = Date.now();
    emit([
      {
        id: `${adapter.platform}:${state?.shop ?? ''}:${buyer}:excluded:${now}`,
        type: 'buyer_excluded',
        ts: toChinaIso(now),
        platform: adapter.platform,
        shop: state?.shop ?? '',
        buyer,
        reason,
      },
    ]);
    watcher.excluded(buyer);
    tick();
  };

  // The desk: the next-buyer key (and the 下一位 button) may bring this tab forward with a buyer to
  // open; the caret then goes into the composer as soon as that conversation shows.
  let shortcut: string | null = null;
  void ask({ type: 'desk/shortcut' })
    .then((r) => {
      shortcut = r.shortcut;
      paint();
    })
    .catch(() => undefined);
  let notice: { text: string; until: number } | null = null;
  let caretFor: { buyer: string; before: string | null; until: number } | null = null;
  const openBuyer = (buyer: string) => {
    try {
      adapter.open(document, buyer);
    } catch {
      // a row that is gone: the agent sees the list as it is
    }
    caretFor = { buyer, before: state?.openBuyer ?? null, until: Date.now() + 5000 };
    placeCaret();
  };
  /** The caret at the end of the composer once the conversation asked for is the open one. */
  const placeCaret = () => {
    if (!caretFor) return;
    if (Date.now() > caretFor.until) {
      caretFor = null;
      return;
    }
    // A row keyed by nickname is bound to the buyer's id once open: a new open conversation is it too.
    const open = state?.openBuyer ?? null;
    if (open !== caretFor.buyer && (open === null || open === caretFor.before)) return;
    try {
      const c = adapter.composer(document);
      if (!c) return;
      c.element.focus();
      selectText(c, Number.MAX_SAFE_INTEGER);
      caretFor = null;
    } catch {
      // the page's composer is not ready: the next scan tries again
    }
  };
  const nextBuyer = () =>
    void ask({ type: 'desk/next' })
      .then((r) => {
        if (!r.target) say(t('deskNobodyWaiting'));
      })
      .catch(() => undefined);
  const say = (text: string) => {
    notice = { text, until: Date.now() + 4000 };
    paint();
  };

  const paint = () => {
    const now = Date.now();
    const healthy = state?.health.healthy ?? false;
    const waiting = healthy ? live.waiting(now) : [];
    if (healthy) {
      try {
        chips.render(adapter.rowElements(document), (row) => adapter.chipSlot(row), new Map(waiting.map((w) => [w.buyer, w.countdown])));
      } catch {
        chips.clear();
      }
    } else chips.clear();
    const names = new Map(state?.rows.map((r) => [r.buyer, r.nickname]) ?? []);
    // The page may have taken the overlay out of its body: put it back (a second's check, no DOM walk).
    ui.ensureAttached();
    if (ui.root()) {
      render(
        <Overlay
          state={state}
          waiting={waiting.map((w) => ({ buyer: w.buyer, nickname: names.get(w.buyer) ?? null, countdown: w.countdown }))}
          onOpenBuyer={openBuyer}
          desk={{ shortcut, onNext: nextBuyer, notice: notice && notice.until > Date.now() ? notice.text : null }}
          onExclude={exclude}
          shopAsk={pageShowsShop === false ? { saved: savedShop(), onSave: saveShop } : null}
          ourSide={adapter.ourSideNicknames ? ourSide : undefined}
          clockDiff={pageClock && state ? clockDisagreements(state.rows, waiting.map((w) => ({ buyer: w.buyer, elapsedMs: w.countdown.elapsedMs }))) : undefined}
        />,
        ui.root()!,
      );
    }
    report(healthy ? live.entries(waiting, names) : [], waiting.map((w) => w.countdown.level));
  };

  // The background keeps every tab's waiting buyers (badge, popup, desk, notifications). Tell it when
  // the set of rounds, the page's health or whether the agent is looking at this tab changes, and at
  // least every HEARTBEAT_MS: a tab that stops reporting is shown as silent on the desk.
  let lastReport = '';
  let lastSentAt = 0;
  const inView = () => document.visibilityState === 'visible' && document.hasFocus();
  const report = (entries: WaitingEntry[], levels: string[]) => {
    const healthy = state?.health.healthy ?? false;
    const msg = { type: 'tab/waiting' as const, platform: adapter.platform, shop: state?.shop ?? null, healthy, inView: inView(), waiting: entries };
    // Levels are in the key so the background re-evaluates (badge, alerts) the moment one changes,
    // not only at its next alarm.
    const key = JSON.stringify([msg.shop, healthy, msg.inView, entries.map((e) => [e.round, e.nickname]), levels]);
    if (key === lastReport && Date.now() - lastSentAt < HEARTBEAT_MS) return;
    lastReport = key;
    lastSentAt = Date.now();
    ask(msg).catch(() => {
      lastReport = ''; // the background was asleep or reloading: say it again on the next tick
    });
  };

  const safeShop = () => {
    try {
      return adapter.shop(document);
    } catch {
      return null;
    }
  };

  /** Our-side nicknames seen on this page (robot or human), for the overlay's diagnostics. */
  let ourSide: { nickname: string; robot: boolean }[] = [];
  const scan = () => {
    const t0 = performance.now();
    try {
      const r = watcher.scan();
      state = r.state;
      // Where robots are told by nickname, the diagnostics list who wrote on our side.
      if (adapter.ourSideNicknames && r.state.health.healthy) ourSide = mergeNicknames(ourSide, adapter.ourSideNicknames(document));
      if (pageShowsShop === null && r.state.health.healthy) pageShowsShop = safeShop() !== null;
      emit(r.events);
    } catch (e) {
      state = {
        health: { healthy: false, problems: [`scan failed: ${e instanceof Error ? e.message : String(e)}`] },
        shop: null,
        rows: [],
        openBuyer: null,
      };
    }
    paint();
    placeCaret();
    templates.refresh();
    guard.afterScan();
    // Visible in the page's performance timeline (DevTools, the timing benchmark).
    performance.measure('kefu-pilot:scan', { start: t0, end: performance.now() });
  };

  // The countdown clock: one tick a second repaints chips and panel; no DOM reads beyond the rows.
  const tick = () => {
    const t0 = performance.now();
    live.forgetClosed();
    paint();
    performance.measure('kefu-pilot:tick', { start: t0, end: performance.now() });
  };
  ctx.setInterval(tick, 1000);

  watchSettings((s) => {
    const before = settings ? savedShop() : undefined;
    settings = s;
    live.configure(s.timing.profiles);
    try {
      adapter.configure?.({ robotNicknames: s.robotNicknames[adapter.platform] ?? null });
    } catch {
      // An adapter that cannot take its settings keeps its defaults.
    }
    // The shop of a page that shows none was just named or renamed: open rounds follow it.
    const after = savedShop();
    if (pageShowsShop === false && before !== undefined && after && after !== before) {
      emit(moveRoundsToShop(live.waiting(Date.now()), before ?? '', after));
    }
    paint();
  });

  const templates = await startTemplates(ctx, { adapter, state: () => state, settings: () => settings, emit });
  const guard = await startGuard(ctx, { adapter, state: () => state, settings: () => settings, emit });
  // The picker first: while it is open, Enter picks a template and never reaches the check or the page.
  hookComposer(ctx, adapter, [templates.handler, guard.handler]);

  // Batch every mutation of a frame into one scan. Hidden tabs get no animation frames, so a timer
  // stands in for them: the agent's other shops keep being watched while this tab is in the back.
  let scheduled = false;
  let raf = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!scheduled) return;
    scheduled = false;
    cancelAnimationFrame(raf);
    clearTimeout(timer);
    scan();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    raf = requestAnimationFrame(run);
    timer = setTimeout(run, 250);
  };

  const host = ui.host;
  const ours = (n: Node) => n === host || host.contains(n) || (n instanceof Element && n.hasAttribute(CHIP_ATTR));
  const observer = new MutationObserver((records) => {
    // Our own overlay and chips changing is not the page changing.
    for (const r of records) {
      if (ours(r.target)) continue;
      if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)) continue;
      schedule();
      return;
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  ctx.onInvalidated(() => {
    observer.disconnect();
    chips.clear();
  });

  const onView = () => paint();
  ctx.addEventListener(document, 'visibilitychange', onView);
  ctx.addEventListener(window, 'focus', onView);
  ctx.addEventListener(window, 'blur', onView);

  browser.runtime.onMessage.addListener((raw: unknown) => {
    const cmd = tabCommand.safeParse(raw);
    if (!cmd.success) return undefined;
    if (cmd.data.type === 'open-buyer') openBuyer(cmd.data.buyer);
    else if (cmd.data.type === 'notice') say(cmd.data.text);
    else playAlertSound();
    return undefined;
  });

  scan();
}
