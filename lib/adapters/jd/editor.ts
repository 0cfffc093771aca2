/**
 * The pell editor of the JD workbench (`<div class="EditorContent " contenteditable="true"><br></div>`,
 * platform note §8): its text as the agent sees it, and a write its own model sees. pell reads the
 * editor on `input`, so a write goes through the browser's editing pipeline where there is one
 * (`execCommand('insertText')` on the focused, selected editor fires the input event), else it builds
 * the lines as text nodes (never HTML from the text) and fires a bubbling `input` itself.
 */
import type { Composer } from '../types';
import { editorText } from '../editor-text';

export { editorText };

/** Texts compared after an editing-pipeline write: blank lines collapsed, ends trimmed (§8 [C]). */
export const sameEditorText = (a: string, b: string): boolean => {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').replace(/^\n+|\n+$/g, '');
  return norm(a) === norm(b);
};

function selectAll(el: HTMLElement): void {
  const doc = el.ownerDocument;
  const selection = doc.getSelection();
  if (!selection) return;
  const range = doc.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
}

function caretToEnd(el: HTMLElement): void {
  const doc = el.ownerDocument;
  const selection = doc.getSelection();
  if (!selection) return;
  const range = doc.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * The content as a browser's editor makes it: the first line as a text node, each further line a
 * `<div>` holding its text (an empty one a `<br>`), an empty text a lone `<br>` (pell's empty state).
 */
function replaceWithLines(el: HTMLElement, text: string): void {
  const doc = el.ownerDocument;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const nodes: Node[] = [];
  lines.forEach((lineText, i) => {
    if (i === 0) {
      nodes.push(lineText ? doc.createTextNode(lineText) : doc.createElement('br'));
      return;
    }
    const div = doc.createElement('div');
    div.appendChild(lineText ? doc.createTextNode(lineText) : doc.createElement('br'));
    nodes.push(div);
  });
  // A first line that is empty and followed by others: its <br> already ends it, so a <div> would add one.
  if (lines.length > 1 && lines[0] === '') {
    nodes[0] = doc.createElement('div');
    nodes[0].appendChild(doc.createElement('br'));
  }
  el.replaceChildren(...nodes);
}

/** A bubbling `input` from the element's own realm (page, test window or extension world). */
function fireInput(el: HTMLElement, data: string): void {
  const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const InputEventCtor = view?.InputEvent ?? (typeof InputEvent === 'function' ? InputEvent : undefined);
  const EventCtor = view?.Event ?? Event;
  const event = InputEventCtor
    ? new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data })
    : new EventCtor('input', { bubbles: true });
  el.dispatchEvent(event);
}

/** Replace the editor's text so pell's model sees it; newlines kept. Never sends. */
export function writeEditor(el: HTMLElement, text: string): void {
  const doc = el.ownerDocument;
  el.focus();
  selectAll(el);
  let inserted = false;
  if (typeof doc.execCommand === 'function') {
    try {
      // Deprecated as an API, still the one way through the browser's editing pipeline (undoable,
      // fires beforeinput / input for the page's own listener).
      inserted = doc.execCommand('insertText', false, text);
    } catch {
      inserted = false;
    }
  }
  // Refused (editor not focusable, an older engine) or it came out otherwise: lay the lines out ourselves.
  if (inserted && sameEditorText(editorText(el), text)) return;
  replaceWithLines(el, text);
  caretToEnd(el);
  fireInput(el, text);
}

/** The composer over the pell editor. */
export function pellComposer(element: HTMLElement, sendButton: HTMLElement | null): Composer {
  return {
    element,
    kind: 'contenteditable',
    read: () => editorText(element),
    write: (text) => writeEditor(element, text),
    sendButton,
  };
}
