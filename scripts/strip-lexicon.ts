/**
 * What a production content script keeps of the lexicon's word lists. lexicon/compiled.json already
 * holds every word expanded, folded and keyed, so the lists themselves are needed only to make it
 * (npm run gen:lexicon) and outside a production build; the bundle keeps their rules' reasons and
 * suggestions, the structural detectors' roles and pairs, the numbers of windows and gaps, the
 * marketplaces' names and the domains, and drops the words. A test (strip-lexicon.test.ts) checks that
 * the check finds the same on every labelled message with the lists stripped.
 */

/** The lexicon's data files whose word lists a production build drops. */
export const STRIPPED_FILES = /\/lib\/compliance\/lexicon\/(?!compiled|homophones|traditional|variants)[a-z-]+\.json$/;

/** Keys whose value is a list of words (or of entries holding words): emptied. */
const WORD_LISTS = new Set([
  'terms', 'standalone', 'first', 'then', 'strong', 'normal', 'weak', 'words', 'phrases', 'go', 'self', 'action', 'lure',
  'except', 'store', 'return', 'sendBack', 'complaint', 'pairs',
]);

function strip(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return WORD_LISTS.has(key) ? [] : value.map((v) => strip(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('_')) continue; // comments
    // A structural detector's roles: the names (and so the bits) stay, the words go.
    if (k === 'roles' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.keys(v).map((name) => [name, []]));
      continue;
    }
    // The number contexts' words (context.json numbers.kinds): the kinds stay, in order.
    if (k === 'kinds' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.keys(v).map((name) => [name, []]));
      continue;
    }
    out[k] = strip(v, k);
  }
  return out;
}

/** A lexicon data file without its words. */
export function stripWordLists<T>(data: T): T {
  return strip(data) as T;
}
