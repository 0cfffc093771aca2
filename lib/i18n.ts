import { browser } from 'wxt/browser';
import zh from '../public/_locales/zh_CN/messages.json';

/** Every user-visible string's key; the zh_CN file is the source of truth. */
export type MessageKey = keyof typeof zh;

/** Translate through the browser's i18n (zh_CN default, en second); falls back to zh_CN text. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const s = subs.map(String);
  let out = '';
  try {
    out = browser.i18n.getMessage(key, s);
  } catch {
    // not in an extension context (unit tests): use the default locale's text below
  }
  if (out) return out;
  // Outside an extension (unit tests): the zh_CN text with its named placeholders filled in.
  const entry = zh[key] as { message: string; placeholders?: Record<string, { content: string }> } | undefined;
  if (!entry) return String(key); // a key this build does not have: never break the page over a label
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    const index = content ? Number(content.slice(1)) - 1 : -1;
    return index >= 0 ? (s[index] ?? '') : whole;
  });
}

/** A waiting time as the agent reads it: 35秒, 4分5秒, 1小时5分. */
export function formatDuration(totalSeconds: number): string {
  const sec = Math.max(0, Math.floor(totalSeconds));
  if (sec < 60) return t('durationSeconds', sec);
  // Whole minutes read as the page's own badge does (已等待4分钟), not as a false 4分0秒.
  if (sec < 3600) return sec % 60 ? t('durationMinutes', Math.floor(sec / 60), sec % 60) : t('durationWholeMinutes', sec / 60);
  return t('durationHours', Math.floor(sec / 3600), Math.floor((sec % 3600) / 60));
}
