import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '@/lib/runtime/client';
import { t } from '@/lib/i18n';

/** The next-buyer key as the browser has it set; '' when unset, null until known. */
export function useShortcut(): string | null {
  const [key, setKey] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void ask({ type: 'desk/shortcut' })
      .then((r) => alive && setKey(r.shortcut))
      .catch(() => alive && setKey(''));
    return () => {
      alive = false;
    };
  }, []);
  return key;
}

/** Where the browser lets the agent change extension shortcuts (Firefox has no URL a page may open). */
const SHORTCUTS_PAGE = import.meta.env.FIREFOX ? null : 'chrome://extensions/shortcuts';

/**
 * The next-buyer key and a 下一位 button doing the same: the most urgent buyer of every workbench
 * tab, then the next one on each press.
 */
export function NextBuyer({ onDone }: { onDone?: () => void }) {
  const key = useShortcut();
  const [note, setNote] = useState<string | null>(null);
  const press = async () => {
    try {
      const r = await ask({ type: 'desk/next' });
      if (!r.target) setNote(t('deskNobodyWaiting'));
      else {
        setNote(null);
        onDone?.();
      }
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="kp-next" data-testid="kp-next">
      <button type="button" class="kp-next-button" onClick={() => void press()} aria-keyshortcuts={key ? key.replace(/\s/g, '') : undefined}>
        {t('deskNext')}
      </button>
      <span class="kp-next-key" data-testid="kp-shortcut">
        {key === null ? '' : key ? t('deskShortcutIs', key) : t('deskNoShortcut')}
      </span>
      {SHORTCUTS_PAGE && (
        <button type="button" class="kp-link" onClick={() => void browser.tabs.create({ url: SHORTCUTS_PAGE })}>
          {t('deskSetShortcut')}
        </button>
      )}
      {!SHORTCUTS_PAGE && <span class="kp-muted">{t('deskSetShortcutFirefox')}</span>}
      {note && (
        <p class="kp-muted" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
