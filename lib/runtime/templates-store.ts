import { storage } from 'wxt/utils/storage';
import { collectionSchema, emptyCollection, parseCollection, type TemplateCollection } from '../templates/model';

/**
 * Templates live in the extension's `storage.local` (never in the page) under two keys:
 *
 * - `templates`: the versioned document, written by the options page only (and by the background
 *   once, for the starter pack on first run). The store refuses to write a document the schema
 *   refuses, so what is stored always reads back.
 * - `template-usage`: `{ [templateId]: count }`, written by the background only, as the agent inserts
 *   templates. Keeping it apart means a counted use never overwrites an edit, nor an edit a use.
 *
 * Readers get one document: a template's `usageCount` is the larger of the two (the document's own
 * count is what older versions kept, or what a restored backup brought; the usage key starts from
 * it and goes on counting), so search and suggestions rank by it as before.
 *
 * This module holds no pinyin code: search keys are computed by the writers (index-build).
 */
export const templatesItem = storage.defineItem<unknown>('local:templates');
export const usageItem = storage.defineItem<unknown>('local:template-usage');

export type UsageCounts = Record<string, number>;

export interface LoadedTemplates {
  collection: TemplateCollection;
  /** Set when what storage holds could not be read; the agent sees it, nothing is overwritten. */
  error: string | null;
  /** Nothing stored yet (first run, before the starter pack is written). */
  empty: boolean;
}

/** What the usage key holds → counts (bad entries dropped); null when there is nothing. */
export function readUsage(raw: unknown): UsageCounts | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: UsageCounts = {};
  for (const [id, n] of Object.entries(raw)) if (Number.isSafeInteger(n) && (n as number) > 0) out[id] = n as number;
  return out;
}

/** The document with each template's usage count raised to what the usage key counted. Pure. */
export function mergeUsage(collection: TemplateCollection, usage: UsageCounts | null): TemplateCollection {
  if (!usage) return collection;
  let changed = false;
  const templates = collection.templates.map((t) => {
    const n = usage[t.id];
    if (n === undefined || n <= t.usageCount) return t;
    changed = true;
    return { ...t, usageCount: n };
  });
  return changed ? { ...collection, templates } : collection;
}

export function readTemplates(raw: unknown, usageRaw?: unknown, now = Date.now()): LoadedTemplates {
  if (raw === undefined || raw === null) return { collection: emptyCollection(), error: null, empty: true };
  const r = parseCollection(raw, now);
  if (r.ok) return { collection: mergeUsage(r.collection, readUsage(usageRaw)), error: null, empty: false };
  const first = r.issues[0];
  return {
    collection: emptyCollection(),
    error: `templates: ${first ? `${first.path.join('.')}: ${first.message}` : 'unreadable'}`,
    empty: false,
  };
}

export async function getTemplates(): Promise<LoadedTemplates> {
  const [raw, usage] = await Promise.all([templatesItem.getValue(), usageItem.getValue()]);
  return readTemplates(raw, usage);
}

/**
 * Store the document. Refuses (rejects, storage untouched) a document the stored schema refuses:
 * such a document would read back as an error, leaving the agent without templates.
 */
export async function putTemplates(collection: TemplateCollection): Promise<void> {
  const r = collectionSchema.safeParse(collection);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new Error(`templates: not stored, ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid document'}`);
  }
  await templatesItem.setValue(r.data);
}

/** Calls `onChange` after every change of the document or of the usage counts. */
function watchKeys(onChange: () => void): () => void {
  const offs = [templatesItem.watch(onChange), usageItem.watch(onChange)];
  return () => {
    for (const off of offs) off();
  };
}

/**
 * Calls back with the templates now and after every change of either key. Each change is read
 * afresh (not taken from the event), and a read is delivered only when no later one was, so a late
 * event never brings back an older document.
 */
