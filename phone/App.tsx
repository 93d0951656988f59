import { useEffect, useState } from 'preact/hooks';
import type { TicketStatus } from '../shared/contract';
import { usePhoneTicket } from './usePhoneTicket';
import { CalledBanner } from './CalledBanner';
import { ring, soundReady, unlock } from './alert';
import { Bell } from './Bell';
import { DossierView, TicketDossiers } from './DossierView';
import { ProcedureView } from './ProcedureView';

const STATUS: Record<TicketStatus, { vi: string; en: string; tone: 'wait' | 'go' | 'done' | 'bad' }> = {
  waiting: { vi: 'Đang chờ đến lượt', en: 'Waiting', tone: 'wait' },
  called: { vi: 'Đã đến lượt – mời đến quầy', en: 'Called – please go to the counter', tone: 'go' },
  serving: { vi: 'Đang được phục vụ', en: 'Being served', tone: 'go' },
  done: { vi: 'Đã hoàn thành. Cảm ơn quý khách!', en: 'Done. Thank you!', tone: 'done' },
  no_show: { vi: 'Đã qua lượt (vắng mặt khi được gọi)', en: 'Missed: you were not there when called', tone: 'bad' },
  cancelled: { vi: 'Số đã bị hủy', en: 'Cancelled', tone: 'bad' },
  expired: { vi: 'Số đã hết hạn', en: 'Expired', tone: 'bad' },
};

/** Which page this is: /h/<dossier code>, /p/<procedure code>, or the ticket /t/<code>. */
export function phoneRoute(pathname: string): { kind: 'dossier' | 'procedure' | 'ticket'; code: string } {
  const [, kind = '', raw = ''] = pathname.split('/');
  let code = raw;
  try {
    code = decodeURIComponent(raw);
  } catch {
    // a malformed escape stays as typed; the server answers not found
  }
  if (kind === 'h') return { kind: 'dossier', code };
  if (kind === 'p') return { kind: 'procedure', code };
  return { kind: 'ticket', code };
}

export function App({ code }: { code: string }) {
  const route = phoneRoute(location.pathname);
  if (route.kind === 'dossier') return <DossierView code={route.code} />;
  if (route.kind === 'procedure') return <ProcedureView code={route.code} />;
  return <TicketPage code={code} />;
}

/** The citizen's own ticket, live. Shows nothing about anybody else. */
function TicketPage({ code }: { code: string }) {
  const { data, error, alert, dismissAlert, connected, targetCounterNumber } = usePhoneTicket(code);
  const [sound, setSound] = useState(false);

  // Mobile browsers allow sound only after a tap: the first tap anywhere enables it.
  useEffect(() => {
    const events = ['pointerdown', 'touchend', 'click', 'keydown'] as const;
    const off = () => events.forEach((name) => document.removeEventListener(name, onTap));
    const onTap = () =>
      void unlock().then((ok) => {
        setSound(ok);
        if (ok) off();
      });
    events.forEach((name) => document.addEventListener(name, onTap));
    return off;
  }, []);

  useEffect(() => {
    if (!alert) return;
    ring();
    const title = document.title;
    document.title = `Đến lượt bạn! Quầy ${alert.counterNumber}`;
    return () => {
      document.title = title;
    };
  }, [alert?.key]);

  if (error && !data) {
    return (
      <main class="phone">
        <div class="card card-error" role="alert">
          {error}
        </div>
      </main>
    );
  }
  if (!data) {
    return (
      <main class="phone">
        <div class="card muted">Đang tải số thứ tự…</div>
      </main>
    );
  }

  const t = data.ticket;
  const st = STATUS[t.status];
  return (
    <main class="phone">
      <header class="office">{data.officeName}</header>
      <section class={`card ticket tone-${st.tone}`}>
        <div class="ticket-label">
          Số thứ tự của bạn <span class="en">Your number</span>
        </div>
        <div class="ticket-number" data-testid="phone-number">
          {t.number}
        </div>
        <div class="ticket-field">{data.serviceName}</div>
        {t.priority && <div class="ticket-priority">Ưu tiên{t.priorityName ? `: ${t.priorityName}` : ''}</div>}
        <div class="status" data-testid="phone-status">
          {st.vi}
          <span class="en">{st.en}</span>
        </div>
      </section>

      {t.status === 'waiting' && (
        <section class="card facts">
          <div class="fact">
            <span class="fact-value" data-testid="phone-ahead">
              {data.waitingAhead}
            </span>
            <span class="fact-label">
              người đang chờ trước bạn <span class="en">ahead of you</span>
            </span>
          </div>
          <div class="fact">
            <span class="fact-value">{data.estimatedWaitMinutes != null ? `~${data.estimatedWaitMinutes}` : '—'}</span>
            <span class="fact-label">
              phút chờ dự kiến <span class="en">minutes (estimate)</span>
            </span>
          </div>
          {targetCounterNumber != null && <p class="fact-note">Số của bạn đã được chuyển đến quầy {targetCounterNumber}.</p>}
        </section>
      )}
      {(t.status === 'called' || t.status === 'serving') && t.counterNumber != null && (
        <section class="card goto">
          Mời đến <b>quầy số {t.counterNumber}</b>
        </section>
      )}
      {t.status === 'no_show' && (
        <section class="card facts">
          <p class="fact-note">Vui lòng liên hệ cán bộ tại quầy để được đưa lại vào hàng chờ.</p>
        </section>
      )}

      <TicketDossiers dossiers={data.dossiers ?? []} />

      <footer class="foot">
        <span class={`live ${connected ? 'live-on' : 'live-off'}`}>
          {connected ? 'Tự động cập nhật' : 'Đang kết nối lại…'}
        </span>
        {!sound && !soundReady() && (
          <button type="button" class="sound-btn" onClick={() => void unlock().then(setSound)}>
            <Bell /> Bật âm báo khi đến lượt
          </button>
        )}
        <p>
          Giữ trang này mở: điện thoại sẽ đổ chuông và rung khi đến lượt bạn.
          <span class="en">Keep this page open: your phone rings and vibrates when it is your turn.</span>
        </p>
      </footer>

      {alert && <CalledBanner number={t.number} counterNumber={alert.counterNumber} onDismiss={dismissAlert} />}
    </main>
  );
}
