// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitForAttribute } from './wait-attribute';

describe('waitForAttribute', () => {
  it('resolves at once when the attribute is there, and when it is set later', async () => {
    const el = document.createElement('div');
    el.setAttribute('data-x', 'a');
    expect(await waitForAttribute(el, 'data-x', 50)).toBe('a');
    const late = document.createElement('div');
    const p = waitForAttribute(late, 'data-x', 1000);
    setTimeout(() => late.setAttribute('data-x', '竹影小铺'), 10);
    expect(await p).toBe('竹影小铺');
  });

  it('gives null when nothing sets it in time (an empty value is nothing)', async () => {
    const el = document.createElement('div');
    const p = waitForAttribute(el, 'data-x', 30);
    el.setAttribute('data-x', '');
    expect(await p).toBeNull();
  });
});
