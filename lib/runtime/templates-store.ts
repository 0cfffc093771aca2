import { storage } from 'wxt/utils/storage';
import { emptyCollection, parseCollection, type TemplateCollection } from '../templates/model';

/**
 * Templates live whole in the extension's `storage.local` (never in the page), as one versioned
 * document. The content script reads and watches it; the options page and the background write it.
 * This module holds no pinyin code: search keys are computed by the writers (index-build).
 */
export const templatesItem = storage.defineItem<unknown>('local:templates');

export interface LoadedTemplates {
  collection: TemplateCollection;
  /** Set when what storage holds could not be read; the agent sees it, nothing is overwritten. */
  error: string | null;
  /** Nothing stored yet (first run, before the starter pack is written). */
  empty: boolean;
}

export function readTemplates(raw: unknown, now = Date.now()): LoadedTemplates {
  if (raw === undefined || raw === null) return { collection: emptyCollection(), error: null, empty: true };
  const r = parseCollection(raw, now);
  if (r.ok) return { collection: r.collection, error: null, empty: false };
  const first = r.issues[0];
  return {
    collection: emptyCollection(),
    error: `templates: ${first ? `${first.path.join('.')}: ${first.message}` : 'unreadable'}`,
    empty: false,
  };
}

export async function getTemplates(): Promise<LoadedTemplates> {
  return readTemplates(await templatesItem.getValue());
}

export async function putTemplates(collection: TemplateCollection): Promise<void> {
  await templatesItem.setValue(collection);
}

export function watchTemplates(cb: (t: LoadedTemplates) => void): () => void {
  void getTemplates().then(cb);
  return templatesItem.watch((v) => cb(readTemplates(v)));
}
