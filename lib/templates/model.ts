import { z } from 'zod';
import { PLATFORMS } from '../stats/events';
import { SEARCH_KEYS_VERSION } from './keys';
import { fnv1a32 } from '../hash';

/**
 * Templated replies: the stored model. One versioned document, `{version, templates, groups}`, kept
 * whole in extension storage (never in the page) and exported / imported whole.
 *
 * Times are epoch milliseconds. A template's `group` is a group id from `groups`. Search keys
 * (`search`) are computed by `index-build.ts` when a template is saved or imported; the content
 * script only reads them.
 */

export const COLLECTION_VERSION = 2;

/** Platforms a template can be scoped to (the event schema's list). */
export const PLATFORM_NAMES = PLATFORMS;

export const TITLE_MAX = 60;
export const BODY_MAX = 2000;
export const SHORTCUT_MAX = 32;
export const GROUP_NAME_MAX = 40;
export const SHOP_MAX = 200;
export const TAG_MAX = 40;
export const TAGS_MAX = 20;
export const GROUPS_MAX = 1000;
export const TEMPLATES_MAX = 20000;

/**
 * Length as the schema's `.max()` counts it (zod counts code points: an emoji is one character, a
 * lone surrogate too). Importers check limits with it so that they refuse exactly what the schema does.
 */
export function textLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++)
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) n--, i++;
  return n;
}

export const searchKeysSchema = z.object({
  v: z.number().int(),
  src: z.string().max(16),
  syllables: z.array(z.string().max(40)).max(TITLE_MAX * 2),
  pinyin: z.string().max(TITLE_MAX * 8),
  initials: z.string().max(TITLE_MAX * 2),
  body: z.string().max(6000),
});

/**
 * A shortcut (快捷编码) is one word without spaces or braces, matched case-insensitively and stored
 * lower-cased: `tuihuo`, `th1`; Qianniu also lets sellers use hanzi (`退货`), which is accepted.
 */
export const shortcutSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(SHORTCUT_MAX)
  .regex(/^[^\s{}｛｝]+$/, 'shortcut: no spaces or braces');

export const templateSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(TITLE_MAX),
  body: z.string().min(1).max(BODY_MAX).refine((s) => s.trim().length > 0, 'body is blank'),
  group: z.string().min(1).max(100),
  shortcut: shortcutSchema.optional(),
  /** Only offered on this platform's workbench; absent = every platform. */
  platform: z.enum(PLATFORMS).optional(),
  /** Only offered in this shop (the shop name the adapter reads); absent = every shop. */
  shop: z.string().trim().min(1).max(SHOP_MAX).optional(),
  /** Intent tags used by suggestions (`refund`, `first`, …); free text. */
  tags: z.array(z.string().min(1).max(TAG_MAX)).max(TAGS_MAX).default([]),
  usageCount: z.number().int().min(0).default(0),
  /** Position inside its group (ascending). */
  order: z.number().finite().default(0),
  createdAt: z.number().int().min(0),
  updatedAt: z.number().int().min(0),
  search: searchKeysSchema.optional(),
});

export const groupSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(GROUP_NAME_MAX),
  order: z.number().finite().default(0),
});

export const collectionSchema = z
  .object({
    version: z.literal(COLLECTION_VERSION),
    templates: z.array(templateSchema).max(TEMPLATES_MAX),
    groups: z.array(groupSchema).max(GROUPS_MAX),
  })
  .superRefine((c, ctx) => {
    const groupIds = new Set<string>();
    c.groups.forEach((g, i) => {
      if (groupIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `duplicate group id ${g.id}` });
      groupIds.add(g.id);
    });
    const ids = new Set<string>();
    c.templates.forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['templates', i, 'id'], message: `duplicate template id ${t.id}` });
      ids.add(t.id);
      if (!groupIds.has(t.group))
        ctx.addIssue({ code: 'custom', path: ['templates', i, 'group'], message: `unknown group ${t.group}` });
    });
  });

export type Template = z.output<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;
export type TemplateGroup = z.output<typeof groupSchema>;
export type TemplateCollection = z.output<typeof collectionSchema>;
export type { SearchKeys } from './keys';
export { SEARCH_KEYS_VERSION };

