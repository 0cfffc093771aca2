import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import {
  applyImport,
  exportCsv,
  exportJson,
  importTemplates,
  type DuplicateMark,
  type DuplicatePolicy,
  type ImportError,
  type ImportPreview,
} from '@/lib/templates/io';
import type { TemplateCollection } from '@/lib/templates/model';
import { uiIsChinese } from './compliance';
import { downloadText, exportFileName } from './download';

export interface ImportExportProps {
  collection: TemplateCollection;
  getCollection: () => TemplateCollection;
  commit: (next: TemplateCollection) => Promise<void>;
  /** Writing is not allowed (storage could not be read). */
  readOnly: boolean;
}

interface Pending {
  fileName: string;
  bytes: Uint8Array;
  /** The document the preview was computed against. */
  base: TemplateCollection;
  preview: ImportPreview;
}

/** Rows of the preview table shown at most (the counts cover all). */
const PREVIEW_ROWS = 200;

const POLICIES: DuplicatePolicy[] = ['skip', 'replace', 'keep-both'];

/** Import (preview, duplicates policy, all-or-nothing apply) and export (JSON / CSV). */
export function ImportExport({ collection, getCollection, commit, readOnly }: ImportExportProps) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const [summary, setSummary] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again reads it again
    if (!file) return;
    setSummary(null);
    setFailure(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const base = getCollection();
      const preview = importTemplates(bytes, { existing: base, now: Date.now(), fileName: file.name });
      setPending({ fileName: file.name, bytes, base, preview });
      setPolicy('skip');
    } catch (e) {
      setPending(null);
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };

  const apply = async () => {
    if (!pending?.preview.ok) return;
    setBusy(true);
    try {
      const now = Date.now();
      const current = getCollection();
      // The list changed since the preview: read the file again against what is stored now.
      const preview =
        current === pending.base ? pending.preview : importTemplates(pending.bytes, { existing: current, now, fileName: pending.fileName });
      if (!preview.ok) {
        setPending({ ...pending, base: current, preview });
        return;
      }
      const r = applyImport(current, preview, { duplicates: policy, now });
      await commit(r.collection);
      setPending(null);
      setSummary(t('tplImportDone', r.added, r.updated, r.skipped));
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const now = () => Date.now();
  const p = pending?.preview;
  const againstExisting = p ? p.duplicates.filter((d) => d.existingId !== undefined).length : 0;
  const inFile = p ? p.duplicates.length - againstExisting : 0;

  return (
    <div class="kp-tpl-io" data-testid="kp-tpl-io">
      <div class="kp-row">
        <label class="kp-tpl-file">
          {t('tplImport')}
          <input
            type="file"
            accept=".json,.csv,.txt"
            disabled={readOnly}
            data-testid="kp-tpl-import-file"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
        <button
          type="button"
          data-testid="kp-tpl-export-json"
          disabled={collection.templates.length === 0}
          onClick={() => downloadText(exportJson(getCollection(), now()), exportFileName(now(), 'json'), 'application/json')}
        >
          {t('tplExportJson')}
        </button>
        <button
          type="button"
          data-testid="kp-tpl-export-csv"
          disabled={collection.templates.length === 0}
          onClick={() => downloadText(exportCsv(getCollection()), exportFileName(now(), 'csv'), 'text/csv;charset=utf-8')}
        >
          {t('tplExportCsv')}
        </button>
      </div>
      <small class="kp-hint">{t('tplImportHint')}</small>

      {summary && (
        <p class="kp-tpl-ok" role="status" data-testid="kp-tpl-import-summary">
          {summary}
        </p>
      )}
      {failure && (
        <p class="kp-error" role="alert">
          {failure}
        </p>
      )}

      {pending && p && !p.ok && (
        <div class="kp-tpl-preview kp-tpl-block" role="alert" data-testid="kp-tpl-import-errors">
          <strong>{t('tplImportRefused', pending.fileName)}</strong>
          <ul>
            {p.errors.map((e, i) => (
              <li key={i}>{errorText(e)}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setPending(null)}>
            {t('tplClose')}
          </button>
        </div>
      )}

      {pending && p && p.ok && (
        <div class="kp-tpl-preview" data-testid="kp-tpl-import-preview">
          <strong>{t('tplImportPreviewTitle', pending.fileName)}</strong>
          <p data-testid="kp-tpl-import-counts">
            {t('tplImportCounts', p.templates.length, againstExisting, inFile)}
            {p.newGroups.length > 0 && ` ${t('tplImportNewGroups', p.newGroups.map((g) => g.name).join('、'))}`}
          </p>
          {p.ignoredColumns && p.ignoredColumns.length > 0 && <p class="kp-hint">{t('tplImportIgnoredColumns', p.ignoredColumns.join('、'))}</p>}
          {p.warnings.length > 0 && (
            <ul class="kp-tpl-warn-list" data-testid="kp-tpl-import-warnings">
              {p.warnings.slice(0, 20).map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
              {p.warnings.length > 20 && <li>{t('tplMore', p.warnings.length - 20)}</li>}
            </ul>
          )}
          <div class="kp-tpl-table-wrap">
            <table class="kp-tpl-table">
              <thead>
                <tr>
                  <th>{t('tplColLine')}</th>
                  <th>{t('tplFieldGroup')}</th>
                  <th>{t('tplFieldShortcut')}</th>
                  <th>{t('tplFieldTitle')}</th>
                  <th>{t('tplColDuplicate')}</th>
                </tr>
              </thead>
              <tbody>
                {p.templates.slice(0, PREVIEW_ROWS).map((it, i) => {
                  const groupName =
                    pending.base.groups.find((g) => g.id === it.template.group)?.name ??
                    p.newGroups.find((g) => g.id === it.template.group)?.name ??
                    '';
                  return (
                    <tr key={i} class={it.duplicate ? 'kp-tpl-dup' : ''} data-duplicate={it.duplicate?.reason ?? ''}>
                      <td>{it.line}</td>
                      <td>{groupName}</td>
                      <td>{it.template.shortcut ?? ''}</td>
                      <td title={it.template.body}>
                        {it.template.title}
                        {it.titleDerived && <small class="kp-hint"> {t('tplTitleDerived')}</small>}
                      </td>
                      <td>{it.duplicate ? duplicateText(it.duplicate) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {p.templates.length > PREVIEW_ROWS && <p class="kp-hint">{t('tplMore', p.templates.length - PREVIEW_ROWS)}</p>}
          </div>
          {againstExisting > 0 && (
            <fieldset class="kp-row" data-testid="kp-tpl-import-policy">
              <legend>{t('tplImportPolicy')}</legend>
              {POLICIES.map((x) => (
                <label key={x} class="kp-check">
                  <input type="radio" name="kp-tpl-policy" value={x} checked={policy === x} onChange={() => setPolicy(x)} />
                  {t(x === 'skip' ? 'tplPolicySkip' : x === 'replace' ? 'tplPolicyReplace' : 'tplPolicyKeepBoth')}
                </label>
              ))}
            </fieldset>
          )}
          <div class="kp-row">
            <button type="button" class="kp-tpl-primary" disabled={busy || readOnly} onClick={() => void apply()} data-testid="kp-tpl-import-apply">
              {t('tplImportApply')}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              {t('tplCancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The importer's message names the line in Chinese (第 N 行：…); other UIs get it in their own words. */
function errorText(e: ImportError): string {
  if (e.line === null) return e.message;
  const rest = e.message.replace(/^第 ?\d+ ?行：/, '');
  return rest === e.message || !uiIsChinese() ? t('tplLine', e.line, rest) : e.message;
}

function duplicateText(d: DuplicateMark): string {
  switch (d.reason) {
    case 'in-file':
      return t('tplDupInFile', d.ofLine ?? '?');
    case 'shortcut':
      return t('tplDupShortcut', d.existingTitle ?? '');
    case 'id':
      return t('tplDupId', d.existingTitle ?? '');
    default:
      return t('tplDupBody', d.existingTitle ?? '');
  }
}
