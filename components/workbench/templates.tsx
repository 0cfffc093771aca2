import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi } from './shadow-ui';
import { CHIP_ATTR } from './chips';
import type { Composer, PlatformAdapter } from '@/lib/adapters/types';
import type { WatcherState } from '@/lib/watch/watcher';
import type { ChatEvent } from '@/lib/stats/events';
import type { Settings } from '@/lib/settings';
import { sortedTemplates, type Template } from '@/lib/templates/model';
import { createSearchIndex, search, type SearchIndex } from '@/lib/templates/search';
import { suggest } from '@/lib/templates/suggest';
import { render as renderTemplate, templateFields } from '@/lib/templates/variables';
import { matchesShortcut, slashQuery } from '@/lib/templates/shortcut';
import { watchTemplates } from '@/lib/runtime/templates-store';
import { toChinaIso } from '@/lib/time/china';
import { caretOf, selectText } from '@/lib/adapters/composer';
import { t } from '@/lib/i18n';
import { Picker, type PickerView } from '../picker/Picker';
import type { ComposerHandler } from './composer-hooks';
import '../picker/picker.css';

interface Deps {
  adapter: PlatformAdapter;
  state: () => WatcherState | null;
  settings: () => Settings | null;
  emit: (events: ChatEvent[]) => void;
}

/**
 * Templated replies on the workbench: `/` (or `／`) at the start of the composer, or the shortcut,
 * opens the picker; Enter inserts through the page's own input path; nothing is ever sent. The
 * suggestion chips above the composer follow the buyer's last message.
 */
