import { useEffect, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import type { ResponseFor } from '@/lib/messages';
import { t } from '@/lib/i18n';
import { shiftSummary, handoverText, type ShiftSummary } from '@/lib/stats/shift';
import { categoryLabel } from '../guard/categories';
import { getSettings } from '@/lib/runtime/settings-store';
import { chinaDate, formatClock } from '@/lib/time/china';
import { database } from './data';
import type { ChatEvent } from '@/lib/stats/events';
import { storedRowProblem } from '@/lib/stats/rollup';

/** When the agent's shift started (kept in the extension's storage until they start a new one). */
const shiftItem = storage.defineItem<number | null>('local:shiftStartedAt', { fallback: null });

/** Since the shift started, and the handover note for the next agent. */
export function ShiftTab({ waiting }: { waiting: ResponseFor<'waiting/all'> | null }) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [summary, setSummary] = useState<ShiftSummary | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    void shiftItem.getValue().then(setStartedAt);
  }, []);

  useEffect(() => {
    if (startedAt === null) return;
    let alive = true;
    void (async () => {
      const now = Date.now();
      // The shift's events plus a day before it, so rounds open when it began are seen.
      const days: string[] = [];
      for (let at = startedAt - 86_400_000; at <= now + 86_400_000; at += 86_400_000) days.push(chinaDate(at));
      const rows = await database().events.where('day').anyOf(days).toArray();
      const settings = await getSettings();
      if (!alive) return;
      // A damaged stored row is left out (as the rollups do), never a reason for no summary at all.
      const events = rows
        .filter((r) => storedRowProblem(r, r.day) === null)
        .map(({ day: _d, ...e }) => e as ChatEvent)
        .filter((e) => Date.parse(e.ts) >= startedAt - 86_400_000);
      setSummary(shiftSummary(events, { startedAt, now, profiles: settings.timing.profiles }));
    })();
    return () => {
      alive = false;
    };
  }, [startedAt]);

  const start = () => {
    const now = Date.now();
    void shiftItem.setValue(now).then(() => setStartedAt(now));
    setCopied(false);
  };
  const names = new Map((waiting?.waiting ?? []).map((w) => [w.buyer, w.nickname ?? w.buyer]));
  const text = summary ? handoverText(summary, Date.now(), names, categoryLabel) : '';

  return (
    <section data-testid="kp-shift">
      <div class="kp-row">
        <span>{startedAt === null ? t('shiftNotStarted') : t('shiftSince', formatClock(startedAt))}</span>
        <button type="button" data-action="start-shift" onClick={start}>
          {startedAt === null ? t('shiftStart') : t('shiftRestart')}
        </button>
      </div>
      {summary && (
        <>
          <dl class="kp-counts">
            <div class="kp-figure">
              <dt>{t('kpiRounds')}</dt>
              <dd>
                {summary.answered}/{summary.rounds}
              </dd>
            </div>
            <div class={`kp-figure ${summary.missed3min ? 'kp-grade-bad' : ''}`}>
              <dt>{t('shiftMissed')}</dt>
              <dd>{summary.missed3min}</dd>
            </div>
            <div class="kp-figure">
              <dt>{t('shiftBlocked')}</dt>
              <dd>{summary.blocked}</dd>
            </div>
            <div class="kp-figure">
              <dt>{t('shiftTemplates')}</dt>
              <dd>{summary.templatesUsed}</dd>
            </div>
          </dl>
          <h2>{t('shiftHandover')}</h2>
          <pre class="kp-handover" data-testid="kp-handover">
            {text}
          </pre>
          <button
            type="button"
            data-action="copy-handover"
            onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}
          >
            {copied ? t('shiftCopied') : t('shiftCopy')}
          </button>
        </>
      )}
    </section>
  );
}