// ---------------------------------------------------------------------------------------------
// Version 1 and migrations
// ---------------------------------------------------------------------------------------------

/**
 * Version 1: the minimal shape a first version (or a hand-written file) has: templates carry
 * their group by NAME, a `uses` counter and optional ISO/epoch times, and there is no group list,
 * no order and no search keys. Kept so that such documents still load.
 */
export const templateV1Schema = z.object({
  id: z.string().min(1).max(100).optional(),
  title: z.string(),
  body: z.string(),
  group: z.string().optional(),
  shortcut: z.string().optional(),
  uses: z.number().int().min(0).optional(),
  created: z.union([z.number(), z.string()]).optional(),
  updated: z.union([z.number(), z.string()]).optional(),
});
export const collectionV1Schema = z.object({
  version: z.literal(1),
  templates: z.array(templateV1Schema),
});
export type TemplateCollectionV1 = z.output<typeof collectionV1Schema>;

/** Group name used when a template arrives without one. */
export const DEFAULT_GROUP_NAME = '未分组';

/** Deterministic group id from a name (migrations and imports must not depend on randomness). */
export function groupIdForName(name: string): string {
  return `g-${fnv1a32(name).toString(36)}`;
}

const toEpoch = (v: number | string | undefined, fallback: number): number => {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.floor(v);
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  return fallback;
};

/**
 * v1 → v2: group names become a group list with stable ids (in order of first appearance),
 * `uses` becomes `usageCount`, times become epoch ms (`now` when absent), templates get an `order`
 * by their position inside their group, missing ids get `t-<index>`. Search keys are left absent:
 * `index-build.ts` adds them (the content-script search treats absent keys as stale and still
 * matches hanzi and shortcuts). The result is validated against the v2 schema.
 */
export function migrateV1toV2(v1: TemplateCollectionV1, now: number): TemplateCollection {
  const groups: TemplateGroup[] = [];
  const byName = new Map<string, TemplateGroup>();
  const perGroup = new Map<string, number>();
  const templates = v1.templates.map((t, i) => {
    const name = (t.group ?? '').trim() || DEFAULT_GROUP_NAME;
    let g = byName.get(name);
    if (!g) {
      g = { id: groupIdForName(name), name, order: groups.length };
      byName.set(name, g);
      groups.push(g);
    }
    const order = perGroup.get(g.id) ?? 0;
    perGroup.set(g.id, order + 1);
    const createdAt = toEpoch(t.created, now);
    const shortcut = t.shortcut?.trim();
    return {
      id: t.id ?? `t-${i + 1}`,
      title: t.title,
      body: t.body,
      group: g.id,
      ...(shortcut ? { shortcut } : {}),
      tags: [],
      usageCount: t.uses ?? 0,
      order,
      createdAt,
      updatedAt: toEpoch(t.updated, createdAt),
    };
  });
  return collectionSchema.parse({ version: 2, templates, groups });
}

export type ParseResult =
  | { ok: true; collection: TemplateCollection; migratedFrom: number | null }
  | { ok: false; issues: { path: (string | number)[]; message: string }[] };

/**
 * Read a stored or exported document of any known version: migrates older versions step by step
 * and validates. Never throws.
 */
export function parseCollection(raw: unknown, now: number): ParseResult {
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  const fail = (error: z.ZodError): ParseResult => ({
    ok: false,
    issues: error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  });
  if (version === 1) {
    const v1 = collectionV1Schema.safeParse(raw);
    if (!v1.success) return fail(v1.error);
    try {
      return { ok: true, collection: migrateV1toV2(v1.data, now), migratedFrom: 1 };
    } catch (e) {
      if (e instanceof z.ZodError) return fail(e);
      throw e;
    }
  }
  if (version === COLLECTION_VERSION) {
    const r = collectionSchema.safeParse(raw);
    return r.success ? { ok: true, collection: r.data, migratedFrom: null } : fail(r.error);
  }
  return { ok: false, issues: [{ path: ['version'], message: `unsupported version ${JSON.stringify(version)}` }] };
}

