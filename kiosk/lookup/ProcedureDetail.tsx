import { useEffect, useState } from 'preact/hooks';
import { CHANNEL_LABELS, DOCUMENT_FORM_LABELS, processingTimeLabel, type Procedure } from '../../shared/catalogue';
import type { PublicService } from '../../shared/contract';
import { api, ApiError } from '../../shared/web/api';
import type { Lang } from '../i18n';
import { Qr } from '../Qr';
import { LookupBar } from './Lookup';
import type { LookupStrings } from './strings';

type Loaded = { kind: 'loading' } | { kind: 'done'; procedure: Procedure } | { kind: 'failed'; message: string };

/** Where a phone reads this procedure: /p/<code> on this server. */
export const procedureUrl = (origin: string, code: string) => `${origin}/p/${encodeURIComponent(code)}`;

/** One procedure in large type: papers, time and fee per channel, who may apply, result; a QR for the phone. */
export function ProcedureDetail(props: {
  t: LookupStrings;
  lang: Lang;
  code: string;
  services: PublicService[];
  canIssue: boolean;
  onBack: () => void;
  onTakeNumber: (service: PublicService | null) => void;
}) {
  const { t, lang } = props;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    api<Procedure>('GET', `/api/procedures/${encodeURIComponent(props.code)}`)
      .then((procedure) => live && setLoaded({ kind: 'done', procedure }))
      .catch((e: unknown) => live && setLoaded({ kind: 'failed', message: e instanceof ApiError && e.status !== 0 ? e.message : t.loadFailed }));
    return () => {
      live = false;
    };
  }, [props.code, t]);

  const p = loaded.kind === 'done' ? loaded.procedure : null;
  const service = p ? props.services.find((s) => s.id === p.serviceId) : undefined;
  const serviceName = service ? (lang === 'en' && service.nameEn ? service.nameEn : service.name) : '';
  // The procedure's field takes the number directly; otherwise (or when closed) the home tiles.
  const take = () => props.onTakeNumber(service && props.canIssue ? service : null);
  const en = lang === 'en';
  return (
    <section class="lookup lookup-procedure" data-screen="lookup-procedure" data-code={props.code}>
      <LookupBar
        t={t}
        title={t.procedures}
        onBack={props.onBack}
        takeField={service && props.canIssue ? serviceName : undefined}
        onTake={take}
      />
      {loaded.kind === 'loading' && <p class="lookup-hint">{t.searching}</p>}
      {loaded.kind === 'failed' && <p class="lookup-hint lookup-error">{loaded.message}</p>}
      {p && (
        <div class="procedure-page">
          <header class="procedure-head">
            <div class="procedure-head-text">
              <h2 class="procedure-title">{p.name}</h2>
              <p class="procedure-meta">
                {t.code}: <b>{p.code}</b>
                {p.fieldName && (
                  <>
                    {' · '}
                    {t.field}: <b>{p.fieldName}</b>
                  </>
                )}
              </p>
            </div>
            <figure class="procedure-qr">
              <Qr text={procedureUrl(window.location.origin, p.code)} px={200} label={t.scanProcedure} />
              <figcaption>{t.scanProcedure}</figcaption>
            </figure>
          </header>

          <h3 class="procedure-section">{t.documents}</h3>
          {p.documents.length === 0 ? (
            <p class="procedure-text">{t.noDocuments}</p>
          ) : (
            <ol class="procedure-docs">
              {p.documents.map((d, i) => (
                <li key={i} class="procedure-doc">
                  <span class="doc-name">{d.name}</span>
                  <span class="doc-form">
                    {en ? DOCUMENT_FORM_LABELS[d.form].en : DOCUMENT_FORM_LABELS[d.form].vi}
                    {' · '}
                    {t.copies(d.copies)}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p class="procedure-sets">{t.sets(p.sets)}</p>

          {p.channels.length > 0 && (
            <>
              <h3 class="procedure-section">{t.channels}</h3>
              <div class="procedure-channels">
                {p.channels.map((c) => (
                  <div key={c.channel} class="channel" data-channel={c.channel}>
                    <span class="channel-name">{en ? CHANNEL_LABELS[c.channel].en : CHANNEL_LABELS[c.channel].vi}</span>
                    <span class="channel-time">{en ? processingTimeLabel(c.time).en : processingTimeLabel(c.time).vi}</span>
                    <span class="channel-fee">{c.fee}</span>
                  </div>
                ))}
              </div>
            </>
          )}
          {p.applicants && (
            <>
              <h3 class="procedure-section">{t.applicants}</h3>
              <p class="procedure-text">{p.applicants}</p>
            </>
          )}
          {p.result && (
            <>
              <h3 class="procedure-section">{t.result}</h3>
              <p class="procedure-text">{p.result}</p>
            </>
          )}
          {p.legalBasis && (
            <>
              <h3 class="procedure-section">{t.legalBasis}</h3>
              <p class="procedure-text procedure-legal">{p.legalBasis}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
