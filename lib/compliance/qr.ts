/**
 * The QR decoder (jsQR, about 46 KB gzipped): loaded by the background only, never by the content
 * scripts on every workbench page. What a decoded code means is qr-finding.ts.
 */
import jsQR from 'jsqr';
export { QR_MAX_SIDE } from './qr-size';

/** The text of the QR code in an RGBA image, or null. */
export function decodeQr(data: Uint8ClampedArray, width: number, height: number): string | null {
  if (width <= 0 || height <= 0 || data.length < width * height * 4) return null;
  const code = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
  return code?.data ? code.data : null;
}

