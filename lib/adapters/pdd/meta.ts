import type { PlatformMeta } from '../types';

export const pddMeta = {
  id: 'pdd',
  name: '拼多多',
  nameEn: 'Pinduoduo',
  i18nName: 'tplPlatformPdd',
  workbenchUrl: 'https://mms.pinduoduo.com/chat-merchant/index.html#/',
  matches: ['https://mms.pinduoduo.com/chat-merchant/*'],
  ruleProfile: 'pdd',
  simulator: { folder: 'pdd', base: '/chat-merchant/' },
} as const satisfies PlatformMeta;
