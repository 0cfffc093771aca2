import { useState } from 'preact/hooks';
import { exportDailyCsv, exportDailyJson, exportEventsJsonl, exportRoundsCsv, type ExportFile, type ExportOptions } from '@/lib/stats/export';
import { importEvents, parseEventsFile } from '@/lib/stats/import-events';
import type { ChatEvent } from '@/lib/stats/events';
import { addDays } from '@/lib/stats/rollup';
import type { KefuDb } from '@/lib/stats/db';
import { getSettings } from '@/lib/runtime/settings-store';
import { getPseudonymSalt } from '@/lib/runtime/pseudonym-salt';
import { chinaDate } from '@/lib/time/china';
import { t, type MessageKey } from '@/lib/i18n';
import { database } from './data';
import { SetAsideNotice } from './SetAsideNotice';
import type { SetAsideReport } from '@/lib/stats/rollup';

type Kind = 'daily-csv' | 'daily-json' | 'rounds-csv' | 'events-jsonl';
const EXPORTS: Record<Kind, { label: MessageKey; run: (db: KefuDb, o: ExportOptions) => Promise<ExportFile> }> = {
  'daily-csv': { label: 'exportDailyCsv', run: exportDailyCsv },
  'daily-json': { label: 'exportDailyJson', run: exportDailyJson },
  'rounds-csv': { label: 'exportRoundsCsv', run: exportRoundsCsv },
  'events-jsonl': { label: 'exportEvents', run: exportEventsJsonl },
};

/** Export the agent's own record for a date range, and import an events file (moving computers). */
export function DataTab() {
  const today = chinaDate(Date.now());
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const [pseudo, setPseudo] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What the last export had to leave out. */
  const [setAside, setSetAside] = useState<SetAsideReport | null>(null);
  const [pending, setPending] = useState<{ name: string; events: ChatEvent[]; skipped: number } | null>(null);

  const run = async (kind: Kind) => {
    setError(null);
    setMessage(null);
    setSetAside(null);
    if (from > to) return setError(t('exportBadRange'));
    setProgress({ done: 0, total: 1 });
    const t0 = performance.now();
    try {
      const [settings, salt] = await Promise.all([getSettings(), pseudo ? getPseudonymSalt() : undefined]);
      const file = await EXPORTS[kind].run(database(), {
        from,
        to,
        now: Date.now(),
        profiles: settings.timing.profiles,
        pseudonymise: pseudo,
        salt,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      const blob = new Blob(file.chunks, { type: file.mime });
      // In the popup's performance timeline: how long the agent waited for the file (the benchmark reads it).
      performance.measure('kefu-pilot:export', { start: t0, end: performance.now(), detail: { kind, rows: file.rows } });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
      setMessage(t('exportDone', file.filename, file.rows) + (file.prunedDays.length ? ` ${t('exportPruned', file.prunedDays.length)}` : ''));
      setSetAside(file.setAside);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };

  const pick = async (file: File) => {
    setError(null);
    setMessage(null);
    setPending(null);
    // As bytes, so a GBK or UTF-16 file is named as such rather than read as broken lines.
    const r = parseEventsFile(new Uint8Array(await file.arrayBuffer()));
    // All or nothing: a bad line (or a file that is not UTF-8, or too big) means nothing is imported.
    if (!r.ok) return setError(r.problem ? `${file.name}: ${r.message}` : t('importBadLine', file.name, r.line, r.message, r.errorCount));
    setPending({ name: file.name, events: r.events, skipped: r.skippedUnknown.length });
  };

  const confirm = async () => {
    if (!pending) return;
    try {
      const r = await importEvents(database(), pending.events);
      setMessage(t('importDone', r.added, r.duplicates, r.days.length));
    } catch (e) {
      setError(t('importFailed', e instanceof Error ? e.message : String(e)));
    }
    setPending(null);
  };

  return (
    <section data-testid="kp-data">
      <h2>{t('exportTitle')}</h2>
      <div class="kp-row">
        <label>
          {t('exportFrom')} <input type="date" data-testid="kp-export-from" value={from} max={today} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('exportTo')} <input type="date" data-testid="kp-export-to" value={to} max={today} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
      </div>
      <label class="kp-check">
        <input type="checkbox" data-testid="kp-export-pseudo" checked={pseudo} onChange={(e) => setPseudo(e.currentTarget.checked)} />
        {t('exportPseudo')}
      </label>
      <div class="kp-buttons">
        {(Object.keys(EXPORTS) as Kind[]).map((k) => (
          <button type="button" key={k} data-export={k} disabled={progress !== null} onClick={() => void run(k)}>
            {t(EXPORTS[k].label)}
          </button>
        ))}
      </div>
      {progress && <progress data-testid="kp-export-progress" max={progress.total} value={progress.done} />}

      <h2>{t('importTitle')}</h2>
      <p class="kp-muted">{t('importHint')}</p>
      <input
        type="file"
        accept=".jsonl,.json,.txt"
        data-testid="kp-import-file"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void pick(f);
        }}
      />
      {pending && (
        <div class="kp-row" data-testid="kp-import-preview">
          <span>{t('importPreview', pending.name, pending.events.length, pending.skipped)}</span>
          <button type="button" data-action="import-confirm" onClick={() => void confirm()}>
            {t('importConfirm')}
          </button>
        </div>
      )}
      {message && (
        <p class="kp-ok" role="status" data-testid="kp-data-message">
          {message}
        </p>
      )}
      <SetAsideNotice report={setAside} />
      {error && (
        <p class="kp-error" role="alert" data-testid="kp-data-error">
          {error}
        </p>
      )}
    </section>
  );
}
