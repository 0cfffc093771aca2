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

function find(view: View, domains: readonly string[], claimed: [number, number][], out: Candidate[]): void {
  const s = viewString(view);
  const overlaps = (a: number, b: number) => claimed.some(([x, y]) => a < y && x < b);
  const take = (rule: number, index: number, match: string, report: boolean) => {
    const trimmed = match.replace(TRAILING, '');
    if (!trimmed) return;
    const start = view.from[index]!;
    const end = view.to[index + trimmed.length - 1]!;
    if (overlaps(start, end)) return;
    claimed.push([start, end]);
    if (report) out.push({ rule, start, end, viewStart: -1, viewEnd: -1, negatable: false });
  };
  for (const m of s.matchAll(EMAIL_RE)) take(EMAIL, m.index, m[0], true);
  for (const m of s.matchAll(URL_RE)) take(LINK, m.index, m[0], !allowed(hostOf(m[0].replace(TRAILING, '')), domains));
}

const hasLatin = (text: string) => /[a-zA-Z\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9]/.test(text);

export function linkFindings(text: string, platform: string, out: Candidate[]): void {
  if (!hasLatin(text)) return;
  const domains = ownDomains(platform);
  const claimed: [number, number][] = [];
  find(linkView(text, true), domains, claimed, out);
  if (/\s/.test(text)) find(linkView(text, false), domains, claimed, out);
}
