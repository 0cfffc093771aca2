/**
 * Links and e-mail addresses, read in the link view (folded; spaces, brackets and emoji dropped;
 * 点 / 。 / dot between letters read as "."). A URL with a scheme or www. is a link whatever its
 * ending; a bare domain needs a known top-level domain (so 1.5kg and v2.0 are not links). The
 * platform's own domains are allowed. Spaced-out domains (t a o b a o . c o m) are found in a second
 * view without spaces, except where the first view already found something.
 */
import type { Candidate } from '../hits';
import { MAIL_DOMAINS, OWN_DOMAINS, ruleIndex, TLDS } from '../lexicon';
import { linkView, type View, viewString } from '../views';

const LINK = ruleIndex('link.url');
const EMAIL = ruleIndex('contact.email');

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TLD = `(?:${[...TLDS].sort((a, b) => b.length - a.length).join('|')})`;
const MAIL = `(?:${MAIL_DOMAINS.map(esc).join('|')})`;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const PATH = "(?:[/?#][a-z0-9\\-._~%!$&'*+,;=:@/?#]*)?";

const EMAIL_RE = new RegExp(
  `(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}(?:@(?:${LABEL}\\.)+[a-z]{2,}|#${MAIL})(?![a-z0-9-])`,
  'g',
);
const URL_RE = new RegExp(
  `(?<![a-z0-9@._%+-])(?:` +
    `(?:https?|ftp)://[a-z0-9\\-._~%!$&'*+,;=:@/?#]+` +
    `|www\\.(?:${LABEL}\\.)+[a-z]{2,}(?::\\d{1,5})?${PATH}` +
    `|(?:${LABEL}\\.)+${TLD}(?![a-z0-9-])(?::\\d{1,5})?${PATH}` +
    `)`,
  'g',
);

/** Domains the platform's own links use; `generic` (and unknown platforms) allow every marketplace's. */
export function ownDomains(platform: string): readonly string[] {
  return OWN_DOMAINS[platform] ?? Object.values(OWN_DOMAINS).flat();
}

export function hostOf(url: string): string {
  const rest = url.replace(/^(?:https?|ftp):\/\//, '');
  const host = /^[^/?#:]*/.exec(rest)![0];
  return host.replace(/^[^@]*@/, '');
}

function allowed(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

const TRAILING = /[.,;:!?'"*~-]+$/;

/**
 * Record a match unless an earlier one (an e-mail, or the first view's link) already covers part of it.
 * `claimed` marks the characters of the text taken so far.
 */
function take(view: View, claimed: Uint8Array, index: number, match: string): [number, number] | null {
  const trimmed = match.replace(TRAILING, '');
  if (!trimmed) return null;
  const start = view.from[index]!;
  const end = view.to[index + trimmed.length - 1]!;
  for (let i = start; i < end; i++) if (claimed[i]) return null;
  claimed.fill(1, start, end);
  return [start, end];
}

function find(view: View, domains: readonly string[], claimed: Uint8Array, out: Candidate[]): void {
  const s = viewString(view);
  for (const m of s.matchAll(EMAIL_RE)) {
    const span = take(view, claimed, m.index, m[0]);
    if (span) out.push({ rule: EMAIL, start: span[0], end: span[1], viewStart: -1, viewEnd: -1, negatable: false });
  }
  for (const m of s.matchAll(URL_RE)) {
    const span = take(view, claimed, m.index, m[0]);
    if (span && !allowed(hostOf(m[0].replace(TRAILING, '')), domains)) {
      out.push({ rule: LINK, start: span[0], end: span[1], viewStart: -1, viewEnd: -1, negatable: false });
    }
  }
}

/** A link or an address needs latin letters and something standing for "." or "@" (or "://"). */
const LATIN = /[a-zA-Z\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9]/;
const PUNCT = /[.\uff0e\u3002\uff61\u70b9\u9ede\u4e36\u00b7\u2022\u30fb@\uff20#\uff03\u827e]|dot|dian|at/i;
/** Letters or dots spaced apart (w w w . a b c . c o m): worth a second look without the spaces. */
const SPACED = /[a-zA-Z0-9.@\uff0e\uff10-\uff5a\u70b9\u9ede\u3002\u4e36\u00b7][\s\u200b-\u200d\u2060\ufeff]+[a-zA-Z0-9.@\uff0e\uff10-\uff5a\u70b9\u9ede\u3002\u4e36\u00b7]/;

export function linkFindings(text: string, platform: string, out: Candidate[]): void {
  if (!LATIN.test(text) || !PUNCT.test(text)) return;
  const domains = ownDomains(platform);
  const claimed = new Uint8Array(text.length);
  // An address broken over lines (ann.kf@ / qq.com, kefu88 / @ / 126.com) is read whole first: the
  // lines joined (a line break read as a space, then dropped with the spaces), offsets unchanged.
  if (/[\n\r]/.test(text) && /[@\uff20]/.test(text)) find(linkView(text.replace(/[\n\r]/g, ' '), false), domains, claimed, out);
  find(linkView(text, true), domains, claimed, out);
  if (SPACED.test(text)) find(linkView(text, false), domains, claimed, out);
}
