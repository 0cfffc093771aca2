/**
 * Node-only: load a saved workbench page into happy-dom for tests and scripts/inspect.ts.
 * Never imported by the extension (the browser gives adapters the real document).
 */
import { Window } from 'happy-dom';

export interface LoadedPage {
  document: Document;
  /** Release the window's timers and tasks. */
  close(): Promise<void>;
}

/**
 * Most bytes of markup loaded. happy-dom holds a page at some 250 times its size: parsing 8 MB of
 * dense workbench markup took 14 s and 2.1 GB, a 13 MB page took 41 s and 3.8 GB to inspect. The
 * saved workbench fixtures are 1–25 kB, a real page saved as "HTML only" a few hundred kB: 4 MB
 * leaves room and keeps a run to seconds.
 */
export const HTML_MAX_BYTES = 4 * 2 ** 20;
/**
 * Most levels of element nesting loaded. happy-dom tears the tree down recursively and overflows the
 * stack some thousands of levels down (20,000 nested divs here); the workbench fixtures nest 10–16 deep.
 */
export const HTML_MAX_DEPTH = 512;

/** A page refused before parsing; the message reads after the file's name ("… is 9.1 MB; …"). */
export class HtmlRefused extends Error {
  constructor(
    readonly reason: 'size' | 'depth',
    message: string,
  ) {
    super(message);
    this.name = 'HtmlRefused';
  }
}

export const sizeRefusal = (bytes: number) =>
  new HtmlRefused('size', `is ${(bytes / 2 ** 20).toFixed(1)} MB; pages over ${HTML_MAX_BYTES / 2 ** 20} MB are not read`);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Elements in which `<x/>` closes x at once (in HTML the slash is ignored and x stays open). */
const FOREIGN = new Set(['svg', 'math']);
/** End tags a parser supplies: opening the key closes open elements of these names at the top. */
const IMPLIED: Record<string, ReadonlySet<string>> = (() => {
  const cells = new Set(['td', 'th']);
  const rows = new Set(['tr', 'td', 'th']);
  const sections = new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
  const terms = new Set(['dt', 'dd']);
  const ruby = new Set(['rb', 'rt', 'rtc', 'rp']);
  return {
    li: new Set(['li']),
    p: new Set(['p']),
    dt: terms,
    dd: terms,
    td: cells,
    th: cells,
    tr: rows,
    thead: sections,
    tbody: sections,
    tfoot: sections,
    option: new Set(['option']),
    optgroup: new Set(['option', 'optgroup']),
    rb: ruby,
    rt: ruby,
    rtc: ruby,
    rp: ruby,
  };
})();
const rawTextEnd = new Map<string, RegExp>();

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Index just after the `>` ending the tag whose attributes start at i (quoted values may hold `>`). */
function tagEnd(html: string, i: number): { end: number; selfClosing: boolean } {
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return { end: i + 1, selfClosing: html.charCodeAt(i - 1) === 0x2f };
    if (c === 0x3d) {
      // A quote opens a value only right after "=" (as the HTML tokenizer reads it): a stray quote
      // elsewhere must not hide the rest of the page from this scan.
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const q = html.charCodeAt(i);
      if (q === 0x22 || q === 0x27) {
        const close = html.indexOf(q === 0x22 ? '"' : "'", i + 1);
        i = close < 0 ? n : close + 1;
      }
      continue;
    }
    i++;
  }
  return { end: n, selfClosing: false };
}

/**
 * How deep a parser will nest the page's elements, from one pass over its tags (no tree is built):
 * void elements, comments and the text of scripts / styles / textareas open nothing, end tags a parser
 * supplies (li, p, td …) are supplied, an end tag closes what was opened inside its element. Exact for
 * well-formed markup (what a browser saves); an estimate otherwise. Stops once past `stopAfter`.
 */
export function nestingDepth(html: string, stopAfter = Infinity): number {
  const stack: string[] = [];
  /** How many elements of each name are open: an end tag with none open is ignored. */
  const open = new Map<string, number>();
  let foreign = 0;
  let deepest = 0;
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    if (FOREIGN.has(name)) foreign--;
  };
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt + 1;
    const c = html.charCodeAt(i);
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      const [close, width] = html.startsWith('!--', i) ? ['-->', 3] : html.startsWith('![CDATA[', i) ? [']]>', 3] : ['>', 1];
      const end = html.indexOf(close, i);
      i = end < 0 ? n : end + width;
      continue;
    }
    const closing = c === 0x2f;
    const nameStart = closing ? i + 1 : i;
    if (!isLetter(html.charCodeAt(nameStart))) continue; // a "<" in text
    let j = nameStart;
    while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) !== 0x3e && html.charCodeAt(j) !== 0x2f) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    const tag = tagEnd(html, j);
    i = tag.end;
    if (closing) {
      if (open.get(name)) while (stack[stack.length - 1] !== name) pop();
      if (open.get(name)) pop();
      continue;
    }
    if (VOID.has(name) || (tag.selfClosing && foreign > 0)) continue;
    const implied = IMPLIED[name];
    if (implied) while (stack.length && implied.has(stack[stack.length - 1]!)) pop();
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign++;
    if (stack.length > deepest) deepest = stack.length;
    if (deepest > stopAfter) return deepest;
    if (RAW_TEXT.has(name) && foreign === 0) {
      let end = rawTextEnd.get(name);
      if (!end) rawTextEnd.set(name, (end = new RegExp(`</${name}[\\s/>]`, 'gi')));
      end.lastIndex = i;
      i = end.exec(html)?.index ?? n; // the end tag itself is read next, closing the element
    }
  }
  return deepest;
}

/** UTF-8 size of a string, counted only when the length alone does not settle the comparison. */
function overMaxBytes(html: string): number | null {
  if (html.length * 3 <= HTML_MAX_BYTES) return null;
  const bytes = Buffer.byteLength(html, 'utf8');
  return bytes > HTML_MAX_BYTES ? bytes : null;
}

/**
 * Parse a page with its scripts, styles and navigation all disabled: only the markup matters.
 * `url` is where the page is taken to be (its `location`): pass the platform's workbench URL.
 * Throws HtmlRefused for more than HTML_MAX_BYTES or deeper than HTML_MAX_DEPTH, before parsing.
 */
export function loadHtml(html: string, url: string): LoadedPage {
  const bytes = overMaxBytes(html);
  if (bytes !== null) throw sizeRefusal(bytes);
  if (nestingDepth(html, HTML_MAX_DEPTH) > HTML_MAX_DEPTH) {
    throw new HtmlRefused('depth', `nests elements more than ${HTML_MAX_DEPTH} levels deep`);
  }
  const window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      enableImageFileLoading: false,
      enableIframePageLoading: false,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  window.document.write(html);
  return {
    // happy-dom's Document is structurally the DOM's, but its types are its own.
    document: window.document as unknown as Document,
    close: () => window.happyDOM.close(),
  };
}
