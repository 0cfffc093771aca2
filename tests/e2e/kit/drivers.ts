import type { BrowserContext, Locator, Page } from '@playwright/test';
import { openSimulator } from '../../../scripts/browser';
import type { SimBuyer } from './sim';

/**
 * What a browser spec needs to know of one workbench page, beyond the common simulator API: where
 * the composer and the send control are, how a buyer is keyed in the extension's events, what the
 * settings of a fresh install need for it. One driver per platform; the specs never name a selector.
 */
export interface Driver {
  platform: 'pdd' | 'douyin' | 'jd' | 'kuaishou';
  /** The shop the events carry (PDD shows it in its header; Feige's is set in the settings by the kit). */
  shop: string;
  /** Settings a fresh install gets before the test (Feige: the shop name the overlay would ask for). */
  settings: Record<string, unknown>;
  /** CSS selectors of the page's composer and send control (for page-side scripts, benchmarks). */
  selectors: { composer: string; sendButton: string };
  composer(page: Page): Locator;
  sendButton(page: Page): Locator;
  /** The composer's text as the agent sees it (a textarea's value; an editor's lines). */
  value(page: Page): Promise<string>;
  /** The text selected in the composer. */
  selectedText(page: Page): Promise<string>;
  /** The keys the extension may use for this buyer: the platform id, and a provisional row key before it is bound. */
  keysOf(b: Pick<SimBuyer, 'uid' | 'nickname'>): string[];
  /** How many list rows show a waiting buyer (PDD lists them under 未回复 and 最近联系). */
  rowsPerWaitingBuyer: number;
  /** Whether the page has a send-key setting of Ctrl+Enter. */
  hasCtrlEnterMode: boolean;
  /** Whether the composer is an editor that holds images (a pasted image lands in it). */
  editor: boolean;
  open(context: BrowserContext, query?: Record<string, string>): Promise<Page>;
}

export const DRIVERS: Record<Driver['platform'], Driver> = {
  pdd: {
    platform: 'pdd',
    shop: '糖果小铺旗舰店',
    settings: {},
    selectors: { composer: '#replyTextarea', sendButton: '.send-btn' },
    composer: (page) => page.locator(DRIVERS.pdd.selectors.composer),
    sendButton: (page) => page.locator(DRIVERS.pdd.selectors.sendButton),
    value: (page) => DRIVERS.pdd.composer(page).inputValue(),
    selectedText: (page) => textareaSelection(DRIVERS.pdd.composer(page)),
    keysOf: (b) => [b.uid],
    rowsPerWaitingBuyer: 2,
    hasCtrlEnterMode: true,
    editor: false,
    open: (context, query) => openSimulator(context, 'pdd', query),
  },
  douyin: {
    platform: 'douyin',
    shop: '茶香小铺',
    settings: { shops: { douyin: '茶香小铺' } },
    selectors: { composer: 'textarea[data-qa-id="qa-send-message-textarea"]', sendButton: '[data-qa-id="qa-send-message-button"]' },
    composer: (page) => page.locator(DRIVERS.douyin.selectors.composer),
    sendButton: (page) => page.locator(DRIVERS.douyin.selectors.sendButton),
    value: (page) => DRIVERS.douyin.composer(page).inputValue(),
    selectedText: (page) => textareaSelection(DRIVERS.douyin.composer(page)),
    // Rows are keyed by nickname until opened (a later buyer with the same nickname: `~<nick>@<avatar>`).
    keysOf: (b) => [b.uid, `~${b.nickname}`],
    rowsPerWaitingBuyer: 1,
    hasCtrlEnterMode: false,
    editor: false,
    open: (context, query) => openSimulator(context, 'douyin', query),
  },
  jd: {
    platform: 'jd',
    shop: '山茶小铺',
    // The page shows no shop name (it is in the page's own state only): the agent names it once.
    settings: { shops: { jd: '山茶小铺' } },
    selectors: { composer: '.pell-editor-wrapper .EditorContent[contenteditable="true"]', sendButton: '.SendButtonGroup span.send-button' },
    composer: (page) => page.locator(DRIVERS.jd.selectors.composer),
    sendButton: (page) => page.locator(DRIVERS.jd.selectors.sendButton),
    value: (page) => DRIVERS.jd.composer(page).evaluate(editorText),
    selectedText: (page) => page.evaluate(() => window.getSelection()?.toString() ?? ''),
    keysOf: (b) => [b.uid],
    rowsPerWaitingBuyer: 1,
    hasCtrlEnterMode: true,
    editor: true,
    open: (context, query) => openSimulator(context, 'jd', query),
  },
  kuaishou: {
    platform: 'kuaishou',
    shop: '竹影小铺',
    // The page's own state holds the shop name (window.__chat_sdk): the read-only probe finds it, so a
    // fresh install needs nothing.
    settings: {},
    selectors: { composer: '.SendBox .ql-editor', sendButton: '.SendBox-buttonRight .ant-btn-primary' },
    composer: (page) => page.locator(DRIVERS.kuaishou.selectors.composer),
    sendButton: (page) => page.locator(DRIVERS.kuaishou.selectors.sendButton),
    value: (page) => DRIVERS.kuaishou.composer(page).evaluate(editorText),
    selectedText: (page) => page.evaluate(() => window.getSelection()?.toString() ?? ''),
    // Cards show no buyer id: keyed by nickname until the conversation is opened. A card that first
    // showed a number for its name keeps the key of that number (the simulator shows the uid).
    keysOf: (b) => [b.uid, `~${b.nickname}`, `~${b.uid}`],
    rowsPerWaitingBuyer: 1,
    hasCtrlEnterMode: false,
    editor: true,
    open: (context, query) => openSimulator(context, 'kuaishou', query),
  },
};

/**
 * An editor's text the way the agent sees it: one line per block, a <br> a line break. (No inner
 * functions: it runs in the page, and the demo's bundler would name them with a helper the page lacks.)
 */
function editorText(el: Element): string {
  const lines: string[] = [];
  let line = '';
  // Depth-first over the editor's nodes; a block's end is marked by pushing it again with `end`.
  const stack: { node: Node; end: boolean }[] = [...el.childNodes].reverse().map((node) => ({ node, end: false }));
  while (stack.length) {
    const { node, end } = stack.pop()!;
    const block = node.nodeName === 'DIV' || node.nodeName === 'P';
    if (end) {
      if (line || node.lastChild?.nodeName !== 'BR') lines.push(line);
      line = '';
    } else if (node.nodeType === Node.TEXT_NODE) line += node.textContent ?? '';
    else if (node.nodeName === 'BR') {
      lines.push(line);
      line = '';
    } else {
      if (block && line) {
        lines.push(line);
        line = '';
      }
      if (block) stack.push({ node, end: true });
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, end: false });
    }
  }
  if (line) lines.push(line);
  // A newline at the very end of the text is not a line of its own (pre-wrap needs two to show one).
  const text = lines.join('\n');
  return el.lastChild?.nodeType === Node.TEXT_NODE && text.endsWith('\n') ? text.slice(0, -1) : text;
}

function textareaSelection(box: Locator): Promise<string> {
  return box.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
}

/** A CSS selector matching an attribute equal to any of the keys. */
export const anyOf = (attr: string, keys: readonly string[]) => keys.map((k) => `[${attr}="${k.replace(/"/g, '\\"')}"]`).join(', ');
