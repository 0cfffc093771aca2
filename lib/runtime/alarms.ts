import { browser } from 'wxt/browser';

/**
 * A periodic alarm that the service worker's restarts do not push back. An MV3 background starts
 * again for every message after it was stopped; creating the alarm at each start would reset its
 * schedule every time, and during a busy shift it would never fire. It is created only when it is
 * missing (first run, after an update, or when the browser dropped it on restart) or set differently.
 * Returns whether it was (re)created.
 */
export async function ensurePeriodicAlarm(name: string, periodInMinutes: number, delayInMinutes = 1): Promise<boolean> {
  const existing = await browser.alarms.get(name);
  if (existing && existing.periodInMinutes === periodInMinutes) return false;
  await browser.alarms.create(name, { delayInMinutes, periodInMinutes });
  return true;
}
