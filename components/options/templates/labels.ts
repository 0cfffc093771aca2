import { t, type MessageKey } from '@/lib/i18n';
import { PLATFORM_NAMES } from '@/lib/templates/model';

export type PlatformName = (typeof PLATFORM_NAMES)[number];

const PLATFORM_KEYS: Record<PlatformName, MessageKey> = {
  pdd: 'tplPlatformPdd',
  taobao: 'tplPlatformTaobao',
  douyin: 'tplPlatformDouyin',
  jd: 'tplPlatformJd',
  kuaishou: 'tplPlatformKuaishou',
  generic: 'tplPlatformGeneric',
};

export const platformLabel = (p: PlatformName): string => t(PLATFORM_KEYS[p]);

/** Field names `saveTemplate` reports → a message the agent can act on. */
const ISSUE_KEYS: Record<string, MessageKey> = {
  title: 'tplIssueTitle',
  body: 'tplIssueBody',
  group: 'tplIssueGroup',
  shortcut: 'tplIssueShortcut',
  shop: 'tplIssueShop',
  platform: 'tplIssuePlatform',
};

export function issueText(field: string, message: string): string {
  const key = ISSUE_KEYS[field];
  return key ? t(key) : `${field}: ${message}`;
}
