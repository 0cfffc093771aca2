import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { getSettings, saveSettings } from '@/lib/runtime/settings-store';
import { loadSettings, type Settings } from '@/lib/settings';
import { PROFILE_NAMES, resolveProfiles } from '@/lib/timing/profiles';
import { t } from '@/lib/i18n';
import { PLATFORM_METAS } from '@/lib/adapters/registry';
import { TemplatesManager } from './TemplatesManager';
import { CompliancePanel } from './CompliancePanel';
import { StoragePanel } from './StoragePanel';

/** Workbenches whose robot replies are told by nickname: the agent keeps the list. */
const ROBOT_PLATFORMS = PLATFORM_METAS.filter((m) => m.robotNicknames);

/** The options page: every change is validated by the settings schema and saved at once. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    void getSettings().then(setSettings);
  }, []);

  if (!settings) return <p>{t('loading')}</p>;

  /**
   * Apply a change and store it. A save that fails (extension storage full, storage gone) is said
   * plainly and the page goes back to what is stored: nothing looks applied that is not. Resolves to
   * whether it was stored.
   */
  const update = (change: (s: Settings) => Settings): Promise<boolean> => {
    const before = settings;
    const next = loadSettings(change(structuredClone(settings)));
    setSettings(next);
    return saveSettings(next).then(
      () => {
        setSaveError(null);
        setSaved(new Date().toLocaleTimeString());
        return true;
      },
      (e: unknown) => {
        setSettings(before);
        setSaved(null);
        setSaveError(t('optionsSaveFailed', e instanceof Error ? e.message : String(e)));
        return false;
      },
    );
  };
  const a = settings.alerts;
  const { profiles, problems } = resolveProfiles(settings.timing.profiles);
  // One setting for every platform: shown when they agree, blank when they were set apart.
  const soonValues = new Set(PROFILE_NAMES.map((name) => profiles[name].levels.soonLeftS));
  const soonLeft = soonValues.size === 1 ? [...soonValues][0] : undefined;

  return (
    <main class="kp-options">
      <header>
        <h1>{t('extName')}</h1>
        <span class="kp-saved" role="status" data-testid="kp-saved">
          {saved ? t('optionsSaved', saved) : ''}
        </span>
        {saveError && (
          <span class="kp-save-error" role="alert" data-testid="kp-save-error">
            {saveError}
          </span>
        )}
      </header>

      <Section title={t('optionsAlerts')} hint={t('optionsAlertsHint')}>
        <Check id="alerts-enabled" label={t('optionsAlertsEnabled')} checked={a.enabled} onChange={(v) => update((s) => ((s.alerts.enabled = v), s))} />
        <fieldset disabled={!a.enabled}>
          <legend>{t('optionsAlertLevels')}</legend>
          {(['soon', 'late', 'breached'] as const).map((level) => (
            <Check
              key={level}
              id={`alert-${level}`}
              label={t(level === 'soon' ? 'levelSoon' : level === 'late' ? 'levelLate' : 'levelBreached')}
              checked={a.levels[level]}
              onChange={(v) => update((s) => ((s.alerts.levels[level] = v), s))}
            />
          ))}
          <Check id="alert-sound" label={t('optionsSound')} checked={a.sound} onChange={(v) => update((s) => ((s.alerts.sound = v), s))} />
          <div class="kp-row">
            <Check
              id="quiet-enabled"
              label={t('optionsQuietHours')}
              checked={a.quietHours.enabled}
              onChange={(v) => update((s) => ((s.alerts.quietHours.enabled = v), s))}
            />
            <input
              type="time"
              id="quiet-from"
              aria-label={t('optionsFrom')}
              value={a.quietHours.from}
              onChange={(e) => update((s) => ((s.alerts.quietHours.from = e.currentTarget.value), s))}
            />
            –
            <input
              type="time"
              id="quiet-to"
              aria-label={t('optionsTo')}
              value={a.quietHours.to}
              onChange={(e) => update((s) => ((s.alerts.quietHours.to = e.currentTarget.value), s))}
            />
            <small>{t('optionsChinaTime')}</small>
          </div>
        </fieldset>
      </Section>

      <Section title={t('optionsTiming')} hint={t('optionsTimingHint')}>
        <label class="kp-row" for="soon-left">
          {t('optionsSoonLeft')}
          <input
            type="number"
            id="soon-left"
            min={0}
            max={170}
            step={5}
            value={soonLeft ?? ''}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              update((s) => {
                for (const name of PROFILE_NAMES) {
                  const cur = (s.timing.profiles[name] ?? {}) as Record<string, unknown>;
                  s.timing.profiles[name] = { ...cur, levels: { ...((cur.levels as object) ?? {}), soonLeftS: v } };
                }
                return s;
              });
            }}
          />
        </label>
        {problems.length > 0 && (
          <ul class="kp-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <table class="kp-profiles">
          <thead>
            <tr>
              <th>{t('optionsPlatform')}</th>
              <th>{t('optionsWindow')}</th>
              <th>{t('optionsTargets')}</th>
              <th>{t('optionsLateBreached')}</th>
            </tr>
          </thead>
          <tbody>
            {PROFILE_NAMES.map((name) => {
              const p = profiles[name];
              return (
                <tr key={name}>
                  <td>{name}</td>
                  <td>
                    {(['from', 'to'] as const).map((end) => (
                      <input
                        key={end}
                        type="time"
                        data-testid={`window-${name}-${end}`}
                        aria-label={`${name} ${t(end === 'from' ? 'optionsWindowFrom' : 'optionsWindowTo')}`}
                        value={p.window[end].slice(0, 5)}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          if (!/^\d\d:\d\d$/.test(v)) return;
                          void update((s) => {
                            const cur = (s.timing.profiles[name] ?? {}) as Record<string, unknown>;
                            s.timing.profiles[name] = { ...cur, window: { ...p.window, [end]: v } };
                            return s;
                          });
                        }}
                      />
                    ))}
                  </td>
                  <td>{p.targets.map((x) => x.label).join(' / ')}</td>
                  <td>
                    {p.levels.lateAfterS}s / {p.levels.breachedAfterS}s
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>

      {ROBOT_PLATFORMS.length > 0 && (
        <Section title={t('optionsRobots')} hint={t('optionsRobotsHint')}>
          {ROBOT_PLATFORMS.map((m) => {
            const own = settings.robotNicknames[m.id];
            return (
              <div class="kp-row kp-robots" key={m.id}>
                <label for={`robots-${m.id}`}>{t(m.i18nName as Parameters<typeof t>[0])}</label>
                <textarea
                  id={`robots-${m.id}`}
                  data-testid={`robots-${m.id}`}
                  rows={3}
                  value={(own ?? m.robotNicknames!).join('\n')}
                  onChange={(e) => {
                    const list = e.currentTarget.value.split('\n').map((n) => n.trim()).filter(Boolean);
                    void update((s) => ((s.robotNicknames[m.id] = list), s));
                  }}
                />
                {own && (
                  <button type="button" onClick={() => void update((s) => (delete s.robotNicknames[m.id], s))}>
                    {t('optionsRobotsReset')}
                  </button>
                )}
              </div>
            );
          })}
        </Section>
      )}

      <CompliancePanel settings={settings} update={update} />

      <TemplatesManager />

      <StoragePanel settings={settings} update={update} />
    </main>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ComponentChildren }) {
  return (
    <section class="kp-section">
      <h2>{title}</h2>
      {hint && <p class="kp-hint">{hint}</p>}
      {children}
    </section>
  );
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label class="kp-check" for={id}>
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {label}
    </label>
  );
}
