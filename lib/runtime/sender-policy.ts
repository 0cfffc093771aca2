/**
 * Which runtime messages the background answers for whom. A workbench page's content script runs
 * beside the platform's own scripts on a page the extension does not control, so it may only do what
 * it needs: record the events it saw, report its waiting buyers, have an image's QR code read, and
 * press the next-buyer key (its overlay's 下一位 button; where the key goes is the background's choice). Reading stored events, figures
 * and every tab's queue, or focusing tabs, is for the extension's own pages (popup, options).
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<string> = new Set(['events/record', 'tab/waiting', 'qr/decode', 'desk/next', 'desk/shortcut']);

export interface SenderInfo {
  /** The sender's tab: set for content scripts (and for extension pages opened in a tab). */
  tabId?: number;
  /** The sender's document URL. */
  url?: string;
  /** The extension's own origin, `chrome-extension://<id>/` (or `moz-extension://…`). */
  extensionOrigin: string;
}

/** Is a message of this type answered for this sender? Messages that are not objects are left to the schema. */
export function allowedFrom(message: unknown, sender: SenderInfo): boolean {
  const fromExtensionPage = !!sender.url && sender.url.startsWith(sender.extensionOrigin);
  if (fromExtensionPage) return true;
  const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
  return typeof type === 'string' && CONTENT_SCRIPT_MESSAGES.has(type);
}
