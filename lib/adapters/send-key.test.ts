import { describe, expect, it } from 'vitest';
import { isSendKeyEvent, sendKeyFromText } from './send-key';

const key = (o: Partial<KeyboardEvent> = {}) => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...o });

describe('sendKeyFromText', () => {
  it.each([
    ['请输入回复内容，Enter 发送，Shift+Enter 换行', 'enter'],
    ['请输入回复内容，Ctrl+Enter 发送，Enter 换行', 'ctrl+enter'],
    ['发送给 测试买家甲，使用Enter 发送消息', 'enter'],
    ['按 Ctrl+Enter 发送', 'ctrl+enter'],
    ['按Enter键发送', 'enter'],
    ['请输入', null],
    ['', null],
    [null, null],
  ])('%j → %s', (text, mode) => {
    expect(sendKeyFromText(text)).toBe(mode);
  });
});

describe('isSendKeyEvent', () => {
  it('Enter mode: plain Enter sends; modified Enter types a newline', () => {
    expect(isSendKeyEvent(key(), 'enter')).toBe(true);
    expect(isSendKeyEvent(key({ shiftKey: true }), 'enter')).toBe(false);
    expect(isSendKeyEvent(key({ ctrlKey: true }), 'enter')).toBe(false);
  });

  it('Ctrl+Enter mode: a plain Enter is a newline, never a send', () => {
    expect(isSendKeyEvent(key(), 'ctrl+enter')).toBe(false);
    expect(isSendKeyEvent(key({ ctrlKey: true }), 'ctrl+enter')).toBe(true);
    expect(isSendKeyEvent(key({ metaKey: true }), 'ctrl+enter')).toBe(true);
  });

  it('unknown: both count; Shift, Alt and other keys never do', () => {
    expect(isSendKeyEvent(key(), null)).toBe(true);
    expect(isSendKeyEvent(key({ ctrlKey: true }), null)).toBe(true);
    expect(isSendKeyEvent(key({ shiftKey: true }), null)).toBe(false);
    expect(isSendKeyEvent(key({ altKey: true }), null)).toBe(false);
    expect(isSendKeyEvent(key({ key: 'a' }), null)).toBe(false);
  });
});
