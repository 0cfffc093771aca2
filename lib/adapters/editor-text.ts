/** The text of a contenteditable editor (JD's pell, Kuaishou's Quill) the way the agent sees it. */

const BLOCKS = new Set(['DIV', 'P', 'LI', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const ELEMENT = 1;
const TEXT = 3;

/**
 * The editor's text with its line breaks: a `<div>` / `<p>` is a line, a `<br>` ends one, and the
 * `<br>` a browser keeps at the end of a line (or alone in an empty editor) is a placeholder, not a
 * newline: `a<br>` is `a`, `a<br><br>` is `a\n`, `<div>a</div><div><br></div><div>b</div>` is `a\n\nb`.
 */
export function editorText(root: Node): string {
  const lines: string[] = [];
  let line = '';
  let open = false;
  const end = () => {
    if (open) lines.push(line);
    line = '';
    open = false;
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT) {
        // A text node's own newlines (an editor styled pre-wrap) are line breaks too.
        const parts = (child.textContent ?? '').split('\n');
        parts.forEach((part, i) => {
          if (i > 0) {
            lines.push(line);
            line = '';
          }
          line += part;
          open = true;
        });
      } else if (child.nodeType === ELEMENT) {
        const tag = (child as Element).tagName.toUpperCase();
        if (tag === 'BR') {
          lines.push(line);
          line = '';
          open = false;
        } else if (BLOCKS.has(tag)) {
          end();
          walk(child);
          end();
        } else {
          walk(child);
        }
      }
    }
  };
  walk(root);
  end();
  return lines.join('\n');
}
