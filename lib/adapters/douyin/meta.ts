import type { PlatformMeta } from '../types';

export const douyinMeta = {
  id: 'douyin',
  name: '抖店飞鸽',
  nameEn: 'Douyin Feige',
  i18nName: 'tplPlatformDouyin',
  workbenchUrl: 'https://im.jinritemai.com/pc_seller_v2/main/workspace',
  // The whole app, not only the workspace: it moves between its pages without a reload, and the
  // adapter's health check tells the workspace from the login and history pages.
  matches: ['https://im.jinritemai.com/pc_seller_v2/*'],
  ruleProfile: 'douyin',
  simulator: { folder: 'douyin', base: '/pc_seller_v2/' },
} as const satisfies PlatformMeta;
