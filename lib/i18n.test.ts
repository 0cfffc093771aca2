import { describe, it, expect } from 'vitest';
import { formatDuration } from './i18n';
import zh from '../public/_locales/zh_CN/messages.json';
import enJson from '../public/_locales/en/messages.json';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const zhAll: Messages = zh;
const en: Messages = enJson;

describe('i18n', () => {
  it('formats waiting times as an agent reads them', () => {
    expect(formatDuration(35)).toBe('35秒');
    expect(formatDuration(240)).toBe('4分钟');
    expect(formatDuration(245)).toBe('4分5秒');
    expect(formatDuration(3900)).toBe('1小时5分');
  });

  it('has every zh_CN message in English too, with the same placeholders', () => {
    for (const [key, value] of Object.entries(zhAll)) {
      const other = en[key];
      expect(other, key).toBeDefined();
      expect(Object.keys(other!.placeholders ?? {}), key).toEqual(Object.keys(value.placeholders ?? {}));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
});
