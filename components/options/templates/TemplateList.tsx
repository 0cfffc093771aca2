import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n';
import type { Template, TemplateGroup } from '@/lib/templates/model';
import { platformLabel } from './labels';

export interface RowProps {
  template: Template;
  /** Shown in search results, where rows are not under their group heading. */
  groupName?: string;
  confirmingDelete: boolean;
  readOnly: boolean;
  /** Reorder buttons (absent in search results). */
  onUp?: () => void;
  onDown?: () => void;
  onEdit: () => void;
  onAskDelete: () => void;
  onDelete: () => void;
  onCancelDelete: () => void;
}

/** One template: title, shortcut, scope, the body on two lines, and its actions. All text as text. */
export function TemplateRow(p: RowProps) {
  const x = p.template;
  return (
    <li class="kp-tpl-row" data-testid="kp-tpl-row" data-id={x.id}>
      <div class="kp-tpl-row-head">
        <strong class="kp-tpl-title">{x.title}</strong>
        {x.shortcut && <code class="kp-tpl-shortcut">/{x.shortcut}</code>}
        {p.groupName && <span class="kp-tpl-badge">{p.groupName}</span>}
        {x.platform && <span class="kp-tpl-badge">{platformLabel(x.platform)}</span>}
        {x.shop && <span class="kp-tpl-badge">{x.shop}</span>}
        {x.usageCount > 0 && <small class="kp-hint">{t('tplUsage', x.usageCount)}</small>}
        <span class="kp-tpl-actions">
          {p.confirmingDelete ? (
            <>
              <span class="kp-error">{t('tplConfirmDelete')}</span>
              <button type="button" class="kp-tpl-danger" onClick={p.onDelete} data-testid="kp-tpl-delete-confirm">
                {t('tplDelete')}
              </button>
              <button type="button" onClick={p.onCancelDelete}>
                {t('tplCancel')}
              </button>
            </>
          ) : (
            <>
              {p.onUp && (
                <IconButton label={t('tplMoveUp')} onClick={p.onUp} disabled={p.readOnly}>
                  ↑
                </IconButton>
              )}
              {p.onDown && (
                <IconButton label={t('tplMoveDown')} onClick={p.onDown} disabled={p.readOnly}>
                  ↓
                </IconButton>
              )}
              <button type="button" onClick={p.onEdit} disabled={p.readOnly} data-testid="kp-tpl-edit">
                {t('tplEdit')}
              </button>
              <button type="button" onClick={p.onAskDelete} disabled={p.readOnly} data-testid="kp-tpl-delete">
                {t('tplDelete')}
              </button>
            </>
          )}
        </span>
      </div>
      <div class="kp-tpl-body">{x.body}</div>
    </li>
  );
}

export function IconButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick?: () => void;
  disabled?: boolean;
  children: ComponentChildren;
}) {
  return (
    <button type="button" class="kp-tpl-icon" title={label} aria-label={label} onClick={onClick} disabled={disabled || !onClick}>
      {children}
    </button>
  );
}

export interface GroupHeadProps {
  group: TemplateGroup;
  count: number;
  readOnly: boolean;
  first: boolean;
  last: boolean;
  onUp: () => void;
  onDown: () => void;
  onAdd: () => void;
  onRename: () => void;
  onDelete: () => void;
}

export function GroupHead(p: GroupHeadProps) {
  return (
    <div class="kp-tpl-group-head">
      <h3>
        {p.group.name} <small class="kp-hint">{t('tplCount', p.count)}</small>
      </h3>
      <span class="kp-tpl-actions">
        <IconButton label={t('tplGroupUp')} onClick={p.first ? undefined : p.onUp} disabled={p.readOnly}>
          ↑
        </IconButton>
        <IconButton label={t('tplGroupDown')} onClick={p.last ? undefined : p.onDown} disabled={p.readOnly}>
          ↓
        </IconButton>
        <button type="button" onClick={p.onAdd} disabled={p.readOnly}>
          {t('tplAddInGroup')}
        </button>
        <button type="button" onClick={p.onRename} disabled={p.readOnly} data-testid="kp-tpl-group-rename">
          {t('tplRename')}
        </button>
        <button type="button" onClick={p.onDelete} disabled={p.readOnly} data-testid="kp-tpl-group-delete">
          {t('tplDelete')}
        </button>
      </span>
    </div>
  );
}
