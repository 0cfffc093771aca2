import { useState } from 'preact/hooks';
import {
  DEFAULT_SEVERITIES,
  loadComplianceSettings,
  parseWordList,
  RULE_CATEGORIES,
  serialiseWordList,
  type ComplianceSettings,
  type SeveritySetting,
  type WordListKind,
} from '@/lib/compliance';
import { parseWordListFile, wordListCsv } from '@/lib/compliance/word-lists';
import type { Settings } from '@/lib/settings';
import { t, type MessageKey } from '@/lib/i18n';
import { categoryLabel } from '../guard/categories';

const SEVERITY_TEXT: Record<SeveritySetting, MessageKey> = { block: 'sevBlock', warn: 'sevWarn', tip: 'sevTip', off: 'sevOff' };

/** Download text as a file (UTF-8 with BOM so Excel reads the Chinese). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Props {
  settings: Settings;
  /** Applies and stores a change; resolves to whether it was stored (false: the page went back). */
  update: (change: (s: Settings) => Settings) => Promise<boolean>;
}

/** Compliance settings: severity per category, the shop's own words, the allow-list, import / export. */
export function CompliancePanel({ settings, update }: Props) {
  const c: ComplianceSettings = loadComplianceSettings(settings.compliance);
  const setCompliance = (next: ComplianceSettings) => update((s) => ({ ...s, compliance: next as unknown as Record<string, unknown> }));

  return (
    <section class="kp-section" data-testid="kp-compliance-settings">
      <h2>{t('optCompliance')}</h2>
      <p class="kp-hint">{t('optComplianceHint')}</p>
      <table class="kp-profiles">
        <tbody>
          {RULE_CATEGORIES.map((cat) => (
            <tr key={cat}>
              <td>{categoryLabel(cat)}</td>
              <td>
                <select
                  data-category={cat}
                  aria-label={categoryLabel(cat)}
                  value={c.severities[cat]}
                  onChange={(e) => setCompliance({ ...c, severities: { ...c.severities, [cat]: e.currentTarget.value as SeveritySetting } })}
                >
                  {(['block', 'warn', 'tip', 'off'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(SEVERITY_TEXT[s])}
                      {DEFAULT_SEVERITIES[cat] === s ? ` ${t('optDefault')}` : ''}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <WordList
        kind="block"
        title={t('optShopWords')}
        hint={t('optShopWordsHint')}
        text={serialiseWordList(c.shopWords, 'block')}
        csv={() => wordListCsv(c.shopWords, 'block')}
        count={c.shopWords.length}
        onSave={async (input) => {
          const r = typeof input === 'string' ? parseWordList(input, 'block') : parseWordListFile(input, 'block');
          if (!r.ok) return r;
          return (await setCompliance({ ...c, shopWords: r.words })) ? r : { ok: false, line: 0, message: '' };
        }}
      />
      <WordList
        kind="allow"
        title={t('optAllowList')}
        hint={t('optAllowListHint')}
        text={serialiseWordList(c.allowList, 'allow')}
        csv={() => wordListCsv(c.allowList, 'allow')}
        count={c.allowList.length}
        onSave={async (input) => {
          const r = typeof input === 'string' ? parseWordList(input, 'allow') : parseWordListFile(input, 'allow');
          if (!r.ok) return r;
          return (await setCompliance({ ...c, allowList: r.words })) ? r : { ok: false, line: 0, message: '' };
        }}
      />
      <label class="kp-check" for="learned-reading">
        <input
          type="checkbox"
          id="learned-reading"
          data-testid="kp-learned"
          checked={c.learned}
          onChange={(e) => setCompliance({ ...c, learned: e.currentTarget.checked })}
        />
        {t('optLearned')}
      </label>
      <label class="kp-check" for="keep-text">
        <input
          type="checkbox"
          id="keep-text"
          checked={settings.privacy.keepComplianceText}
          onChange={(e) => update((s) => ((s.privacy.keepComplianceText = e.currentTarget.checked), s))}
        />
        {t('optKeepText')}
      </label>
    </section>
  );
}

/** `line: 0`: the list was fine but could not be stored (the options page says why). */
type SaveResult = { ok: true } | { ok: false; line: number; message: string };

function WordList(props: {
  kind: WordListKind;
  title: string;
  hint: string;
  /** The list as the text box shows it. */
  text: string;
  /** The list as the export button saves it (CSV, formulas neutralised). */
  csv: () => string;
  count: number;
  /** Text from the box, or the bytes of a picked file (decoded like the template import). */
  onSave: (input: string | Uint8Array) => Promise<SaveResult>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = `words-${props.kind}`;
  const save = async (input: string | Uint8Array, from: string) => {
    const r = await props.onSave(input);
    if (!r.ok) {
      // All or nothing: the list stays as it was. Never 已保存 for a list that was not stored.
      setError(r.line === 0 ? t('optWordListNotStored') : t('optWordListError', from, r.line, r.message));
      setDone(null);
      return;
    }
    setError(null);
    setDraft(null);
    setDone(t('optWordListSaved'));
  };
  return (
    <div class="kp-wordlist" data-list={props.kind}>
      <h3 id={`${id}-title`}>
        {props.title} <small>({props.count})</small>
      </h3>
      <p class="kp-hint" id={`${id}-hint`}>{props.hint}</p>
      <textarea id={id} aria-labelledby={`${id}-title`} aria-describedby={`${id}-hint`} value={draft ?? props.text} onInput={(e) => (setDraft(e.currentTarget.value), setDone(null))} />
      <div class="kp-row">
        <button type="button" data-action="save" disabled={draft === null} onClick={() => void save(draft ?? '', t('optTheList'))}>
          {t('optSaveList')}
        </button>
        <label class="kp-file">
          {t('optImportList')}
          <input
            type="file"
            accept=".csv,.txt"
            data-action="import"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) await save(new Uint8Array(await file.arrayBuffer()), file.name);
            }}
          />
        </label>
        <button type="button" data-action="export" onClick={() => download(`kefu-pilot-${props.kind === 'allow' ? 'allow-list' : 'shop-words'}.csv`, props.csv())}>
          {t('optExportList')}
        </button>
        {done && <span class="kp-saved">{done}</span>}
      </div>
      {error && (
        <p class="kp-error" role="alert" data-testid={`kp-${props.kind}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
