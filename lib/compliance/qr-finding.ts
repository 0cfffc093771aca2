/**
 * QR codes in images the agent puts into a composer, read by the same check as typed text: a code
 * holding an off-platform link, a contact or a payment account blocks like text (category qr-code,
 * rule qr.image); a code of the platform's own link or plain text does not. The guard has images
 * decoded (by the background, qr.ts) when they appear, off the keystroke path, and reads the finished
 * result when the agent sends.
 */
import { check, type CheckOptions } from './check';
import { ruleInfo } from './lexicon';
import type { Finding } from './types';

/** Categories a QR code's text blocks for: where it sends the buyer. */
const SENDS_AWAY = new Set(['third-party-link', 'off-platform-contact', 'off-platform-payment']);

/**
 * The finding for a decoded QR code, or null when its text sends nobody off the platform. `at` is the
 * span the image stands at in the composer text (an image has no text of its own: usually [0, 0)).
 */
export function qrFinding(decoded: string, options: CheckOptions = {}, at: [number, number] = [0, 0]): Finding | null {
  const result = check(decoded, options);
  if (!result.findings.some((f) => f.severity === 'block' && SENDS_AWAY.has(f.category))) return null;
  const rule = ruleInfo('qr.image')!;
  const shown = decoded.length > 80 ? `${decoded.slice(0, 77)}…` : decoded;
  return {
    category: 'qr-code',
    severity: 'block',
    start: at[0],
    end: at[1],
    text: shown,
    rule: rule.id,
    reason: `${rule.reason}（${shown}）`,
    reason_en: `${rule.reason_en} (${shown})`,
    suggestion: rule.suggestion,
    suggestion_en: rule.suggestion_en,
  };
}
