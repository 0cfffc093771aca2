import { categoryLabel as guardCategoryLabel } from '@/components/guard/categories';
import { check, loadComplianceSettings, type Category, type Finding } from '@/lib/compliance';
import { t } from '@/lib/i18n';
import { getSettings } from '@/lib/runtime/settings-store';
import type { Template } from '@/lib/templates/model';

/**
 * The compliance check run when a template is saved (issue 6, item 6): a `block` finding is shown
 * and the save needs an explicit confirmation; `warn` findings are shown without blocking; `tip`
 * findings are not shown here (they depend on the conversation, which a template has not got).
 *
 * Uses the same engine and the same shop settings (severities, shop words, allow-list) as the
 * pre-send guard on the workbench, for the template's platform (`generic` when unscoped).
 */
export async function checkTemplateBody(body: string, platform: Template['platform']): Promise<Finding[]> {
  const settings = loadComplianceSettings((await getSettings()).compliance);
  return check(body, { platform: platform ?? 'generic', settings }).findings;
}

/** Findings the editor shows: blocks first, then warnings. */
export function visibleFindings(findings: Finding[]): { blocks: Finding[]; warns: Finding[] } {
  return {
    blocks: findings.filter((f) => f.severity === 'block'),
    warns: findings.filter((f) => f.severity === 'warn'),
  };
}

/** A category as the agent reads it: the guard's labels, so both places say the same. */
export const categoryLabel = (c: Category): string => guardCategoryLabel(c);

/** The finding's reason in the UI's language (the engine gives zh-CN and English). */
export function findingReason(f: Finding): string {
  return uiIsChinese() ? f.reason : f.reason_en || f.reason;
}

export function uiIsChinese(): boolean {
  return t('tplLang') === 'zh';
}
