import type { Page } from '@playwright/test';

/**
 * An IME composition typed for real (trusted events through the browser's input pipeline, as a
 * Chinese IME makes them): the composition starts, Enter is pressed while it is open (the key an IME
 * takes to commit its candidate: keyCode 229), then the candidate is committed. A script's synthetic
 * events would prove nothing, since the extension ignores untrusted events.
 */
export async function enterDuringComposition(page: Page, candidate = '你好'): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: candidate });
  } finally {
    await cdp.detach();
  }
}
