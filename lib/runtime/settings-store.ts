import { storage } from 'wxt/utils/storage';
import { loadSettings, type Settings } from '../settings';
import { newSalt } from '../stats/pseudonym';

/** Settings live in `storage.local` (the extension's, not the page's), read through `loadSettings`. */
const item = storage.defineItem<unknown>('local:settings');

export async function getSettings(): Promise<Settings> {
  return loadSettings(await item.getValue());
}

export async function saveSettings(next: Settings): Promise<void> {
  await item.setValue(loadSettings(next));
}

export async function updateSettings(change: (s: Settings) => Settings): Promise<Settings> {
  const next = loadSettings(change(await getSettings()));
  await item.setValue(next);
  return next;
}

/** Calls back with the current settings now and on every change; returns the unsubscribe. */
export function watchSettings(cb: (s: Settings) => void): () => void {
  void getSettings().then(cb);
  return item.watch((v) => cb(loadSettings(v)));
}

/**
 * The install's pseudonym salt, made on first use and kept in `storage.local`: every pseudonymised
 * export of this browser gives a buyer the same 买家-… name, so files exported on different days can be
 * put side by side. It never leaves the browser, and without it a pseudonym cannot be traced back.
 */
const saltItem = storage.defineItem<string>('local:pseudonymSalt', { init: () => newSalt() });

export const getPseudonymSalt = (): Promise<string> => saltItem.getValue();