export async function startTemplates(ctx: ContentScriptContext, deps: Deps): Promise<{ handler: ComposerHandler; refresh(): void }> {
  let index: SearchIndex<Template> = createSearchIndex([]);
  let view: PickerView | null = null;
  let error: string | null = null;
  /** Selection to insert at in search mode, taken when the picker opened. */
  let saved: { start: number; end: number } | null = null;
  let suggestFor: string | null = null;
  let suggestions: Template[] = [];

  const ui = await mountShadowUi(ctx, 'kefu-pilot-picker');

  const composer = () => {
    try {
      return deps.adapter.composer(document);
    } catch {
      return null;
    }
  };
  const scope = () => ({ platform: deps.adapter.platform, shop: deps.state()?.shop ?? undefined });
  const anchorOf = (c: Composer | null) => {
    const r = c?.element.getBoundingClientRect();
    return r ? { left: Math.max(8, r.left), bottom: Math.max(8, window.innerHeight - r.top + 6), width: r.width } : { left: 8, bottom: 120, width: 400 };
  };

  /**
   * Where the suggestion chips go: in the composer's own send row, in the free stretch left of the
   * send control (PDD and Feige leave it empty; Kuaishou after its key hint), so they never hide a control of the page such as
   * PDD's 表情 / 图片 / 快捷短语 bar above the text. The stretch is found by asking the page what lies
   * under points of that row; where there is no room, above the composer as before.
   */
  let placed: { key: string; at: number; place: { left: number; bottom: number; maxWidth?: number } } | null = null;
  const suggestionsPlace = (c: Composer): { left: number; bottom: number; maxWidth?: number } => {
    const box = c.element.getBoundingClientRect();
    const send = c.sendButton?.getBoundingClientRect();
    // Paints follow every page change: probe the row again only when the layout moved, or once a second.
    const key = [box.left, box.top, box.width, send?.left, send?.top, window.innerWidth, window.innerHeight].join(',');
    if (placed && placed.key === key && performance.now() - placed.at < 1000) return placed.place;
    const place = probeRow(c, box, send);
    placed = { key, at: performance.now(), place };
    return place;
  };
  const probeRow = (c: Composer, box: DOMRect, send: DOMRect | undefined): { left: number; bottom: number; maxWidth?: number } => {
    if (send && send.width > 0 && send.top >= box.top && send.left > box.left) {
      const y = send.top + send.height / 2;
      // The page's topmost element at a point, looking through our own layers (the chips themselves).
      const pageAt = (x: number) =>
        document.elementsFromPoint(x, y).find((el) => !el.tagName.toLowerCase().startsWith('kefu-pilot-') && !el.closest(`[${CHIP_ATTR}]`)) ?? null;
      // An element under the row is room when it is the composer or a container wider than most of it.
      const room = (el: Element | null) => !!el && (el === c.element || el.contains(c.element) || el.getBoundingClientRect().width >= box.width * 0.6);
      // The longest free stretch of the row before the send control (Kuaishou prints a key hint at
      // the row's start: the stretch after it is free).
      let best = { left: 0, right: 0 };
      let from = -1;
      for (let x = box.left + 8; x < send.left - 8; x += 6) {
        if (room(pageAt(x))) {
          if (from < 0) from = x;
          if (x - from > best.right - best.left) best = { left: from, right: x };
        } else from = -1;
      }
      if (best.right - best.left >= 160) return { left: best.left, bottom: Math.max(8, window.innerHeight - send.bottom), maxWidth: best.right - best.left };
    }
    const a = anchorOf(c);
    return { left: a.left, bottom: a.bottom };
  };

  const paint = () => {
    ui.ensureAttached(); // the page may have taken the picker's host out of its body
    if (!ui.root()) return;
    const c = composer();
    render(
      <Picker
        view={view ? { ...view, anchor: anchorOf(c) } : null}
        suggestions={suggestions}
        suggestionsAnchor={c && suggestions.length ? suggestionsPlace(c) : null}
        error={error}
        onQuery={(q) => update(q)}
        onMove={move}
        onChoose={(i) => choose(i)}
        onFields={(values, submit) => {
          if (!view?.fields) return;
          view = { ...view, fields: { ...view.fields, values } };
          if (submit) insert(view.fields!.template, values);
          else paint();
        }}
        onClose={() => close(true)}
        onSuggestion={(tpl) => {
          const c2 = composer();
          if (!c2) return;
          saved = caretOf(c2);
          view = { mode: 'search', query: '', hits: [], selected: 0, fields: null, anchor: anchorOf(c2), stale: false };
          choose(-1, tpl);
        }}
      />,
      ui.root()!,
    );
  };

  const fail = (e: unknown) => {
    error = t('pickerError', e instanceof Error ? e.message : String(e));
    view = null;
    paint();
  };

  const update = (query: string) => {
    if (!view) return;
    const hits = search(index, query, { ...scope(), limit: 8 }).map((h) => h.template);
    view = { ...view, query, hits, selected: 0, stale: index.stale.length > 0 };
    paint();
  };

  const open = (mode: 'slash' | 'search', query: string, c: Composer) => {
    saved = mode === 'search' ? caretOf(c) : null;
    view = { mode, query: '', hits: [], selected: 0, fields: null, anchor: anchorOf(c), stale: false };
    error = null;
    update(query);
  };

  const close = (refocus: boolean) => {
    const wasSearch = view?.mode === 'search' || !!view?.fields;
    view = null;
    saved = saved && refocus ? saved : null;
    paint();
    if (refocus && wasSearch) composer()?.element.focus();
  };

  const move = (delta: number) => {
    if (!view || view.hits.length === 0) return;
    view = { ...view, selected: (view.selected + delta + view.hits.length) % view.hits.length };
    paint();
  };

  const choose = (i: number, direct?: Template) => {
    const tpl = direct ?? view?.hits[i];
    if (!tpl || !view) return;
    const names = templateFields(tpl.body);
    if (names.length) {
      view = { ...view, fields: { template: tpl, names, values: {} } };
      paint();
      return;
    }
    insert(tpl, {});
  };

  /** Put the rendered template into the composer through the page's own input path; never send. */
  const insert = (tpl: Template, fills: Record<string, string>) => {
    const c = composer();
    if (!c || !view) return close(false);
    const st = deps.state();
    const out = renderTemplate(
      tpl,
      { now: Date.now(), buyerNick: st?.openNickname ?? null, shopName: st?.shop ?? null, agentNick: deps.settings()?.templates.agentNick || null },
      fills,
    );
    const value = c.read();
    let next: string;
    let cursor: number;
    if (view.mode === 'slash') {
      // Replace the `/query` the agent typed; keep what stands after the cursor.
      const end = caretOf(c).start;
      next = out.text + value.slice(end);
      cursor = out.cursor;
    } else {
      const s = saved ?? { start: value.length, end: value.length };
      next = value.slice(0, s.start) + out.text + value.slice(s.end);
      cursor = s.start + out.cursor;
    }
    c.write(next);
    c.element.focus();
    selectText(c, cursor);
    view = null;
    saved = null;
    paint();
    const now = Date.now();
    deps.emit([
      {
        id: `${deps.adapter.platform}:${st?.shop ?? ''}:tpl:${tpl.id}:${now}`,
        type: 'template_used',
        ts: toChinaIso(now),
        platform: deps.adapter.platform,
        shop: st?.shop ?? '',
        ...(st?.openBuyer ? { buyer: st.openBuyer } : {}),
        template: tpl.id,
        group: tpl.group,
      },
    ]);
  };

  watchTemplates((loaded) => {
    index = createSearchIndex(sortedTemplates(loaded.collection));
    error = loaded.error ? t('pickerError', loaded.error) : null;
    suggestFor = null;
    // A picker opened before the templates arrived shows what they hold for the query already typed.
    if (view && !view.fields) update(view.query);
    refresh();
  });

  // Keep the picker where the composer is when the window changes size.
  ctx.addEventListener(window, 'resize', () => paint());

  /** After each read of the page: suggestions for the buyer's newest message. */
  function refresh() {
    const st = deps.state();
    const text = deps.settings()?.templates.suggestions === false ? null : (st?.health.healthy ? st.lastBuyerText : null) ?? null;
    if (text !== suggestFor) {
      suggestFor = text;
      suggestions = text ? suggest(index, text, { ...scope(), limit: 3 }).map((s) => s.template) : [];
    }
    paint();
  }

  const handler: ComposerHandler = {
    name: 'templates',
    keydown(e, c) {
      const shortcut = deps.settings()?.templates.shortcut ?? 'Alt+K';
      if (matchesShortcut(e, shortcut)) {
        open('search', '', c);
        return true;
      }
      if (!view || view.mode !== 'slash' || view.fields) return false;
      // The picker takes keys only while the agent can see it (the page may have removed our host).
      if (!ui.shows('[data-testid="kp-picker"]', paint)) {
        view = null;
        paint();
        return false;
      }
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp':
          move(e.key === 'ArrowDown' ? 1 : -1);
          return true;
        case 'Enter':
        case 'Tab':
          if (e.shiftKey) return false;
          if (view.hits.length === 0) {
            close(false);
            return e.key === 'Enter'; // a slash with no match never sends "/xyz" by accident
          }
          choose(view.selected);
          return true;
        case 'Escape':
          close(false);
          return true;
        default:
          return false;
      }
    },
    input(_e, c) {
      const q = slashQuery(c.read(), caretOf(c).start);
      if (q === null) {
        if (view?.mode === 'slash') close(false);
        return;
      }
      if (view?.mode === 'slash') update(q);
      else if (!view) open('slash', q, c);
    },
    onError: fail,
  };

  // The shortcut works with the focus anywhere on the workbench, not only in the composer.
  ctx.addEventListener(
    window,
    'keydown',
    (e) => {
      if (view || e.isComposing) return;
      const c = composer();
      if (!c || c.element === e.target || c.element.contains(e.target as Node)) return;
      if (matchesShortcut(e, deps.settings()?.templates.shortcut ?? 'Alt+K')) {
        e.preventDefault();
        open('search', '', c);
      }
    },
    { capture: true },
  );

  return { handler, refresh };
}
