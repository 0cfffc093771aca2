import type { PlatformMeta } from '../types';

export const kuaishouMeta = {
  id: 'kuaishou',
  name: '快手小店',
  nameEn: 'Kuaishou shops',
  i18nName: 'tplPlatformKuaishou',
  // 快语客服 at im.kwaixiaodian.com/workbench and its sub-pages (/workbench/zone/data/assess …);
  // /pc is a landing page and s.kwaixiaodian.com the back office, never matched (platform note §1).
  workbenchUrl: 'https://im.kwaixiaodian.com/workbench',
  matches: ['https://im.kwaixiaodian.com/workbench*'],
  ruleProfile: 'kuaishou',
  simulator: { folder: 'kuaishou', base: '/' },
  // How the page shows 智能客服's replies is not documented (platform note §5 [G]): an our-side
  // message under one of these nicknames counts as a robot, every other one as human (unless it is a
  // marketing card), and the overlay lists the nicknames it saw so the agent can correct the list in
  // the options page. The names are also stripped first off a `<nickname>M-D HH:MM:SS` sender line.
  robotNicknames: ['智能客服', '快手智能客服', '机器人', '自动回复'],
  // Each card counts down to the second (X分Y秒后超时, §9): a check on our own timing.
  pageClock: 'seconds',
} as const satisfies PlatformMeta;
