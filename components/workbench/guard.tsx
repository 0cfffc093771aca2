import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi } from './shadow-ui';
import type { Composer, ImagePreview, PlatformAdapter } from '@/lib/adapters/types';
import type { WatcherState } from '@/lib/watch/watcher';
import type { ChatEvent } from '@/lib/stats/events';
import type { Settings } from '@/lib/settings';
import { qrFinding } from '@/lib/compliance/qr-finding';
import { imageDataUrl } from '@/lib/runtime/qr-image';
import { ask } from '@/lib/runtime/client';
import { check, HISTORY_CHARS, HISTORY_MESSAGES, loadComplianceSettings, warmUp, warmUpLearned, warmUpPhonetic, type CheckResult, type ComplianceSettings, type Finding } from '@/lib/compliance';
import { toChinaIso } from '@/lib/time/china';
import { selectText } from '@/lib/adapters/composer';
import { isSendKeyEvent } from '@/lib/adapters/send-key';
import { t } from '@/lib/i18n';
import { GuardDialog } from '../guard/GuardDialog';
import { categoryLabel } from '../guard/categories';
import type { ComposerHandler } from './composer-hooks';
import '../guard/guard.css';

/** Images read per send, and decoded results remembered (by image source). */
const QR_IMAGES = 8;
const QR_REMEMBERED = 64;

/** The text of the QR code in an image element, decoded by the background (null: none, or unreadable). */
async function decodeImage(img: HTMLImageElement): Promise<string | null> {
  const image = await imageDataUrl(img);
  if (!image) return null;
  return (await ask({ type: 'qr/decode', image })).text;
}

/** How long a sent message counts towards a split one, and how many conversations are remembered. */
const HISTORY_TTL_MS = 10 * 60_000;
const HISTORY_CONVERSATIONS = 50;

interface Deps {
  adapter: PlatformAdapter;
  state: () => WatcherState | null;
  settings: () => Settings | null;
  emit: (events: ChatEvent[]) => void;
}

type Indicator = { kind: 'block' | 'warn' | 'tip'; text: string } | { kind: 'error'; text: string } | null;

/**
 * The pre-send check around the page's composer. A blocking finding keeps the message in the
 * composer and explains it; a warning lets it go with a notice. If the check itself fails, the send
 * goes through and the indicator says the check is off: a broken check never stops the agent.
 */
