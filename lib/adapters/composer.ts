import type { Composer } from './types';
import { editorText } from './editor-text';

/**
 * A composer over the page's own input element, for every kind the workbenches use: a textarea (PDD,
 * Douyin) or a contenteditable (JD; Kuaishou's Quill). Text goes in through the page's own input path
 * so its framework (Vue's v-model, Quill's model) sees the change, and nothing is ever sent.
 */
export function composerFor(element: HTMLElement, sendButton: HTMLElement | null): Composer {
  if (element instanceof element.ownerDocument.defaultView!.HTMLTextAreaElement || element.tagName === 'TEXTAREA') {
    const field = element as HTMLTextAreaElement;
    return {
      element,
      kind: 'textarea',
      read: () => field.value,
      write(text) {
        setNativeValue(field, text);
        fire(field, 'input');
      },
      sendButton,
    };
  }
  return {
    element,
    kind: 'contenteditable',
    // One line per block, a <br> a break (Quill's <p> lines: innerText would double the breaks).
    read: () => editorText(element),
    write(text) {
      replaceEditableText(element, text);
    },
    sendButton,
  };
}

/**
 * Set a textarea's value through the prototype's native setter, bypassing a framework's instance
 * setter (React-style value tracking would swallow the change); the input event fired next is what
 * Vue's v-model reads.
 */
export function setNativeValue(el: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  let proto: object | null = Object.getPrototypeOf(el);
  while (proto) {
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) {
      setter.call(el, value);
      return;
    }
    proto = Object.getPrototypeOf(proto);
  }
  el.value = value;
}

/** An event from the element's own realm (page window, test window, extension world). */
function fire(el: HTMLElement, type: string): void {
  const EventCtor = el.ownerDocument.defaultView?.Event ?? Event;
  el.dispatchEvent(new EventCtor(type, { bubbles: true }));
}

/**
 * Replace a contenteditable's text the way typing would: select its contents and insert through the
 * browser's editing pipeline (`insertText`), which fires beforeinput / input so Quill, Slate or Draft
 * update their own model, and keeps the edit undoable. Falls back to setting the text and firing
 * input where the command is unavailable.
 */
export function replaceEditableText(el: HTMLElement, text: string): void {
  const doc = el.ownerDocument;
  el.focus();
  const selection = doc.getSelection();
  if (selection) {
    const range = doc.createRange();
    range.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // execCommand is deprecated as an API but is still the one way to go through the editing pipeline.
  const inserted = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (!inserted) {
    el.textContent = text;
    fire(el, 'input');
  }
}

/** Select [start, end) of a composer's text, or put the caret at `start` (textarea or contenteditable). */
export function selectText(c: Composer, start: number, end = start): void {
  if (c.kind === 'textarea') {
    (c.element as HTMLTextAreaElement).setSelectionRange(start, end);
    return;
  }
  const doc = c.element.ownerDocument;
  const point = (offset: number): [Node, number] => {
    const walker = doc.createTreeWalker(c.element, 4 /* NodeFilter.SHOW_TEXT */);
    let left = offset;
    let last: Node | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const len = node.textContent?.length ?? 0;
      if (left <= len) return [node, left];
      left -= len;
      last = node;
    }
    return last ? [last, last.textContent?.length ?? 0] : [c.element, c.element.childNodes.length];
  };
  const range = doc.createRange();
  range.setStart(...point(start));
  range.setEnd(...point(end));
  const sel = doc.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

/** The caret's offset in the composer's text, and the selection's end (textarea or contenteditable). */
export function caretOf(c: Composer): { start: number; end: number } {
  if (c.kind === 'textarea') {
    const el = c.element as HTMLTextAreaElement;
    return { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  }
  const sel = c.element.ownerDocument.getSelection();
  const len = c.read().length;
  if (!sel || sel.rangeCount === 0 || !c.element.contains(sel.anchorNode)) return { start: len, end: len };
  const offsetOf = (node: Node, off: number) => {
    const r = c.element.ownerDocument.createRange();
    r.selectNodeContents(c.element);
    r.setEnd(node, off);
    return r.toString().length;
  };
  const range = sel.getRangeAt(0);
  return { start: offsetOf(range.startContainer, range.startOffset), end: offsetOf(range.endContainer, range.endOffset) };
}
