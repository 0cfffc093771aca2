/**
 * A composer image for the QR decoder (page side): drawn at most QR_MAX_SIDE on its longest side to a
 * PNG data URL, which the background decodes (qr-decode.ts).
 */
import { QR_MAX_SIDE } from '../compliance/qr-size';

/** A composer image as a PNG data URL, scaled down to QR_MAX_SIDE; null for an image that cannot be read. */
export async function imageDataUrl(img: HTMLImageElement): Promise<string | null> {
  await img.decode().catch(() => undefined);
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  if (!w || !h) return null;
  const scale = Math.min(1, QR_MAX_SIDE / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  try {
    return canvas.toDataURL('image/png'); // a cross-origin image taints the canvas: it cannot be read
  } catch {
    return null;
  }
}

