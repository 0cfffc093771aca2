import type { PlatformMeta } from '../types';

export const jdMeta = {
  id: 'jd',
  name: '京东咚咚',
  nameEn: 'JD Dongdong',
  i18nName: 'tplPlatformJd',
  // The workbench is the root of dongdong.jd.com (no hash route). The buyer-side chat pages on
  // jdcs.jd.com are another host and never matched (platform note §1).
  workbenchUrl: 'https://dongdong.jd.com/',
  matches: ['https://dongdong.jd.com/*'],
  ruleProfile: 'jd',
  simulator: { folder: 'jd', base: '/' },
  // The page marks no robot reply (platform note §6 [G]): a right-side bubble under one of these
  // nicknames is JD's auto-reply (京小智). A guess the agent corrects in the options page.
  robotNicknames: ['京小智', '京东小智', '智能客服', '机器人', '自动回复'],
} as const satisfies PlatformMeta;
