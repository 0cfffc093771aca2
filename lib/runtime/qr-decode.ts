/**
 * The background's side of QR decoding: a data URL from a workbench page back to pixels (from the
 * URL's own bytes: no request is made), then jsQR.
 */
import { decodeQr, QR_MAX_SIDE } from '../compliance/qr';

/** The QR code's text in a PNG or JPEG data URL (background side), or null. */
export async function decodeDataUrl(dataUrl: string): Promise<string | null> {
  const comma = dataUrl.indexOf(',');
  const mime = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'image/png';
  const bytes = Uint8Array.from(atob(dataUrl.slice(comma + 1)), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }));
  const w = Math.min(bitmap.width, QR_MAX_SIDE);
  const h = Math.min(bitmap.height, QR_MAX_SIDE);
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return decodeQr(g.getImageData(0, 0, w, h).data, w, h);
}
