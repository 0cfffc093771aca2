import { pinyin, polyphonic } from 'pinyin-pro';
import { BODY_PINYIN_MAX_CHARS, SEARCH_KEYS_VERSION, fold, keysAreFresh, sourceHash, type SearchKeys } from './keys';
import { templateSchema, type Template, type TemplateCollection } from './model';

/**
 * Search keys are computed HERE, when a template is saved or imported, by the options page or the
 * background — never in the content script, so pinyin-pro and its dictionary stay out of the
 * workbench bundle. `search.ts` only reads what this module stored.
 */

const HAN = /\p{Script=Han}/u;
const WORD = /^[a-z0-9]$/;
const OPTS = { toneType: 'none', type: 'array', v: true } as const;

/** Toneless readings of one string, one entry per code point (pinyin-pro keeps that alignment). */
function perCodePoint(text: string, cps: string[]): string[] {
  const out = pinyin(text, OPTS);
  if (out.length === cps.length) return out;
  // Defensive: should the library ever group characters, fall back to one call per character.
  return cps.map((c) => pinyin(c, OPTS)[0] ?? c);
}

const clean = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/[^a-z]/g, '');

/** Compute the stored search keys of a title and body (see {@link SearchKeys}). */
export function computeSearchKeys(title: string, body: string): SearchKeys {
  const cps = Array.from(title);
  const primary = perCodePoint(title, cps);
  const poly = polyphonic(title, OPTS);
  const polyAligned = poly.length === cps.length;
  const syllables: string[] = [];
  let full = '';
  let initials = '';
  cps.forEach((ch, i) => {
    const folded = fold(ch);
    if (HAN.test(ch)) {
      const main = clean(primary[i]);
      const readings = new Set<string>(main ? [main] : []);
      if (polyAligned) for (const r of poly[i] ?? []) if (clean(r)) readings.add(clean(r));
      syllables.push([...readings].join('|'));
      full += main;
      initials += main.slice(0, 1);
    } else if (WORD.test(folded)) {
      syllables.push(folded);
      full += folded;
      initials += folded;
    } else syllables.push('');
  });

  // Variable tokens ({买家昵称}, {填写:尺码}) are not words of the reply: left out of the body keys.
  const bodyCps = Array.from(body.replace(/[{｛][^{}｛｝\n]{1,30}[}｝]/g, ' ')).slice(0, BODY_PINYIN_MAX_CHARS);
  const bodyText = bodyCps.join('');
  const bodyPy = perCodePoint(bodyText, bodyCps);
  const words: string[] = [];
  let word = '';
  bodyCps.forEach((ch, i) => {
    const folded = fold(ch);
    if (WORD.test(folded)) {
      word += folded;
      return;
    }
    if (word) words.push(word), (word = '');
    if (HAN.test(ch)) {
      const s = clean(bodyPy[i]);
      if (s) words.push(s);
    }
  });
  if (word) words.push(word);

  return {
    v: SEARCH_KEYS_VERSION,
    src: sourceHash(title, body),
    syllables,
    pinyin: full,
    initials,
    body: words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
  };
}

/** The template with fresh search keys (unchanged object when its keys are already fresh). */
export function withSearchKeys<T extends Pick<Template, 'title' | 'body' | 'search'>>(t: T): T {
  return keysAreFresh(t.search, t.title, t.body) ? t : { ...t, search: computeSearchKeys(t.title, t.body) };
}

/** Every template of the document with fresh search keys (call after loading, migrating, importing). */
export function ensureSearchKeys(collection: TemplateCollection): TemplateCollection {
  let changed = false;
  const templates = collection.templates.map((t) => {
    const u = withSearchKeys(t);
    if (u !== t) changed = true;
    return u;
  });
  return changed ? { ...collection, templates } : collection;
}

/** What the options page's editor submits. Absent `id` = a new template. */
export interface TemplateDraft {
  id?: string;
  title: string;
  body: string;
  group: string;
  shortcut?: string;
  platform?: Template['platform'];
  shop?: string;
  tags?: string[];
}

export type SaveResult =
  | { ok: true; collection: TemplateCollection; template: Template }
  | { ok: false; issues: { field: string; message: string }[] };

/**
 * Validate a draft, compute its search keys and put it into the document (new: appended at the
 * end of its group; existing: fields replaced, id / usage / createdAt kept). Pure.
 */
export function saveTemplate(
  collection: TemplateCollection,
  draft: TemplateDraft,
  now: number,
  makeId: () => string = () => `t-${crypto.randomUUID()}`,
): SaveResult {
  const prev = draft.id ? collection.templates.find((t) => t.id === draft.id) : undefined;
  if (draft.id && !prev) return { ok: false, issues: [{ field: 'id', message: `no template ${draft.id}` }] };
  if (!collection.groups.some((g) => g.id === draft.group))
    return { ok: false, issues: [{ field: 'group', message: `unknown group ${draft.group}` }] };
  const inGroup = collection.templates.filter((t) => t.group === draft.group);
  const order = prev && prev.group === draft.group ? prev.order : inGroup.reduce((m, t) => Math.max(m, t.order + 1), 0);
  const shortcut = draft.shortcut?.trim();
  const shop = draft.shop?.trim();
  const parsed = templateSchema.safeParse({
    id: prev?.id ?? makeId(),
    title: draft.title,
    body: draft.body,
    group: draft.group,
    ...(shortcut ? { shortcut } : {}),
    ...(draft.platform ? { platform: draft.platform } : {}),
    ...(shop ? { shop } : {}),
    tags: draft.tags ?? prev?.tags ?? [],
    usageCount: prev?.usageCount ?? 0,
    order,
    createdAt: prev?.createdAt ?? now,
    updatedAt: now,
  });
  if (!parsed.success)
    return { ok: false, issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })) };
  const template = withSearchKeys(parsed.data);
  const templates = prev
    ? collection.templates.map((t) => (t.id === prev.id ? template : t))
    : [...collection.templates, template];
  return { ok: true, collection: { ...collection, templates }, template };
}
