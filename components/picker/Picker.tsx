import { useEffect, useRef } from 'preact/hooks';
import type { Template } from '@/lib/templates/model';
import { t } from '@/lib/i18n';

export interface PickerView {
  mode: 'slash' | 'search';
  query: string;
  hits: Template[];
  selected: number;
  /** Fill-in fields being asked for before inserting. */
  fields: { template: Template; names: string[]; values: Record<string, string> } | null;
  /** Where to draw: above the composer. */
  anchor: { left: number; bottom: number; width: number };
  stale: boolean;
}

export interface PickerProps {
  view: PickerView | null;
  suggestions: Template[];
  /** Where the chips go; `maxWidth` when they sit in a stretch of the page's own row. */
  suggestionsAnchor: { left: number; bottom: number; maxWidth?: number } | null;
  error: string | null;
  onQuery(q: string): void;
  onMove(delta: number): void;
  onChoose(index: number): void;
  onFields(values: Record<string, string>, submit: boolean): void;
  onClose(): void;
  onSuggestion(template: Template): void;
}

/** The template picker over the composer, and the suggestion chips when it is closed. */
export function Picker(p: PickerProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const v = p.view;
  useEffect(() => {
    if (v?.fields) firstField.current?.focus();
    else if (v?.mode === 'search') searchRef.current?.focus();
  }, [v?.mode, v?.fields?.template.id]);

  // Keys inside the picker's own inputs (search mode, fill-in fields).
  const onKey = (e: KeyboardEvent) => {
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      p.onClose();
    } else if (!v?.fields && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      p.onMove(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (v?.fields) p.onFields(v.fields.values, true);
      else p.onChoose(v?.selected ?? 0);
    }
    e.stopPropagation();
  };

  return (
    <div class="kp-picker-root">
      {v && (
        <div
          class="kp-picker"
          data-testid="kp-picker"
          role="dialog"
          aria-label={t('pickerTitle')}
          tabIndex={0}
          style={{ left: `${v.anchor.left}px`, bottom: `${v.anchor.bottom}px`, width: `${Math.max(320, Math.min(520, v.anchor.width))}px` }}
        >
          <header>
            <strong>{t('pickerTitle')}</strong>
            <span class="kp-keys">{t('pickerKeys')}</span>
          </header>
          {v.mode === 'search' && !v.fields && (
            <input
              ref={searchRef}
              class="kp-search"
              data-testid="kp-picker-search"
              placeholder={t('pickerSearch')}
              value={v.query}
              onInput={(e) => p.onQuery(e.currentTarget.value)}
              onKeyDown={onKey}
            />
          )}
          {v.mode === 'slash' && !v.fields && <p class="kp-query">/{v.query}</p>}
          {v.fields ? (
            <form
              class="kp-fields"
              data-testid="kp-picker-fields"
              onSubmit={(e) => {
                e.preventDefault();
                p.onFields(v.fields!.values, true);
              }}
            >
              <p>{t('pickerFillIn', v.fields.template.title)}</p>
              {v.fields.names.map((name, i) => (
                <label key={name}>
                  {name}
                  <input
                    ref={i === 0 ? firstField : undefined}
                    data-field={name}
                    value={v.fields!.values[name] ?? ''}
                    onInput={(e) => p.onFields({ ...v.fields!.values, [name]: e.currentTarget.value }, false)}
                    onKeyDown={onKey}
                  />
                </label>
              ))}
              <button type="submit">{t('pickerInsert')}</button>
            </form>
          ) : v.hits.length === 0 ? (
            <p class="kp-empty">{t('pickerNone')}</p>
          ) : (
            <ul class="kp-hits" role="listbox" aria-label={t('pickerTitle')}>
              {v.hits.map((h, i) => (
                <li
                  key={h.id}
                  role="option"
                  aria-selected={i === v.selected}
                  class={i === v.selected ? 'kp-sel' : ''}
                  data-template={h.id}
                  onMouseDown={(e) => {
                    e.preventDefault(); // keep the composer's focus and cursor
                    p.onChoose(i);
                  }}
                >
                  <span class="kp-title">{h.title}</span>
                  {h.shortcut && <span class="kp-shortcut">/{h.shortcut}</span>}
                  <span class="kp-body">{h.body}</span>
                </li>
              ))}
            </ul>
          )}
          {v.stale && <p class="kp-hint">{t('pickerStale')}</p>}
        </div>
      )}
      {!v && p.suggestions.length > 0 && p.suggestionsAnchor && (
        <div class="kp-suggest" data-testid="kp-suggestions" style={{
            left: `${p.suggestionsAnchor.left}px`,
            bottom: `${p.suggestionsAnchor.bottom}px`,
            ...(p.suggestionsAnchor.maxWidth ? { maxWidth: `${p.suggestionsAnchor.maxWidth}px`, flexWrap: 'nowrap', overflow: 'hidden' } : {}),
          }}>
          <span class="kp-suggest-label">{t('suggestLabel')}</span>
          {p.suggestions.map((s) => (
            <button
              type="button"
              key={s.id}
              data-template={s.id}
              title={s.body}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => p.onSuggestion(s)}
            >
              {s.title}
            </button>
          ))}
        </div>
      )}
      {p.error && (
        <p class="kp-picker-error" role="alert">
          {p.error}
        </p>
      )}
    </div>
  );
}
