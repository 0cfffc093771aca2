import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '@/lib/settings';
import { t } from '@/lib/i18n';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** How much of the browser's storage the extension uses, and how long raw events are kept. */
export function StoragePanel({ settings, update }: { settings: Settings; update: (c: (s: Settings) => Settings) => void }) {
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    void navigator.storage
      ?.estimate()
      .then((e) => setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
      .catch(() => setEstimate(null));
  }, []);
  const share = estimate && estimate.quota ? estimate.usage / estimate.quota : 0;
  return (
    <section class="kp-section" data-testid="kp-storage">
      <h2>{t('optStorage')}</h2>
      {estimate && (
        <p data-testid="kp-storage-usage">
          {t('optStorageUsage', mb(estimate.usage), mb(estimate.quota), (share * 100).toFixed(1))}
        </p>
      )}
      {share > 0.8 && (
        <p class="kp-error" role="alert">
          {t('optStorageNearQuota')}
        </p>
      )}
      <label class="kp-row" for="keep-days">
        {t('optKeepDays')}
        <input
          type="number"
          id="keep-days"
          min={7}
          max={3650}
          value={settings.stats.keepDays}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            update((s) => ((s.stats.keepDays = v), s));
          }}
        />
      </label>
      <p class="kp-hint">{t('optKeepDaysHint')}</p>
    </section>
  );
}
