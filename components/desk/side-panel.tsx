import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarApi {
  open(): Promise<void>;
}

/** Chrome's side panel (114+, `open` 116+) or Firefox's sidebar; null where the browser has neither. */
function panelApi(): { open: (windowId: number | null) => Promise<void> } | null {
  const b = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarApi };
  const side = b.sidePanel;
  if (side?.open) return { open: (windowId) => (windowId === null ? Promise.reject(new Error('no window')) : side.open({ windowId })) };
  const bar = b.sidebarAction;
  if (bar?.open) return { open: () => bar.open() };
  return null;
}

/**
 * Opens the desk in the browser's side panel. The browser allows that only in answer to a click, so
 * the window is known before the click and the call is made in it.
 */
export function OpenSidePanel() {
  const api = panelApi();
  const [windowId, setWindowId] = useState<number | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    void browser.windows
      .getCurrent()
      .then((w) => setWindowId(w.id ?? null))
      .catch(() => undefined);
  }, []);
  if (!api) return null;
  return (
    <>
      <button
        type="button"
        class="kp-link"
        data-testid="kp-open-side-panel"
        onClick={() =>
          void api
            .open(windowId)
            .then(() => window.close())
            .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)))
        }
      >
        {t('deskOpenSidePanel')}
      </button>
      {failed && (
        <span class="kp-error" role="alert">
          {t('deskSidePanelFailed', failed)}
        </span>
      )}
    </>
  );
}
