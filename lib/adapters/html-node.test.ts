import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTML_MAX_BYTES, HTML_MAX_DEPTH, HtmlRefused, loadHtml, nestingDepth } from './html-node';

const URL = 'https://mms.pinduoduo.com/chat-merchant/index.html';

describe('nestingDepth: how deep a parser will nest the elements, read from the tags alone', () => {
  it.each([
    ['', 0],
    ['text only', 0],
    ['<div><div><span>x</span></div></div>', 3],
    ['<div></div><div></div>', 1],
    ['<DIV><Div>x</dIV></div>', 2],
    ['<div class="a>b" data-x=\'<div>\'>x</div>', 1],
  ])('%s → %i', (html, depth) => {
    expect(nestingDepth(html)).toBe(depth);
  });

  it('void elements and comments, scripts, styles and textareas open nothing', () => {
    expect(nestingDepth('<div><br><img src=x><input><hr><meta charset=utf-8><link rel=x></div>')).toBe(1);
    expect(nestingDepth(`<div><!-- ${'<div>'.repeat(50)} --></div>`)).toBe(1);
    expect(nestingDepth(`<script>${'<div>'.repeat(50)}</script><style>${'<p>'.repeat(50)}</style><textarea>${'<b>'.repeat(50)}</textarea>`)).toBe(1);
    expect(nestingDepth('<!DOCTYPE html><?xml version="1.0"?><![CDATA[<div>]]>')).toBe(0);
  });

  it('end tags a parser supplies: li, p, td … close their like, end tags of outer elements close the inner ones', () => {
    expect(nestingDepth(`<ul>${'<li>x'.repeat(1000)}</ul>`)).toBe(2);
    expect(nestingDepth(`<div>${'<p>x'.repeat(1000)}</div>`)).toBe(2);
    expect(nestingDepth(`<table>${'<tr><td>x<td>y'.repeat(500)}</table>`)).toBe(3);
    expect(nestingDepth(`${'<div><span><b>'.repeat(300)}x${'</div>'.repeat(300)}`)).toBe(900);
    expect(nestingDepth(`<div>${'</span>'.repeat(1000)}<div></div></div>`)).toBe(2);
  });

  it('<x/> opens an HTML element (the parser ignores the slash) but not one in SVG or MathML', () => {
    expect(nestingDepth('<div/>'.repeat(1000))).toBe(1000);
    expect(nestingDepth(`<svg>${'<path d="M0 0"/>'.repeat(1000)}</svg><div></div>`)).toBe(1);
  });

  it('stops counting past a bound (so a hostile page costs one pass)', () => {
    expect(nestingDepth('<div>'.repeat(100_000), 600)).toBe(601);
  });

  it('agrees with happy-dom on the deepest chain of the fixtures', () => {
    for (const platform of ['pdd', 'douyin']) {
      const dir = `lib/adapters/${platform}/fixtures`;
      for (const name of readdirSync(dir)) {
        const html = readFileSync(`${dir}/${name}`, 'utf8');
        const page = loadHtml(html, URL);
        const deepest = (e: Element): number => Math.max(0, ...[...e.children].map((c) => 1 + deepest(c)));
        // happy-dom adds html / head / body when the page leaves them out: up to 2 more.
        const parsed = deepest(page.document.documentElement) + 1;
        expect(nestingDepth(html), `${platform}/${name}`).toBeGreaterThanOrEqual(parsed - 2);
        expect(nestingDepth(html), `${platform}/${name}`).toBeLessThanOrEqual(parsed);
        void page.close();
      }
    }
  });
});

describe('loadHtml refuses what would exhaust it', () => {
  it('nesting deeper than HTML_MAX_DEPTH', () => {
    const html = `${'<div>'.repeat(HTML_MAX_DEPTH + 1)}${'</div>'.repeat(HTML_MAX_DEPTH + 1)}`;
    expect(() => loadHtml(html, URL)).toThrow(HtmlRefused);
    expect(() => loadHtml(html, URL)).toThrow(`nests elements more than ${HTML_MAX_DEPTH} levels deep`);
  });

  it('more than HTML_MAX_BYTES of markup', () => {
    expect(() => loadHtml(' '.repeat(HTML_MAX_BYTES + 1), URL)).toThrow(/^is 4\.0 MB; pages over 4 MB are not read/);
  });

  it('HTML_MAX_DEPTH levels are fine', async () => {
    const page = loadHtml(`${'<div>'.repeat(HTML_MAX_DEPTH - 3)}x`, URL);
    expect(page.document.body.textContent).toBe('x');
    await page.close();
  });
});
