import '@/lib/runtime/no-eval';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { KefuDb } from '@/lib/stats/db';
import { createHandler } from '@/lib/runtime/handler';
import { decodeDataUrl } from '@/lib/runtime/qr-decode';
import { TabRegistry, type RegistrySnapshot } from '@/lib/runtime/tab-registry';
import { getSettings, watchSettings } from '@/lib/runtime/settings-store';
import { getTemplates, putTemplates, recordTemplateUses } from '@/lib/runtime/templates-store';
import { starterCollection } from '@/lib/templates/starter';
import { ensureSearchKeys } from '@/lib/templates/index-build';
import { pruneEvents } from '@/lib/stats/rollup';
import { ensurePeriodicAlarm } from '@/lib/runtime/alarms';
import { allowedFrom } from '@/lib/runtime/sender-policy';

const ALARM = 'kp-next-deadline';
const MAINTENANCE = 'kp-maintenance';
const SNAPSHOT_KEY = 'kp-registry';
const NEXT_BUYER = 'next-buyer';

/** The next-buyer key as the browser has it now (the agent may have changed or removed it). */
async function nextBuyerShortcut(): Promise<string> {
  const all = await browser.commands.getAll();
  return all.find((c) => c.name === NEXT_BUYER)?.shortcut ?? '';
}

export default defineBackground(() => {
  // The service worker may be stopped at any time; the registry's state waits in storage.session
  // (cleared with the browser session) so a restarted worker carries on with the same tabs.
  const ready = browser.storage.session
    .get(SNAPSHOT_KEY)
    .then((got) => got[SNAPSHOT_KEY] as RegistrySnapshot | undefined)
    .catch(() => undefined)
    .then(
      (snapshot) =>
        new TabRegistry(
          {
            setBadge(text) {
              // MV3 has `action`; Firefox's MV2 build has `browserAction`.
              const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
              void action.setBadgeText({ text });
              void action.setBadgeBackgroundColor({ color: '#d1242f' });
            },
            wakeAt(at) {
              if (at === null) void browser.alarms.clear(ALARM);
              // Chrome wakes an alarm no sooner than 30 s from now; the page's own clock covers the rest.
              else void browser.alarms.create(ALARM, { when: at });
            },
            notify(alert, title, message) {
              void browser.notifications.create(alert.id, {
                type: 'basic',
                iconUrl: browser.runtime.getURL('/icon/128.png'),
                title,
                message,
                priority: 2,
              });
            },
            async focusTab(tabId, windowId) {
              await browser.tabs.update(tabId, { active: true });
              if (windowId !== null) await browser.windows.update(windowId, { focused: true });
            },
            async sendToTab(tabId, command) {
              await browser.tabs.sendMessage(tabId, command);
            },
            save(s) {
              void browser.storage.session.set({ [SNAPSHOT_KEY]: s });
            },
            settings: async () => (await getSettings()).alerts,
          },
          () => Date.now(),
          snapshot,
        ),
    );

  const db = new KefuDb();

  // Usage counts rank the agent's own favourite templates first.
  async function countTemplateUse(fresh: { type: string; template?: string }[]) {
    const used = fresh.filter((e) => e.type === 'template_used' && e.template);
    await recordTemplateUses(used.map((e) => e.template!));
  }

  // First run: the starter pack, with its pinyin search keys computed here (never in the page).
  browser.runtime.onInstalled.addListener(() => {
    void getTemplates().then((loaded) => {
      if (loaded.empty) return putTemplates(ensureSearchKeys(starterCollection(Date.now())));
    });
  });
  let handle: ReturnType<typeof createHandler> | null = null;
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: unknown) => void) => {
    // Content scripts share their page with the platform's scripts: they get only what they need.
    if (!allowedFrom(message, { tabId: sender.tab?.id, url: sender.url, extensionOrigin })) {
      sendResponse({ ok: false, error: 'not allowed from a web page' });
      return undefined;
    }
    void ready.then((registry) => {
      handle ??= createHandler(db, { registry, settings: getSettings, onStored: countTemplateUse, decodeQr: decodeDataUrl, shortcut: nextBuyerShortcut });
      return handle(message, { tabId: sender.tab?.id, windowId: sender.tab?.windowId }).then(sendResponse);
    });
    return true;
  });
  // Daily figures of finished days are rolled up, and raw events past the retention period pruned
  // (only once their days are rolled up). A minute after install (or after the browser dropped the
  // alarm), then every six hours; a restart of the service worker does not reset that schedule.
  const maintain = async () => {
    const settings = await getSettings();
    await pruneEvents(db, { now: Date.now(), keepDays: settings.stats.keepDays, profiles: settings.timing.profiles });
  };
  void ensurePeriodicAlarm(MAINTENANCE, 360);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void ready.then((r) => r.evaluate());
    if (alarm.name === MAINTENANCE) void maintain().catch((e) => console.warn('kefu-pilot: maintenance failed', e));
  });
  // New alert settings (quiet hours over, a level turned on) apply to buyers already waiting.
  let first = true;
  watchSettings(() => {
    if (first) first = false;
    else void ready.then((r) => r.evaluate());
  });
  // The next-buyer key: the most urgent waiting buyer of every workbench tab, then the next one.
  browser.commands.onCommand.addListener((command) => {
    if (command === NEXT_BUYER) void ready.then((r) => r.next()).catch((e) => console.warn('kefu-pilot: next buyer failed', e));
  });
  browser.tabs.onRemoved.addListener((tabId) => void ready.then((r) => r.remove(tabId)));
  browser.notifications.onClicked.addListener((id) => {
    void ready.then((r) => r.clicked(id));
    void browser.notifications.clear(id);
  });
});
