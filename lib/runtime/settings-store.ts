import { storage } from 'wxt/utils/storage';
import { loadSettings, type Settings } from '../settings';

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