export function watchTemplates(cb: (t: LoadedTemplates) => void): () => void {
  let issued = 0;
  let delivered = 0;
  let closed = false;
  const read = () => {
    const n = ++issued;
    void getTemplates().then((l) => {
      if (closed || n < delivered) return;
      delivered = n;
      cb(l);
    });
  };
  read();
  const unwatch = watchKeys(read);
  return () => {
    closed = true;
    unwatch();
  };
}

let usageWrites: Promise<void> = Promise.resolve();

/**
 * Background: the agent inserted these templates (one id per insertion). Only the usage key is
 * written, one call after another. The first time, it starts from the counts the document has
 * (versions that kept usage in the document); counts of templates no longer in the document go.
 */
export function recordTemplateUses(ids: readonly string[]): Promise<void> {
  if (!ids.length) return usageWrites;
  const run = usageWrites.then(async () => {
    const [raw, usageRaw] = await Promise.all([templatesItem.getValue(), usageItem.getValue()]);
    const loaded = readTemplates(raw);
    if (loaded.error || loaded.empty) return;
    const stored = readUsage(usageRaw) ?? {};
    const counts: UsageCounts = {};
    const present = new Map(loaded.collection.templates.map((t) => [t.id, t.usageCount]));
    for (const [id, own] of present) {
      const n = Math.max(own, stored[id] ?? 0);
      if (n > 0) counts[id] = n;
    }
    let changed = false;
    for (const id of ids) {
      if (!present.has(id)) continue;
      counts[id] = (counts[id] ?? 0) + 1;
      changed = true;
    }
    if (changed) await usageItem.setValue(counts);
  });
  usageWrites = run.catch((e: unknown) => console.warn('kefu-pilot: usage not counted', e));
  return run;
}

/** The options page's view of the document: what it last read or wrote, and its changes. */
export interface TemplatesSession {
  /** Null until the first read. */
  current(): LoadedTemplates | null;
  /**
   * Store `change(current)`: shown at once, written after the changes before it. Rejects (and shows
   * what storage holds again) when it cannot be stored, e.g. a document the schema refuses.
   */
  commit(change: (c: TemplateCollection) => TemplateCollection): Promise<TemplateCollection>;
  close(): void;
}

/**
 * Open the document for editing; `onChange` gets every new state (own changes and others': usage
 * counted by the background, another page's edit). While the page's own writes are under way, reads
 * started before them are dropped (they would show an older document, on which the next edit would
 * then be made); once the last write is done the page reads storage again.
 */
export function openTemplatesSession(onChange: (t: LoadedTemplates) => void): TemplatesSession {
  let state: LoadedTemplates | null = null;
  /** Bumped by every change of ours: a read started before it is older than what the page shows. */
  let rev = 0;
  let writing = 0;
  let closed = false;
  let issued = 0;
  let delivered = 0;
  let writes: Promise<unknown> = Promise.resolve();
  const deliver = (l: LoadedTemplates) => {
    if (closed) return;
    state = l;
    onChange(l);
  };
  const refresh = async () => {
    const at = rev;
    const n = ++issued;
    const l = await getTemplates();
    if (at !== rev || writing > 0 || n < delivered) return;
    delivered = n;
    deliver(l);
  };
  const read = () => void refresh().catch((e: unknown) => console.warn('kefu-pilot: templates not read', e));
  read();
  const unwatch = watchKeys(read);
  return {
    current: () => state,
    async commit(change) {
      if (!state || state.error !== null) throw new Error(state?.error ?? 'not loaded');
      const next = change(state.collection);
      rev++;
      writing++;
      deliver({ collection: next, error: null, empty: false });
      const write = writes.then(() => putTemplates(next));
      writes = write.catch(() => undefined);
      try {
        await write;
      } catch (e) {
        writing--;
        rev++;
        // Show what storage holds again (when it can be read), and say why the change was not kept.
        deliver(await getTemplates().catch(() => state!));
        throw e;
      }
      writing--;
      // Catch up with what others changed meanwhile (usage counted while we wrote).
      if (writing === 0) await refresh();
      return next;
    },
    close() {
      closed = true;
      unwatch();
    },
  };
}
