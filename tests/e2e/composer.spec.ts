import { test, expect, chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { ROOT } from '../../scripts/browser';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { ensureChromium } from '../../scripts/chromium.mjs';

// The composer writer in a real browser, on the three kinds of composer the workbenches use: a
// textarea with a v-model-like listener, a plain contenteditable, and a real Quill editor (Kuaishou).
// The page's own model must see the text; this is what template insertion relies on.
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: ensureChromium({ quiet: true }),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.setContent(`<!doctype html><meta charset="utf-8">
    <textarea id="ta"></textarea>
    <div id="ce" contenteditable="true"></div>
    <div id="q"></div>`);
  await page.addScriptTag({ path: join(ROOT, 'node_modules/quill/dist/quill.js') });
  const bundle = await build({
    entryPoints: [join(ROOT, 'lib/adapters/composer.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'KP',
    write: false,
    charset: 'utf8',
  });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  await page.evaluate(() => {
    const w = window as any;
    // Framework-like models that only learn about text through input events.
    w.models = { ta: '', ce: '' };
    document.getElementById('ta')!.addEventListener('input', (e) => (w.models.ta = (e.target as HTMLTextAreaElement).value));
    document.getElementById('ce')!.addEventListener('input', (e) => (w.models.ce = (e.target as HTMLElement).innerText));
    w.quill = new w.Quill('#q');
  });
});
test.afterAll(async () => {
  await browser?.close();
});

test('textarea: the page’s v-model-like listener sees the inserted text, and the caret can be placed', async () => {
  const r = await page.evaluate(() => {
    const w = window as any;
    const c = w.KP.composerFor(document.getElementById('ta'), null);
    c.write('亲，您好，{光标}之后');
    w.KP.selectText(c, 3);
    return { model: w.models.ta, read: c.read(), caret: w.KP.caretOf(c) };
  });
  expect(r).toEqual({ model: '亲，您好，{光标}之后', read: '亲，您好，{光标}之后', caret: { start: 3, end: 3 } });
});

test('contenteditable: the text goes in through the editing pipeline (input event), replacing what was there', async () => {
  const r = await page.evaluate(() => {
    const w = window as any;
    const el = document.getElementById('ce')!;
    el.textContent = '旧的草稿';
    const c = w.KP.composerFor(el, null);
    c.write('退货请在订单页申请');
    w.KP.selectText(c, 2, 4);
    return { model: w.models.ce, read: c.read(), kind: c.kind, caret: w.KP.caretOf(c) };
  });
  expect(r).toEqual({ model: '退货请在订单页申请', read: '退货请在订单页申请', kind: 'contenteditable', caret: { start: 2, end: 4 } });
});

test('Quill: its own model (getText) holds the inserted text', async () => {
  const r = await page.evaluate(async () => {
    const w = window as any;
    w.quill.setText('已有内容');
    const c = w.KP.composerFor(w.quill.root, null);
    c.write('亲，您的包裹已经发出');
    await new Promise((res) => setTimeout(res, 50)); // Quill reads the DOM change in a mutation observer
    return { model: w.quill.getText(), read: c.read() };
  });
  expect(r).toEqual({ model: '亲，您的包裹已经发出\n', read: '亲，您的包裹已经发出' });
});

test('Quill: a reply over several lines goes in as lines of its model and reads back the same', async () => {
  const r = await page.evaluate(async () => {
    const w = window as any;
    const c = w.KP.composerFor(w.quill.root, null);
    c.write('亲，您好\n退货请在订单页申请\n\n谢谢');
    await new Promise((res) => setTimeout(res, 50));
    return { model: w.quill.getText(), read: c.read(), lines: w.quill.root.querySelectorAll('p').length };
  });
  expect(r).toEqual({ model: '亲，您好\n退货请在订单页申请\n\n谢谢\n', read: '亲，您好\n退货请在订单页申请\n\n谢谢', lines: 4 });
});
