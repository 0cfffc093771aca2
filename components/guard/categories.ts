import type { Category } from '@/lib/compliance/types';
import { t, type MessageKey } from '@/lib/i18n';

const KEYS: Record<Category, MessageKey> = {
  'third-party-link': 'catThirdPartyLink',
  'off-platform-contact': 'catOffPlatformContact',
  'off-platform-payment': 'catOffPlatformPayment',
  'qr-code': 'catQrCode',
  'store-address': 'catStoreAddress',
  'review-inducement': 'catReviewInducement',
  abuse: 'catAbuse',
  prohibited: 'catProhibited',
  disparaging: 'catDisparaging',
  impersonation: 'catImpersonation',
  'absolute-claim': 'catAbsoluteClaim',
  'poor-service': 'catPoorService',
  'shop-word': 'catShopWord',
};

/**
 * A compliance category as the agent reads it (站外联系方式 …). Stored events may name categories this
 * version does not know (an imported file, an older or newer lexicon): those read as they are written.
 */
export const categoryLabel = (c: Category | (string & {})): string => (Object.hasOwn(KEYS, c) ? t(KEYS[c as Category]) : c);