export async function startGuard(ctx: ContentScriptContext, deps: Deps): Promise<{ handler: ComposerHandler; afterScan: () => void }> {
  /** `resend`: how 仍然发送 sends what was held when it was not the composer (the page's image preview). */
  let dialog: { text: string; findings: Finding[]; composer: Composer | null; resend?: () => void } | null = null;
  let indicator: Indicator = null;
  let toast: string | null = null;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  /** The agent gave a reason for this exact text: its next send goes through. */
  let bypass: string | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let cachedSettings: { raw: unknown; parsed: ComplianceSettings } | null = null;

  const ui = await mountShadowUi(ctx, 'kefu-pilot-guard');
  // The check's automatons are built while the page is idle, not on the agent's first key.
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 500));
  // Three idle tasks, each short: the main automaton, the phonetic one, the learned reader. Each is
  // measured for `npm run bench:compliance` (the first build in a real page).
  const warm = (name: string, build: () => void, then?: () => void) =>
    idle(() => {
      try {
        const t0 = performance.now();
        build();
        performance.measure(`kefu-pilot:${name}`, { start: t0, end: performance.now() });
      } catch {
        // A failure here shows on the first real check, which reports it without holding the send.
      }
      then?.();
    });
  warm('compliance-build', () => warmUp(settings()), () =>
    warm('compliance-phonetic', warmUpPhonetic, () => warm('compliance-model', warmUpLearned)),
  );

  const composer = () => {
    try {
      return deps.adapter.composer(document);
    } catch {
      return null;
    }
  };

  const settings = (): ComplianceSettings => {
    const raw = deps.settings()?.compliance;
    if (!cachedSettings || cachedSettings.raw !== raw) cachedSettings = { raw, parsed: loadComplianceSettings(raw) };
    return cachedSettings.parsed;
  };

  /**
   * What the agent sent last in each conversation, in memory only (never stored, gone with the tab):
   * a contact sent in pieces (v, x, abc123) is held on the message that completes it.
   */
  const sent = new Map<string, { text: string; at: number }[]>();
  const conversation = () => deps.state()?.openBuyer ?? '';
  const recent = (): string[] => {
    const list = sent.get(conversation());
    if (!list) return [];
    const since = Date.now() - HISTORY_TTL_MS;
    return list.filter((m) => m.at >= since).map((m) => m.text);
  };
  const remember = (text: string) => {
    const key = conversation();
    const list = (sent.get(key) ?? []).filter((m) => m.at >= Date.now() - HISTORY_TTL_MS);
    list.push({ text: text.slice(-HISTORY_CHARS), at: Date.now() });
    sent.delete(key); // most recent conversation last, so the oldest is dropped first
    sent.set(key, list.slice(-HISTORY_MESSAGES));
    if (sent.size > HISTORY_CONVERSATIONS) sent.delete(sent.keys().next().value!);
  };

  /**
   * QR codes in the images of a composer that holds images (a contenteditable editor): decoded when
   * they appear (after the agent's input, off the keystroke path), keyed by the image's source. A
   * decode still running when the agent sends does not hold the send.
   */
  const qr = new Map<string, string | null | undefined>();
  const images = (c: Composer): HTMLImageElement[] =>
    c.element.isContentEditable ? [...c.element.querySelectorAll('img')].slice(0, QR_IMAGES) : [];
  const scanImages = (c: Composer) => scanList(images(c), () => recheck(c));
  const scanList = (list: HTMLImageElement[], found: () => void) => {
    for (const img of list.slice(0, QR_IMAGES)) {
      const key = img.currentSrc || img.src;
      if (!key || qr.has(key)) continue;
      if (qr.size >= QR_REMEMBERED) qr.delete(qr.keys().next().value!);
      qr.set(key, undefined);
      decodeImage(img).then(
        (d) => {
          qr.set(key, d);
          if (d) found();
        },
        () => qr.set(key, null),
      );
    }
  };
  const qrFindings = (c: Composer): Finding[] => qrFindingsOf(images(c));
  const qrFindingsOf = (list: HTMLImageElement[]): Finding[] => {
    const out: Finding[] = [];
    for (const img of list.slice(0, QR_IMAGES)) {
      const decoded = qr.get(img.currentSrc || img.src);
      const f = decoded ? qrFinding(decoded, { platform: deps.adapter.platform, settings: settings() }) : null;
      if (f && settings().severities['qr-code'] !== 'off') out.push(f);
    }
    return out;
  };

  const run = (text: string, c?: Composer): CheckResult => {
    const result = check(text, {
      platform: deps.adapter.platform,
      settings: settings(),
      replyTo: deps.state()?.lastBuyerText ?? undefined,
      history: recent(),
    });
    const codes = c ? qrFindings(c) : [];
    return codes.length ? { ...result, verdict: 'block', findings: [...codes, ...result.findings] } : result;
  };

  /**
   * A send may be held only behind a dialog the agent can see. The page (or another extension) may
   * have taken our host out of the body or hidden it: it is put back; if the dialog still does not
   * show, it is dropped and the send goes through (fail open).
   */
  const holdWithDialog = (): boolean => {
    if (ui.shows('[data-testid="kp-guard"]', paint)) return true;
    dialog = null;
    paint();
    return false;
  };

  const paint = () => {
    if (!ui.root()) return;
    const r = composer()?.element.getBoundingClientRect();
    render(
      <div>
        {indicator && r && (
          <div
            class={`kp-indicator kp-${indicator.kind}`}
            data-testid="kp-indicator"
            data-kind={indicator.kind}
            style={{ right: `${Math.max(8, window.innerWidth - r.right + 8)}px`, bottom: `${Math.max(8, window.innerHeight - r.bottom + 8)}px` }}
          >
            {indicator.text}
          </div>
        )}
        {toast && (
          <div class="kp-toast" role="status" data-testid="kp-toast">
            {toast}
          </div>
        )}
        {dialog && (
          <GuardDialog
            text={dialog.text}
            findings={dialog.findings}
            onEdit={(f) => edit(f)}
            onSendAnyway={(reason) => sendAnyway(reason)}
            onClose={() => edit(null)}
          />
        )}
      </div>,
      ui.root()!,
    );
  };

  const showToast = (text: string) => {
    toast = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toast = null;
      paint();
    }, 4000);
    paint();
  };

  const record = (action: 'blocked' | 'overridden' | 'warned', text: string, findings: Finding[], reason?: string) => {
    const st = deps.state();
    const now = Date.now();
    const keepText = deps.settings()?.privacy.keepComplianceText === true;
    deps.emit([
      {
        id: `${deps.adapter.platform}:${st?.shop ?? ''}:compliance:${action}:${now}`,
        type: 'compliance',
        ts: toChinaIso(now),
        platform: deps.adapter.platform,
        shop: st?.shop ?? '',
        ...(st?.openBuyer ? { buyer: st.openBuyer } : {}),
        action,
        categories: [...new Set(findings.map((f) => f.category))],
        rules: [...new Set(findings.map((f) => f.rule))],
        ...(reason ? { reason } : {}),
        ...(keepText ? { text: text.slice(0, 5000) } : {}),
      },
    ]);
  };

  const edit = (f: Finding | null) => {
    const c = dialog?.composer ?? composer();
    dialog = null;
    paint();
    if (!c) return;
    c.element.focus();
    // Select what to fix, in the text as the agent typed it.
    if (f) selectText(c, f.start, f.end);
  };

  const sendAnyway = (reason: string) => {
    if (!dialog) return;
    const { text, findings, composer: c, resend } = dialog;
    record('overridden', text, findings, reason);
    if (resend) {
      dialog = null;
      paint();
      resend(); // our click is untrusted: the preview's watcher lets it through
      return;
    }
    if (!c) return;
    remember(text);
    bypass = text;
    dialog = null;
    paint();
    c.element.focus();
    // The agent chose to send: do it through the page's own button, as a click of theirs would. (Our
    // own click is untrusted, so the check does not see it; the bypass is for the agent's next key.)
    if (c.sendButton) {
      c.sendButton.click();
      bypass = null;
    } else showToast(t('guardPressAgain'));
  };

  /** A send is about to happen: true keeps it from the page. */
  const attempt = (c: Composer): boolean => {
    const text = c.read();
    if (!text.trim() && images(c).length === 0) return false;
    if (bypass !== null && bypass === text) {
      bypass = null;
      return false;
    }
    const pass = () => {
      remember(text);
      return false;
    };
    bypass = null;
    let result: CheckResult;
    try {
      result = run(text, c);
    } catch (e) {
      indicator = { kind: 'error', text: t('guardFailed', e instanceof Error ? e.message : String(e)) };
      paint();
      return pass();
    }
    if (result.verdict === 'block') {
      dialog = { text, findings: result.findings.filter((f) => f.severity !== 'tip'), composer: c };
      paint();
      if (!holdWithDialog()) return pass(); // nowhere to show why: the agent is not held
      record('blocked', text, result.findings.filter((f) => f.severity === 'block'));
      return true;
    }
    if (result.verdict === 'warn') {
      const warns = result.findings.filter((f) => f.severity === 'warn');
      record('warned', text, warns);
      showToast(t('guardWarned', warns.map((f) => `${categoryLabel(f.category)}「${f.text}」`).join('、')));
    }
    indicator = null;
    paint();
    return pass();
  };

  /** While the agent types: a quiet indicator, a moment after the last key. */
  const recheck = (c: Composer) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      let text: string;
      try {
        text = c.read();
      } catch (e) {
        indicator = { kind: 'error', text: t('guardFailed', String(e)) };
        return paint();
      }
      try {
        scanImages(c);
        const r = run(text, c);
        const top = r.findings.find((f) => f.severity === r.verdict);
        indicator =
          r.verdict === 'ok' || !top
            ? null
            : { kind: r.verdict, text: t('guardIndicator', categoryLabel(top.category), top.text, r.findings.length) };
      } catch (e) {
        indicator = { kind: 'error', text: t('guardFailed', e instanceof Error ? e.message : String(e)) };
      }
      paint();
    }, 250);
  };

  /**
   * The page's own image preview (Feige sends chosen or pasted images from a dialog with its own send
   * control): its images are decoded as soon as it shows, and the agent's click on its send control,
   * or Enter while it is open, is held like a send when one of them holds an off-platform code. A code
   * still being decoded does not hold it, and a failure here never does.
   */
  const previewOpen = () => {
    try {
      return deps.adapter.imagePreview?.(document) ?? null;
    } catch {
      return null;
    }
  };
  /** A send from the open preview `p`: true holds it (its codes were decoded while it showed). */
  const holdPreview = (p: ImagePreview): boolean => {
    if (dialog && holdWithDialog()) return true;
    if (p.images.length === 0) return false;
    try {
      const findings = qrFindingsOf(p.images);
      if (findings.length === 0) return false;
      const submit = p.submit;
      dialog = { text: '', findings, composer: composer(), resend: () => submit.click() };
      paint();
      if (!holdWithDialog()) return false;
      record('blocked', '', findings);
      return true;
    } catch {
      return false;
    }
  };
  /** After each read of the page (the page's one batched observer): a preview that showed is read. */
  let afterScan: () => void = () => {};
  if (deps.adapter.imagePreview) {
    /** The indicator shows what the preview holds (before the agent clicks its send control). */
    let shown = false;
    const showPreview = (p = previewOpen()) => {
      const found = p ? qrFindingsOf(p.images) : [];
      if (found.length) {
        indicator = { kind: 'block', text: t('guardIndicator', categoryLabel('qr-code'), found[0]!.text, found.length) };
        shown = true;
        paint();
      } else if (shown) {
        shown = false;
        indicator = null;
        paint();
      }
    };
    // The page shows the preview when it likes (after a file is chosen, after a paste): it is looked
    // for after each read of the page, never on the keystroke path.
    afterScan = () => {
      try {
        const p = previewOpen();
        if (p) scanList(p.images, () => showPreview());
        showPreview(p);
      } catch {
        // A preview that cannot be read holds nothing.
      }
    };
    const hit = (e: Event) => {
      if (!e.isTrusted) return false; // our own click after 仍然发送, or a page script: not the agent
      const p = previewOpen();
      return !!p && e.target instanceof Node && p.submit.contains(e.target) && holdPreview(p);
    };
    const stop = (e: Event) => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    ctx.addEventListener(document, 'click', (e) => hit(e) && stop(e), { capture: true });
    ctx.addEventListener(
      document,
      'keydown',
      (e) => {
        if (!e.isTrusted || e.key !== 'Enter' || e.isComposing || e.shiftKey) return;
        const c = composer();
        if (c && e.target instanceof Node && c.element.contains(e.target)) return; // the composer's own send
        if (e.target instanceof Node && ui.host?.contains?.(e.target)) return;
        const p = previewOpen();
        if (p && holdPreview(p)) stop(e);
      },
      { capture: true },
    );
  }

  const handler: ComposerHandler = {
    name: 'guard',
    keydown(e, c) {
      // The dialog is open: no send behind it (as long as the agent can see it).
      if (dialog && holdWithDialog()) return e.key === 'Enter';
      // Only the key that sends on this page: with Ctrl+Enter set, a plain Enter types a newline.
      let mode = null;
      try {
        mode = deps.adapter.sendKey(document);
      } catch {
        mode = null;
      }
      if (!isSendKeyEvent(e, mode)) return false;
      return attempt(c);
    },
    input(_e, c) {
      recheck(c);
    },
    sendClick(_e, c) {
      if (dialog && holdWithDialog()) return true;
      return attempt(c);
    },
    onError(err) {
      indicator = { kind: 'error', text: t('guardFailed', err instanceof Error ? err.message : String(err)) };
      paint();
    },
  };
  return { handler, afterScan: () => afterScan() };
}