/** A new empty document. */
export function emptyCollection(): TemplateCollection {
  return { version: COLLECTION_VERSION, templates: [], groups: [] };
}

/** A random id (`crypto.randomUUID` exists in extension pages, content scripts and Node 20). */
export function newId(prefix = 't'): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The group a template belongs to, by id. */
export function groupName(collection: TemplateCollection, groupId: string): string | undefined {
  return collection.groups.find((g) => g.id === groupId)?.name;
}

/** The template's usage count + 1 (after an insertion; not an edit, so `updatedAt` stays). Pure. */
export function recordUse(collection: TemplateCollection, id: string): TemplateCollection {
  return {
    ...collection,
    templates: collection.templates.map((t) => (t.id === id ? { ...t, usageCount: t.usageCount + 1 } : t)),
  };
}

/** Templates in display order: group order, then order inside the group, then title. */
export function sortedTemplates(collection: TemplateCollection): Template[] {
  const gOrder = new Map(collection.groups.map((g) => [g.id, g.order]));
  return [...collection.templates].sort(
    (a, b) =>
      (gOrder.get(a.group) ?? Infinity) - (gOrder.get(b.group) ?? Infinity) ||
      a.order - b.order ||
      (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}

/**
 * Move `ids` (in the given order) to the positions of a group: sets `group` and `order` for them
 * and renumbers the group's other templates after them. Pure.
 */
export function reorderGroup(collection: TemplateCollection, groupId: string, ids: string[], now: number): TemplateCollection {
  const wanted = new Map(ids.map((id, i) => [id, i]));
  const rest = collection.templates
    .filter((t) => t.group === groupId && !wanted.has(t.id))
    .sort((a, b) => a.order - b.order);
  const restOrder = new Map(rest.map((t, i) => [t.id, ids.length + i]));
  return {
    ...collection,
    templates: collection.templates.map((t) => {
      const w = wanted.get(t.id);
      if (w !== undefined) return t.group === groupId && t.order === w ? t : { ...t, group: groupId, order: w, updatedAt: now };
      const r = restOrder.get(t.id);
      return r !== undefined && r !== t.order ? { ...t, order: r } : t;
    }),
  };
}

/** A new group at the end (or the existing one with that name). Pure. */
export function addGroup(collection: TemplateCollection, name: string, id: string = newId('g')): { collection: TemplateCollection; group: TemplateGroup } {
  const clean = groupSchema.shape.name.parse(name);
  const same = collection.groups.find((g) => g.name === clean);
  if (same) return { collection, group: same };
  const group = { id, name: clean, order: collection.groups.reduce((m, g) => Math.max(m, g.order + 1), 0) };
  return { collection: { ...collection, groups: [...collection.groups, group] }, group };
}

/** Rename a group (names are unique: renaming onto another group's name throws). Pure. */
export function renameGroup(collection: TemplateCollection, id: string, name: string): TemplateCollection {
  const clean = groupSchema.shape.name.parse(name);
  if (collection.groups.some((g) => g.name === clean && g.id !== id)) throw new Error(`group ${clean} exists`);
  return { ...collection, groups: collection.groups.map((g) => (g.id === id ? { ...g, name: clean } : g)) };
}

/** Delete a group; its templates move to the end of `moveTo`, or are deleted when it is absent. Pure. */
export function deleteGroup(collection: TemplateCollection, id: string, moveTo?: string): TemplateCollection {
  if (moveTo !== undefined && (moveTo === id || !collection.groups.some((g) => g.id === moveTo))) throw new Error(`bad target group ${moveTo}`);
  let next = collection.templates.filter((t) => t.group === moveTo).reduce((m, t) => Math.max(m, t.order + 1), 0);
  const templates = collection.templates
    .filter((t) => t.group !== id || moveTo !== undefined)
    .map((t) => (t.group === id ? { ...t, group: moveTo!, order: next++ } : t));
  return { ...collection, groups: collection.groups.filter((g) => g.id !== id), templates };
}

/** Delete one template. Pure. */
export function deleteTemplate(collection: TemplateCollection, id: string): TemplateCollection {
  return { ...collection, templates: collection.templates.filter((t) => t.id !== id) };
}
