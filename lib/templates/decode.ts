/**
 * Bytes of a text file a seller picked (a template sheet, a word list) → text. No dependency: the
 * template importer and the compliance word lists both read files through it.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

/**
 * Bytes to text: a BOM decides (UTF-8, UTF-16LE — Excel's 「Unicode 文本」 — or UTF-16BE); else
 * valid UTF-8 is UTF-8; else GBK (what Excel and Qianniu write on a Chinese Windows).
 * Returns `badLine` when even GBK leaves undecodable bytes. A BOM'd file with damaged bytes still
 * decodes (with U+FFFD where they were): callers refuse such text naming the line.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding; badLine?: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('gbk').decode(bytes);
    // Undecodable bytes come out as U+FFFD (WHATWG) or a private-use character (ICU maps 0xFF so).
    const bad = text.search(/[\uFFFD\uE000-\uF8FF]/);
    if (bad < 0) return { text, encoding: 'gbk' };
    // Neither encoding reads the whole file: name the later of the two first bad lines (a UTF-8
    // file with one damaged spot reads as GBK "garbage" from its first hanzi on, and vice versa).
    const asUtf8 = new TextDecoder('utf-8').decode(bytes);
    const badLine = Math.max(lineAt(text, bad), lineAt(asUtf8, asUtf8.indexOf('\uFFFD')));
    return { text, encoding: 'gbk', badLine };
  }
}

/** 1-based line of `offset` in `text` (lines end at LF). */
export const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};
