/**
 * Generic DOM helpers for adapters. Platform selectors are data: named lists of CSS selectors, ordered
 * from the most specific to looser fallbacks. The first selector that finds anything wins, so a class
 * rename on the platform degrades to a fallback instead of breaking the whole adapter.
 */

/** Ordered fallback selectors for one part of a page (never empty). */
export type SelectorList = readonly [string, ...string[]];

/** A platform's named selector lists. */
export type SelectorTable<K extends string = string> = { readonly [name in K]: SelectorList };

export interface FirstMatch<E extends Element = Element> {
  /** The selector of the list that matched. */
  selector: string;
  node: E;
}

export interface AllMatch<E extends Element = Element> {
  /** The selector of the list that matched, or null when none did. */
  selector: string | null;
  /** Nodes of that selector in document order; empty when none matched. */
  nodes: E[];
}

/** querySelectorAll that treats a selector the engine cannot parse as matching nothing. */
function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    // One bad selector (e.g. syntax a browser does not support yet) falls back alone.
    return [];
  }
}

/** The first node of the first selector in the list that matches anything under root. */
export function queryFirst<E extends Element = Element>(root: ParentNode, list: SelectorList): FirstMatch<E> | null {
  for (const selector of list) {
    const [node] = safeQueryAll(root, selector);
    if (node) return { selector, node: node as E };
  }
  return null;
}

/** All nodes of the first selector in the list that matches anything under root. */
export function queryAllFirst<E extends Element = Element>(root: ParentNode, list: SelectorList): AllMatch<E> {
  for (const selector of list) {
    const nodes = safeQueryAll(root, selector);
    if (nodes.length) return { selector, nodes: nodes as E[] };
  }
  return { selector: null, nodes: [] };
}

/** Trimmed textContent, or null when the node is missing or has no text. */
export function textOf(node: Node | null | undefined): string | null {
  const text = node?.textContent?.trim();
  return text ? text : null;
}

/** Trimmed text of the first match of the list under root, or null. */
export function firstText(root: ParentNode, list: SelectorList): string | null {
  return textOf(queryFirst(root, list)?.node);
}

/** `name: no match for a, b, c` — the health line that names a selector list which found nothing. */
export function noMatch(name: string, list: SelectorList): string {
  return `${name}: no match for ${list.join(', ')}`;
}

/** Row elements by buyer key, in page order (a buyer listed in several groups has several rows). */
export function rowsByBuyer(rows: Iterable<{ row: HTMLElement; buyer: string }>): Map<string, HTMLElement[]> {
  const out = new Map<string, HTMLElement[]>();
  for (const { row, buyer } of rows) {
    const list = out.get(buyer);
    if (list) list.push(row);
    else out.set(buyer, [row]);
  }
  return out;
}

/** The URL a saved page names in its own header comment (Chrome's `saved from url=(N)…`, SingleFile's `url: …`). */
function savedFromUrl(doc: Document): string | null {
  const nodes: Node[] = [...Array.from(doc.childNodes)];
  if (doc.documentElement) nodes.push(...Array.from(doc.documentElement.childNodes));
  if (doc.head) nodes.push(...Array.from(doc.head.childNodes));
  for (const n of nodes) {
    if (n.nodeType !== 8) continue; // comments only
    const text = n.textContent ?? '';
    const m = /saved from url=\(\d+\)(\S+)/i.exec(text) ?? /Page saved with SingleFile\s+url:\s*(\S+)/i.exec(text);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * The page's web address: the one a saved copy names in its header comment (so `inspect`, which
 * parses every file at the workbench URL, still tells a saved login or buyer page apart), else the
 * location. Null where there is no http(s) address to go by (about:blank, file:).
 */
export function pageUrl(doc: Document): URL | null {
  for (const href of [savedFromUrl(doc), doc.location?.href ?? null]) {
    if (!href) continue;
    try {
      const url = new URL(href);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // not a URL: try the next source
    }
  }
  return null;
}

/** Element#matches that treats a selector the engine cannot parse as matching nothing. */
function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** Does the element itself match any selector of the list (not first-wins: every spelling counts)? */
export const matchesAny = (el: Element, list: SelectorList): boolean => list.some((s) => safeMatches(el, s));

/** The nearest ancestor-or-self matching any selector of the list (up to `stop`, inclusive, when given). */
export function closestAny(el: Element, list: SelectorList, stop?: Element | null): Element | null {
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (matchesAny(n, list)) return n;
    if (n === stop) break;
  }
  return null;
}

/** Text of root without the text inside any of the `skip` elements, whitespace collapsed and trimmed. */
export function textWithout(root: Element, skip: readonly Element[]): string {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skip.some((s) => s.contains(n))) continue;
    out += n.textContent ?? '';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A text body: its text with emoji images read by their alt (`[微笑]`), line breaks kept, trimmed. */
export function bodyText(el: Element): string {
  let s = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) s += node.textContent ?? '';
    else if (node.nodeType === 1) {
      if ((node as Element).tagName === 'IMG') s += (node as Element).getAttribute('alt') ?? '';
      else node.childNodes.forEach(walk);
    }
  };
  walk(el);
  return s.trim();
}

/** A node's first text, outside the `skip` nodes, whitespace collapsed (a header's name before its tags). */
export function firstOwnText(root: Element, skip: readonly Element[] = []): string | null {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (skip.some((s) => s.contains(n))) continue;
    const t = n.textContent?.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return null;
}

/**
 * The images of the dialog around a send control (an image preview whose markup is not known beyond
 * its button): the nearest ancestor of the control, up to `levels` up, that holds images, and its
 * images, none of them inside `skip` (the composer).
 */
export function imagesAround(control: Element, skip: Element | null, levels = 8, limit = 8): HTMLImageElement[] {
  let box: Element | null = control.parentElement;
  for (let i = 0; box && i < levels; i++, box = box.parentElement) {
    if (box === box.ownerDocument.body) break;
    const images = [...box.querySelectorAll('img')].filter((img) => !(skip && skip.contains(img)));
    if (images.length) return images.slice(0, limit);
  }
  return [];
}
