import { DOSSIER_STATUS_LABELS, type PublicDossierStatus } from '../../shared/dossiers';
import type { Lang } from '../i18n';
import { formatDateTime, statusTone, timelinessBadge } from './format';
import type { LookupStrings } from './strings';

/** One dossier's public status, in large type: never anything about the applicant. */
export function DossierStatusCard(props: { dossier: PublicDossierStatus; lang: Lang; t: LookupStrings; timeZone?: string }) {
  const { dossier: d, t, lang } = props;
  const label = DOSSIER_STATUS_LABELS[d.status];
  const badge = timelinessBadge(d.timeliness);
  const tz = props.timeZone;
  return (
    <article class={`dossier-card tone-${statusTone(d)}`} data-dossier={d.code} data-status={d.status}>
      <p class="dossier-code">{d.code}</p>
      <p class="dossier-procedure">{d.procedureName}</p>
      <div class="dossier-status-row">
        <p class="dossier-status" data-label={d.statusLabel}>
          {lang === 'en' ? label.en : label.vi}
          <span class="dossier-second" lang={lang === 'en' ? 'vi' : 'en'}>
            {lang === 'en' ? label.vi : label.en}
          </span>
        </p>
        {badge.tone !== 'none' && (
          <p class={`dossier-badge badge-${badge.tone}`} data-timeliness={d.timeliness}>
            {lang === 'en' ? badge.en : badge.vi}
          </p>
        )}
      </div>
      <dl class="dossier-facts">
        <div>
          <dt>{t.received}</dt>
          <dd>{formatDateTime(d.receivedAt, tz)}</dd>
        </div>
        <div class="dossier-due">
          <dt>{t.due}</dt>
          <dd>{d.dueAt ? formatDateTime(d.dueAt, tz) : t.noDue}</dd>
        </div>
        {d.resolvedAt && (
          <div>
            <dt>{t.resolved}</dt>
            <dd>{formatDateTime(d.resolvedAt, tz)}</dd>
          </div>
        )}
        {d.returnedAt && (
          <div>
            <dt>{t.returned}</dt>
            <dd>{formatDateTime(d.returnedAt, tz)}</dd>
          </div>
        )}
        {d.collectAt && (
          <div class="dossier-collect">
            <dt>{t.collectAt}</dt>
            <dd>{d.collectAt}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}
