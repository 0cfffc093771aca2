import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr } from './qr';
import { qrFinding } from './qr-finding';

/** An RGBA image of a QR code holding `text` (made here: dark modules, a quiet zone, `scale` px each). */
function qrImage(text: string, scale = 6, invert = false): { data: Uint8ClampedArray; width: number; height: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = (n + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4;
      const my = Math.floor(y / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
      const v = dark !== invert ? 0 : 255;
      data.set([v, v, v, 255], (y * side + x) * 4);
    }
  }
  return { data, width: side, height: side };
}

describe('QR codes in images', () => {
  it('decodes a code, dark on light and light on dark', () => {
    for (const invert of [false, true]) {
      const img = qrImage('https://u.wechat.com/kefu-demo-88', 5, invert);
      expect(decodeQr(img.data, img.width, img.height)).toBe('https://u.wechat.com/kefu-demo-88');
    }
  });

  it('finds nothing in an image without a code, and refuses a short buffer', () => {
    const side = 120;
    const noise = new Uint8ClampedArray(side * side * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7919) % 256));
    expect(decodeQr(noise, side, side)).toBeNull();
    expect(decodeQr(new Uint8ClampedArray(10), side, side)).toBeNull();
  });

  it('blocks a code that sends the buyer away: another site, a WeChat id, a payment account', () => {
    for (const text of ['https://u.wechat.com/kefu-demo-88', 'weixin: kefu_2024', 'https://qr.alipay.com/fkx00000demo']) {
      const f = qrFinding(text, { platform: 'pdd' });
      expect({ text, category: f?.category, severity: f?.severity, rule: f?.rule }).toEqual({ text, category: 'qr-code', severity: 'block', rule: 'qr.image' });
      expect(f!.reason).toContain('二维码');
    }
  });

  it('lets a code of the platform’s own link or plain product text through', () => {
    expect(qrFinding('https://mobile.yangkeduo.com/goods.html?goods_id=123456789', { platform: 'pdd' })).toBeNull();
    expect(qrFinding('型号 KP-2024 批次 A3', { platform: 'pdd' })).toBeNull();
  });
});
