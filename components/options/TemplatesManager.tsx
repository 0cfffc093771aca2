import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding } from '@/lib/compliance/types';
import { t } from '@/lib/i18n';
import { openTemplatesSession, type LoadedTemplates, type TemplatesSession } from '@/lib/runtime/templates-store';
import { ensureSearchKeys } from '@/lib/templates/index-build';
import {
  addGroup,
  deleteGroup,
  deleteTemplate,
  emptyCollection,
  renameGroup,
  reorderGroup,
  sortedTemplates,
  type Template,
  type TemplateCollection,
} from '@/lib/templates/model';
import { createSearchIndex, search } from '@/lib/templates/search';
import { STARTER_TEMPLATES, starterCollection } from '@/lib/templates/starter';
import { Findings, TemplateEditor } from './templates/TemplateEditor';
import { ImportExport } from './templates/ImportExport';
import { GroupHead, TemplateRow } from './templates/TemplateList';
import './templates.css';

/** Search results shown at most. */
const SEARCH_LIMIT = 100;

type Editing = { id?: string; group?: string };
type GroupAction = { id: string; kind: 'rename' | 'delete' };

/** Templates in the options page: list, search, edit, groups, reorder, import / export. */
export function TemplatesManager() {
  const [loaded, setLoaded] = useState<LoadedTemplates | null>(null);
  const current = useRef<TemplateCollection>(emptyCollection());
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [groupAction, setGroupAction] = useState<GroupAction | null>(null);
  const [newGroup, setNewGroup] = useState('');
  const [notice, setNotice] = useState<{ text: string; warnings: Finding[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const session = useRef<TemplatesSession | null>(null);
  useEffect(() => {
    const s = openTemplatesSession((l) => {
      current.current = l.collection;
      setLoaded(l);
    });
    session.current = s;
    return () => s.close();
  }, []);

  const collection = loaded?.collection ?? current.current;
  const readOnly = !loaded || loaded.error !== null;

  const groups = useMemo(() => [...collection.groups].sort((a, b) => a.order - b.order), [collection.groups]);
  const sorted = useMemo(() => sortedTemplates(collection), [collection]);
  // Keys missing or stale (an older document) are computed for the search only; storage is untouched.
  const index = useMemo(() => createSearchIndex(sortedTemplates(ensureSearchKeys(collection))), [collection]);
  const hits = useMemo(() => (query.trim() ? search(index, query, { limit: SEARCH_LIMIT }) : null), [index, query]);
  const groupNames = useMemo(() => new Map(collection.groups.map((g) => [g.id, g.name])), [collection.groups]);

  if (!loaded) return null;

  /**
   * Store a new document (the whole collection, as the store keeps it). The session writes one
   * change after another; when one cannot be stored it shows what storage holds again and rejects.
   */
  const commit = async (next: TemplateCollection): Promise<void> => {
    if (readOnly || !session.current) throw new Error(loaded.error ?? 'not loaded');
    await session.current.commit(() => next);
  };
  const run = (change: (c: TemplateCollection) => TemplateCollection) => {
    setFailure(null);
    try {
      void commit(change(current.current)).catch((e: unknown) => setFailure(String(e instanceof Error ? e.message : e)));
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };

  const loadStarter = () =>
    run((c) => {
      const starter = ensureSearchKeys(starterCollection(Date.now()));
      // Groups the agent already made (with no templates yet) stay, after the starter's.
      const extra = c.groups.filter((g) => !starter.groups.some((s) => s.id === g.id || s.name === g.name));
      return { ...starter, groups: [...starter.groups, ...extra.map((g, i) => ({ ...g, order: starter.groups.length + i }))] };
    });

  const move = (groupId: string, id: string, delta: -1 | 1) =>
    run((c) => {
      const ids = c.templates
        .filter((x) => x.group === groupId)
        .sort((a, b) => a.order - b.order)
        .map((x) => x.id);
      const i = ids.indexOf(id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= ids.length) return c;
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      return reorderGroup(c, groupId, ids, Date.now());
    });

  const moveGroup = (id: string, delta: -1 | 1) =>
    run((c) => {
      const list = [...c.groups].sort((a, b) => a.order - b.order);
      const i = list.findIndex((g) => g.id === id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= list.length) return c;
      [list[i], list[j]] = [list[j]!, list[i]!];
      return { ...c, groups: list.map((g, k) => (g.order === k ? g : { ...g, order: k })) };
    });

  const onSaved = async (next: TemplateCollection, saved: Template, warnings: Finding[]) => {
    await commit(next);
    setEditing(null);
    setNotice({ text: t('tplSaved', saved.title), warnings });
  };

  const editorFor = (e: Editing) => (
    <TemplateEditor
      key={e.id ?? `new-${e.group ?? ''}`}
      template={e.id ? collection.templates.find((x) => x.id === e.id) : undefined}
      defaultGroup={e.group}
      collection={collection}
      getCollection={() => current.current}
      onSaved={onSaved}
      onCancel={() => setEditing(null)}
    />
  );

  const row = (x: Template, opts: { inSearch: boolean; first?: boolean; last?: boolean }) =>
    editing?.id === x.id ? (
      <li key={x.id} class="kp-tpl-row kp-tpl-row-editing">
        {editorFor(editing)}
      </li>
    ) : (
      <TemplateRow
        key={x.id}
        template={x}
        groupName={opts.inSearch ? groupNames.get(x.group) : undefined}
        readOnly={readOnly}
        confirmingDelete={confirmDelete === x.id}
        onUp={opts.inSearch ? undefined : opts.first ? undefined : () => move(x.group, x.id, -1)}
        onDown={opts.inSearch ? undefined : opts.last ? undefined : () => move(x.group, x.id, 1)}
        onEdit={() => (setEditing({ id: x.id }), setNotice(null))}
        onAskDelete={() => setConfirmDelete(x.id)}
        onCancelDelete={() => setConfirmDelete(null)}
        onDelete={() => {
          setConfirmDelete(null);
          if (editing?.id === x.id) setEditing(null);
          setNotice({ text: t('tplDeleted', x.title), warnings: [] });
          run((c) => deleteTemplate(c, x.id));
        }}
      />
    );

  const empty = collection.templates.length === 0;

  return (
    <section class="kp-section kp-tpl" data-testid="kp-templates">
      <h2>{t('tplSectionTitle')}</h2>
      <p class="kp-hint">{t('tplSectionHint')}</p>

      {loaded.error !== null && (
        <p class="kp-error kp-tpl-banner" role="alert" data-testid="kp-tpl-storage-error">
          {t('tplStorageError', loaded.error)}
        </p>
      )}

      {empty && loaded.error === null && (
        <div class="kp-tpl-starter" data-testid="kp-tpl-starter">
          <p>{t('tplEmpty', STARTER_TEMPLATES.length)}</p>
          <button type="button" class="kp-tpl-primary" onClick={loadStarter} data-testid="kp-tpl-load-starter">
            {t('tplLoadStarter')}
          </button>
        </div>
      )}

      <div class="kp-row kp-tpl-toolbar">
        <input
          type="search"
          class="kp-tpl-search"
          placeholder={t('tplSearchPlaceholder')}
          aria-label={t('tplSearchPlaceholder')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          data-testid="kp-tpl-search"
        />
        <button
          type="button"
          class="kp-tpl-primary"
          disabled={readOnly}
          onClick={() => (setEditing({ group: groups[0]?.id }), setNotice(null))}
          data-testid="kp-tpl-new"
        >
          {t('tplNew')}
        </button>
        <form
          class="kp-row kp-tpl-newgroup"
          onSubmit={(e) => {
            e.preventDefault();
            const name = newGroup.trim();
            if (!name) return;
            run((c) => addGroup(c, name).collection);
            setNewGroup('');
          }}
        >
          <input
            placeholder={t('tplNewGroupPlaceholder')}
            aria-label={t('tplNewGroupPlaceholder')}
            maxLength={40}
            value={newGroup}
            disabled={readOnly}
            onInput={(e) => setNewGroup(e.currentTarget.value)}
            data-testid="kp-tpl-new-group"
          />
          <button type="submit" disabled={readOnly || !newGroup.trim()}>
            {t('tplAddGroup')}
          </button>
        </form>
      </div>

      {failure && (
        <p class="kp-error" role="alert" data-testid="kp-tpl-failure">
          {t('tplSaveFailed', failure)}
        </p>
      )}
      {notice && (
        <div class="kp-tpl-notice" role="status" data-testid="kp-tpl-notice">
          <span class="kp-tpl-ok">{notice.text}</span>
          {notice.warnings.length > 0 && (
            <div class="kp-tpl-findings">
              <strong>{t('tplComplianceWarn')}</strong>
              <Findings findings={notice.warnings} />
            </div>
          )}
        </div>
      )}

      {editing && !editing.id && <div class="kp-tpl-new-editor">{editorFor(editing)}</div>}

      {hits ? (
        <div data-testid="kp-tpl-results">
          <p class="kp-hint">{t('tplResults', hits.length)}</p>
          <ul class="kp-tpl-list">{hits.map((h) => row(h.template, { inSearch: true }))}</ul>
        </div>
      ) : (
        groups.map((g, gi) => {
          const items = sorted.filter((x) => x.group === g.id);
          const others = groups.filter((o) => o.id !== g.id);
          return (
            <div key={g.id} class="kp-tpl-group" data-testid="kp-tpl-group" data-group={g.id}>
              <GroupHead
                group={g}
                count={items.length}
                readOnly={readOnly}
                first={gi === 0}
                last={gi === groups.length - 1}
                onUp={() => moveGroup(g.id, -1)}
                onDown={() => moveGroup(g.id, 1)}
                onAdd={() => (setEditing({ group: g.id }), setNotice(null))}
                onRename={() => setGroupAction({ id: g.id, kind: 'rename' })}
                onDelete={() => setGroupAction({ id: g.id, kind: 'delete' })}
              />
              {groupAction?.id === g.id && groupAction.kind === 'rename' && (
                <RenameGroup
                  name={g.name}
                  taken={groups.map((o) => o.name)}
                  onCancel={() => setGroupAction(null)}
                  onSave={(name) => {
                    setGroupAction(null);
                    run((c) => renameGroup(c, g.id, name));
                  }}
                />
              )}
              {groupAction?.id === g.id && groupAction.kind === 'delete' && (
                <DeleteGroup
                  name={g.name}
                  count={items.length}
                  targets={others.map((o) => ({ id: o.id, name: o.name }))}
                  onCancel={() => setGroupAction(null)}
                  onConfirm={(moveTo) => {
                    setGroupAction(null);
                    run((c) => deleteGroup(c, g.id, moveTo));
                  }}
                />
              )}
              {items.length === 0 ? (
                <p class="kp-hint kp-tpl-empty-group">{t('tplGroupEmpty')}</p>
              ) : (
                <ul class="kp-tpl-list">
                  {items.map((x, i) => row(x, { inSearch: false, first: i === 0, last: i === items.length - 1 }))}
                </ul>
              )}
            </div>
          );
        })
      )}

      <h3 class="kp-tpl-io-title">{t('tplImportExport')}</h3>
      <ImportExport collection={collection} getCollection={() => current.current} commit={commit} readOnly={readOnly} />
    </section>
  );
}

function RenameGroup({ name, taken, onSave, onCancel }: { name: string; taken: string[]; onSave: (name: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const clean = value.trim();
  const clash = clean !== name && taken.includes(clean);
  return (
    <form
      class="kp-row kp-tpl-inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (clash) return;
        if (clean && clean !== name) onSave(clean);
        else onCancel();
      }}
    >
      <input
        maxLength={40}
        value={value}
        aria-label={t('tplRename')}
        onInput={(e) => setValue(e.currentTarget.value)}
        data-testid="kp-tpl-group-rename-input"
        ref={input}
      />
      {clash && <span class="kp-tpl-issue">{t('tplGroupNameTaken', clean)}</span>}
      <button type="submit" class="kp-tpl-primary" disabled={clash}>
        {t('tplSave')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('tplCancel')}
      </button>
    </form>
  );
}

const DELETE_ALL = '\u0000delete';

function DeleteGroup(p: {
  name: string;
  count: number;
  targets: { id: string; name: string }[];
  onConfirm: (moveTo: string | undefined) => void;
  onCancel: () => void;
}) {
  const [target, setTarget] = useState(p.targets[0]?.id ?? DELETE_ALL);
  return (
    <div class="kp-row kp-tpl-inline" role="group" data-testid="kp-tpl-group-delete-panel">
      <span>{t('tplDeleteGroupConfirm', p.name)}</span>
      {p.count > 0 && (
        <label class="kp-row">
          {t('tplDeleteGroupMove', p.count)}
          <select value={target} onChange={(e) => setTarget(e.currentTarget.value)} data-testid="kp-tpl-group-move-to">
            {p.targets.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            <option value={DELETE_ALL}>{t('tplDeleteGroupWithTemplates')}</option>
          </select>
        </label>
      )}
      <button
        type="button"
        class="kp-tpl-danger"
        onClick={() => p.onConfirm(p.count > 0 && target !== DELETE_ALL ? target : undefined)}
        data-testid="kp-tpl-group-delete-confirm"
      >
        {t('tplDelete')}
      </button>
      <button type="button" onClick={p.onCancel}>
        {t('tplCancel')}
      </button>
    </div>
  );
}
