import { useEffect, useState } from 'preact/hooks';
import { DOSSIER_STATUS_LABELS, type PublicDossierStatus } from '../shared/dossiers';
import { api, ApiError } from '../shared/web/api';
import { formatDateTime, statusTone, timelinessBadge } from '../kiosk/lookup/format';
import './dossier.css';

/** One dossier's status for a phone: status in words, dates, late or not, where to collect. No personal data. */
export function DossierStatusBlock(props: { dossier: PublicDossierStatus; compact?: boolean }) {
  const d = props.dossier;
  const label = DOSSIER_STATUS_LABELS[d.status];
  const badge = timelinessBadge(d.timeliness);
  return (
    <section class={`card dossier tone-${statusTone(d)}${props.compact ? ' compact' : ''}`} data-dossier={d.code} data-status={d.status}>
      <div class="dossier-code">{d.code}</div>
      <div class="dossier-procedure">{d.procedureName}</div>
      <div class="dossier-status" data-testid="dossier-status">
        {label.vi}
        <span class="en">{label.en}</span>
      </div>
      {badge.tone !== 'none' && (
        <div class={`dossier-badge badge-${badge.tone}`} data-timeliness={d.timeliness}>
          {badge.vi} <span class="badge-en">{badge.en}</span>
        </div>
      )}
      <dl class="dossier-facts">
        <dt>
          Ngày nhận <span class="en">Received</span>
        </dt>
        <dd>{formatDateTime(d.receivedAt)}</dd>
        <dt>
          Hẹn trả kết quả <span class="en">Result due</span>
        </dt>
        <dd>{d.dueAt ? formatDateTime(d.dueAt) : 'Chưa có ngày hẹn'}</dd>
        {d.resolvedAt && (
          <>
            <dt>
              Xử lý xong <span class="en">Result ready</span>
            </dt>
            <dd>{formatDateTime(d.resolvedAt)}</dd>
          </>
        )}
        {d.returnedAt && (
          <>
            <dt>
              Đã trả kết quả <span class="en">Handed over</span>
            </dt>
            <dd>{formatDateTime(d.returnedAt)}</dd>
          </>
        )}
        {d.collectAt && (
          <>
            <dt>
              Nơi nhận kết quả <span class="en">Collect at</span>
            </dt>
            <dd>{d.collectAt}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Under the ticket on /t/<code>: the dossiers received or returned at this visit. */
export function TicketDossiers(props: { dossiers: PublicDossierStatus[] }) {
  if (props.dossiers.length === 0) return null;
  return (
    <div class="ticket-dossiers" data-testid="ticket-dossiers">
      <h2 class="section-title">
        Hồ sơ của lượt này <span class="en">Dossiers of this visit</span>
      </h2>
      {props.dossiers.map((d) => (
        <DossierStatusBlock key={d.code} dossier={d} compact />
      ))}
    </div>
  );
}

type Loaded = { kind: 'loading' } | { kind: 'done'; dossier: PublicDossierStatus } | { kind: 'failed'; message: string };

/** /h/<code>: the QR on the receipt slip opens this page. */
export function DossierView(props: { code: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    const load = () =>
      api<PublicDossierStatus>('GET', `/api/dossier-status/${encodeURIComponent(props.code)}`)
        .then((dossier) => live && setLoaded({ kind: 'done', dossier }))
        .catch((e: unknown) => {
          if (!live) return;
          const message =
            e instanceof ApiError && e.status !== 0
              ? e.message
              : 'Không kết nối được máy chủ. Vui lòng thử lại sau. (Cannot reach the server.)';
          setLoaded({ kind: 'failed', message });
        });
    void load();
    // The status changes over days: a page left open refreshes now and then.
    const timer = setInterval(() => void load(), 5 * 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [props.code]);

  return (
    <main class="phone">
      <header class="office">
        Tra cứu hồ sơ <span class="office-en">Dossier status</span>
      </header>
      {loaded.kind === 'loading' && <div class="card muted">Đang tải…</div>}
      {loaded.kind === 'failed' && (
        <div class="card card-error" role="alert">
          {loaded.message}
        </div>
      )}
      {loaded.kind === 'done' && <DossierStatusBlock dossier={loaded.dossier} />}
      <footer class="foot">
        <p>
          Trang này chỉ hiện tình trạng hồ sơ, không hiện thông tin cá nhân.
          <span class="en">This page shows the dossier status only, never personal data.</span>
        </p>
      </footer>
    </main>
  );
}
