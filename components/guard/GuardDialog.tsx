import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '@/lib/compliance/types';
import { t } from '@/lib/i18n';
import { categoryLabel } from './categories';

/** Pieces of the text, each either plain or inside a finding: highlighted by rendering each piece as text. */
export function segments(text: string, findings: readonly Finding[]): { text: string; finding: number | null }[] {
  const out: { text: string; finding: number | null }[] = [];
  let at = 0;
  findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.start - b.f.start)
    .forEach(({ f, i }) => {
      if (f.start < at) return; // overlapping findings: the first one is highlighted
      if (f.start > at) out.push({ text: text.slice(at, f.start), finding: null });
      out.push({ text: text.slice(f.start, f.end), finding: i });
      at = f.end;
    });
  if (at < text.length) out.push({ text: text.slice(at), finding: null });
  return out;
}

export interface GuardDialogProps {
  text: string;
  findings: Finding[];
  onEdit(finding: Finding): void;
  onSendAnyway(reason: string): void;
  onClose(): void;
}

/** Shown when a message would break a platform rule: what, why, how to fix; edit or send anyway. */
export function GuardDialog({ text, findings, onEdit, onSendAnyway, onClose }: GuardDialogProps) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const editRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => editRef.current?.focus(), []);
  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking]);
  const blocking = findings.filter((f) => f.severity === 'block');
  const first = blocking[0] ?? findings[0]!;

  return (
    // Only the agent acts here: a page script can reach an open shadow root, so every control ignores
    // synthetic (untrusted) events; a reason typed by a script is never logged as the agent's.
    <div class="kp-guard-backdrop" onKeyDown={(e) => e.isTrusted && e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <div class="kp-guard" role="alertdialog" aria-modal="true" aria-labelledby="kp-guard-title" data-testid="kp-guard">
        <h2 id="kp-guard-title">{t('guardTitle')}</h2>
        <p class="kp-guard-text" data-testid="kp-guard-text">
          {segments(text, findings).map((s, i) =>
            s.finding === null ? (
              <span key={i}>{s.text}</span>
            ) : (
              <mark key={i} class={`kp-sev-${findings[s.finding]!.severity}`}>
                {s.text}
              </mark>
            ),
          )}
        </p>
        <ul class="kp-guard-findings">
          {findings.map((f, i) => (
            <li key={i} class={`kp-sev-${f.severity}`} data-category={f.category} data-severity={f.severity}>
              <strong>
                {categoryLabel(f.category)} · 「{f.text}」
              </strong>
              <span class="kp-why">{f.reason}</span>
              <span class="kp-fix">
                {t('guardFix')}
                {f.suggestion}
              </span>
            </li>
          ))}
        </ul>
        {!asking ? (
          <div class="kp-guard-actions">
            <button type="button" ref={editRef} class="kp-primary" data-action="edit" onClick={(e) => e.isTrusted && onEdit(first)}>
              {t('guardEdit')}
            </button>
            <button type="button" data-action="send-anyway" onClick={(e) => e.isTrusted && setAsking(true)}>
              {t('guardSendAnyway')}
            </button>
          </div>
        ) : (
          <form
            class="kp-guard-reason"
            onSubmit={(e) => {
              e.preventDefault();
              if (e.isTrusted && reason.trim().length >= 2) onSendAnyway(reason.trim());
            }}
          >
            <label>
              {t('guardReason')}
              <input
                ref={reasonRef}
                data-testid="kp-guard-reason"
                value={reason}
                maxLength={200}
                onInput={(e) => {
                  if (e.isTrusted) setReason(e.currentTarget.value);
                  else e.currentTarget.value = reason; // a script's text does not stay
                }}
              />
            </label>
            <p class="kp-hint">{t('guardReasonHint')}</p>
            <div class="kp-guard-actions">
              <button type="submit" class="kp-danger" data-action="confirm" disabled={reason.trim().length < 2}>
                {t('guardConfirm')}
              </button>
              <button type="button" data-action="edit" onClick={(e) => e.isTrusted && onEdit(first)}>
                {t('guardEdit')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
