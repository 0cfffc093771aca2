import { useMemo, useState } from 'preact/hooks';
import type { Finding } from '@/lib/compliance/types';
import { t } from '@/lib/i18n';
import { saveTemplate, type TemplateDraft } from '@/lib/templates/index-build';
import {
  BODY_MAX,
  DEFAULT_GROUP_NAME,
  PLATFORM_NAMES,
  SHORTCUT_MAX,
  TITLE_MAX,
  addGroup,
  type Template,
  type TemplateCollection,
} from '@/lib/templates/model';
import { unknownVariables } from '@/lib/templates/variables';
import { categoryLabel, checkTemplateBody, findingReason, visibleFindings } from './compliance';
import { issueText, platformLabel, type PlatformName } from './labels';

export interface EditorProps {
  /** The template being edited; absent for a new one. */
  template?: Template;
  /** Group preselected for a new template. */
  defaultGroup?: string;
  collection: TemplateCollection;
  /** The newest document at the moment of saving (the list may have changed meanwhile). */
  getCollection: () => TemplateCollection;
  onSaved: (next: TemplateCollection, saved: Template, warnings: Finding[]) => Promise<void>;
  onCancel: () => void;
}

type Issues = Record<string, string[]>;

/** Create / edit form: validation next to the fields, unknown variables, compliance on save. */
export function TemplateEditor({ template, defaultGroup, collection, getCollection, onSaved, onCancel }: EditorProps) {
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [group, setGroup] = useState(template?.group ?? defaultGroup ?? collection.groups[0]?.id ?? '');
  const [shortcut, setShortcut] = useState(template?.shortcut ?? '');
  const [platform, setPlatform] = useState<PlatformName | ''>(template?.platform ?? '');
  const [shop, setShop] = useState(template?.shop ?? '');
  const [issues, setIssues] = useState<Issues>({});
  const [blocks, setBlocks] = useState<Finding[]>([]);
  const [warns, setWarns] = useState<Finding[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const unknown = useMemo(() => unknownVariables(body), [body]);
  const groups = useMemo(() => [...collection.groups].sort((a, b) => a.order - b.order), [collection.groups]);
  const clash = useMemo(() => {
    const s = shortcut.trim().toLowerCase();
    return s ? collection.templates.find((x) => x.shortcut === s && x.id !== template?.id) : undefined;
  }, [shortcut, collection.templates, template?.id]);

  // Any edit of the text withdraws a confirmation given for the previous text.
  const edit = (set: (v: string) => void) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value);
    setBlocks([]);
  };

  /** A draft against `base`; a document without groups gets 未分组 first. */
  const build = (base: TemplateCollection): { base: TemplateCollection; draft: TemplateDraft } => {
    let groupId = group;
    if (!base.groups.some((g) => g.id === groupId)) {
      if (base.groups.length) groupId = base.groups[0]!.id;
      else {
        const added = addGroup(base, DEFAULT_GROUP_NAME);
        base = added.collection;
        groupId = added.group.id;
      }
    }
    const draft: TemplateDraft = {
      title,
      body,
      group: groupId,
      ...(template ? { id: template.id } : {}),
      ...(shortcut.trim() ? { shortcut } : {}),
      ...(platform ? { platform } : {}),
      ...(shop.trim() ? { shop } : {}),
    };
    return { base, draft };
  };

  const submit = async (confirmed: boolean) => {
    setFailure(null);
    const first = build(getCollection());
    const dry = saveTemplate(first.base, first.draft, Date.now());
    if (!dry.ok) {
      const next: Issues = {};
      for (const i of dry.issues) (next[i.field] ??= []).push(issueText(i.field, i.message));
      setIssues(next);
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      const found = visibleFindings(await checkTemplateBody(body, platform || undefined));
      setWarns(found.warns);
      if (found.blocks.length && !confirmed) {
        setBlocks(found.blocks);
        return;
      }
      // Save against the document as it is now (the check is asynchronous).
      const { base, draft } = build(getCollection());
      const r = saveTemplate(base, draft, Date.now());
      if (!r.ok) {
        const next: Issues = {};
        for (const i of r.issues) (next[i.field] ??= []).push(issueText(i.field, i.message));
        setIssues(next);
        return;
      }
      await onSaved(r.collection, r.template, found.warns);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldIssues = (field: string) =>
    issues[field]?.length ? (
      <span class="kp-tpl-issue" role="alert" data-testid={`kp-tpl-issue-${field}`}>
        {issues[field]!.join('；')}
      </span>
    ) : null;
  const otherIssues = Object.entries(issues).filter(([f]) => !['title', 'body', 'group', 'shortcut', 'platform', 'shop'].includes(f));

  return (
    <form
      class="kp-tpl-editor"
      data-testid="kp-tpl-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <h3>{template ? t('tplEditTitle') : t('tplNewTitle')}</h3>
      <div class="kp-tpl-grid">
        <label for="kp-tpl-title">{t('tplFieldTitle')}</label>
        <div>
          <input id="kp-tpl-title" maxLength={TITLE_MAX} value={title} onInput={edit(setTitle)} />
          {fieldIssues('title')}
        </div>

        <label for="kp-tpl-body">{t('tplFieldBody')}</label>
        <div>
          <textarea id="kp-tpl-body" maxLength={BODY_MAX} rows={4} value={body} onInput={edit(setBody)} />
          <small class="kp-hint kp-tpl-vars">{t('tplVariablesHelp')}</small>
          {unknown.length > 0 && (
            <span class="kp-tpl-warn" data-testid="kp-tpl-unknown">
              {t('tplUnknownVariables', unknown.map((n) => `{${n}}`).join(' '))}
            </span>
          )}
          {fieldIssues('body')}
        </div>

        <label for="kp-tpl-group">{t('tplFieldGroup')}</label>
        <div>
          <select id="kp-tpl-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
            {groups.length === 0 && <option value="">{DEFAULT_GROUP_NAME}</option>}
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          {fieldIssues('group')}
        </div>

        <label for="kp-tpl-shortcut">{t('tplFieldShortcut')}</label>
        <div>
          <input
            id="kp-tpl-shortcut"
            maxLength={SHORTCUT_MAX}
            placeholder={t('tplShortcutPlaceholder')}
            value={shortcut}
            onInput={(e) => setShortcut(e.currentTarget.value)}
          />
          {clash && <span class="kp-tpl-warn">{t('tplShortcutTaken', clash.title)}</span>}
          {fieldIssues('shortcut')}
        </div>

        <label for="kp-tpl-platform">{t('tplFieldPlatform')}</label>
        <div class="kp-row">
          <select id="kp-tpl-platform" value={platform} onChange={(e) => setPlatform(e.currentTarget.value as PlatformName | '')}>
            <option value="">{t('tplAllPlatforms')}</option>
            {PLATFORM_NAMES.map((p) => (
              <option key={p} value={p}>
                {platformLabel(p)}
              </option>
            ))}
          </select>
          <label for="kp-tpl-shop">{t('tplFieldShop')}</label>
          <input id="kp-tpl-shop" maxLength={200} placeholder={t('tplAllShops')} value={shop} onInput={(e) => setShop(e.currentTarget.value)} />
          {fieldIssues('platform')}
          {fieldIssues('shop')}
        </div>
      </div>

      {otherIssues.length > 0 && (
        <p class="kp-tpl-issue" role="alert">
          {otherIssues.map(([, m]) => m.join('；')).join('；')}
        </p>
      )}
      {failure && (
        <p class="kp-error" role="alert">
          {t('tplSaveFailed', failure)}
        </p>
      )}

      {blocks.length > 0 && (
        <div class="kp-tpl-findings kp-tpl-block" role="alert" data-testid="kp-tpl-block">
          <strong>{t('tplComplianceBlocked')}</strong>
          <Findings findings={blocks} />
        </div>
      )}
      {warns.length > 0 && (
        <div class="kp-tpl-findings" data-testid="kp-tpl-warns">
          <strong>{t('tplComplianceWarn')}</strong>
          <Findings findings={warns} />
        </div>
      )}

      <div class="kp-row">
        {blocks.length > 0 ? (
          <button type="button" class="kp-tpl-danger" disabled={busy} onClick={() => void submit(true)} data-testid="kp-tpl-save-anyway">
            {t('tplSaveAnyway')}
          </button>
        ) : (
          <button type="submit" class="kp-tpl-primary" disabled={busy} data-testid="kp-tpl-save">
            {t('tplSave')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {t('tplCancel')}
        </button>
      </div>
    </form>
  );
}

export function Findings({ findings }: { findings: Finding[] }) {
  return (
    <ul>
      {findings.map((f, i) => (
        <li key={`${f.start}-${i}`}>
          <span class="kp-tpl-badge">{categoryLabel(f.category)}</span> <mark>{f.text}</mark> — {findingReason(f)}
        </li>
      ))}
    </ul>
  );
}
