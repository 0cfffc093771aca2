import { t } from '@/lib/i18n';
import { formatDuration } from '@/lib/i18n';
import { grade, type Grade } from '@/lib/stats/dashboard';
import { penaltyRisk, type DayFigures } from '@/lib/stats/kpi';
import { DEFAULT_PROFILES, isProfileName } from '@/lib/timing/profiles';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const secs = (s: number | null) => (s === null ? '—' : formatDuration(Math.round(s)));
const windowOf = (platform: string) => {
  if (!isProfileName(platform)) return '';
  const w = DEFAULT_PROFILES[platform].window;
  return `${w.from}–${w.to}`;
};

/** One shop's figures for today against its platform's lines (graded), as the popup and the desk show them. */
export function ShopFigures({ d, overall = false }: { d: DayFigures; overall?: boolean }) {
  // The platform's own rule, from its profile (PDD's effective reply rate and its penalty line).
  const rule = isProfileName(d.platform) ? DEFAULT_PROFILES[d.platform].effectiveReply : undefined;
  const penalty = !!rule && penaltyRisk(d, { effectiveReply: rule });
  return (
    <div class="kp-shop-figures" data-shop={d.shop} data-platform={overall ? '*' : d.platform}>
      <h3>
        {overall ? (
          <>
            {t('popupAllPlatforms')} <small>{t('popupAllPlatformsNote')}</small>
          </>
        ) : (
          <>
            {d.shop === '*' ? t('popupAllShops') : d.shop || t('shopUnknown')} <small>{d.platform} · {t('popupWindow', windowOf(d.platform))}</small>
          </>
        )}
      </h3>
      <dl class="kp-figures">
        <Figure id="consulting-buyers" label={t('kpiConsultingBuyers')} value={String(d.consulting_buyers)} />
        <Figure id="rounds" label={t('kpiRounds')} value={`${d.answered_rounds}/${d.rounds}`} />
        <Figure id="unanswered" label={t('kpiUnanswered')} value={String(d.unanswered_rounds)} grade={d.unanswered_rounds ? 'bad' : null} />
        <Figure id="avg-response" label={t('kpiAvgResponse')} value={secs(d.avg_response_s)} grade={grade('avg_response_s', d.avg_response_s)} />
        <Figure id="median-response" label={t('kpiMedianResponse')} value={secs(d.median_response_s)} />
        <Figure id="rate-30s" label={t(d.platform === 'jd' && !overall ? 'kpiRate30sJd' : 'kpiRate30s')} value={pct(d.rounds_30s_rate)} grade={grade('rounds_30s_rate', d.rounds_30s_rate)} />
        <Figure id="rate-3min" label={t('kpiRate3min')} value={pct(d.rounds_3min_rate)} grade={grade('rounds_3min_rate', d.rounds_3min_rate)} />
        {rule && (
          <Figure id="effective" label={t('kpiEffective')} value={pct(d.effective_reply_rate)} grade={grade('effective_reply_rate', d.effective_reply_rate)} />
        )}
      </dl>
      {penalty && (
        <p class="kp-penalty" role="alert">
          {t('popupPenalty')}
        </p>
      )}
    </div>
  );
}

export function Figure({ id, label, value, grade: g }: { id: string; label: string; value: string; grade?: Grade | null }) {
  return (
    <div class={`kp-figure ${g ? `kp-grade-${g}` : ''}`} data-figure={id} data-grade={g ?? ''}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
