import { useEffect, useRef, useState } from 'preact/hooks';
import type { OfficerInfo, PrintOutcome, StaffTicket } from '../shared/contract';
import { api } from '../shared/web/api';
import { actionForKey, blockedReason, type ActionId } from './actions';
import { useDesk } from './useDesk';
import { CurrentTicket } from './CurrentTicket';
import { CitizenCard } from './CitizenCard';
import { useCitizen } from './useCitizen';
import { ActionBar } from './ActionBar';
import { FieldQueues, NoShowList } from './QueuePanel';
import { TransferDialog, type TransferTarget } from './TransferDialog';
import { NumberPad } from './NumberPad';
import { counterLabel } from '../shared/web/labels';
import { DossierDialog, ReturnDialog } from './DossierDialog';
import { DossierPanel } from './DossierPanel';
import { errorText, useTicketDossiers, type RegisteredDossier } from './useDossiers';
import { RatingPairing } from './RatingPairing';

/** A button clicked with the mouse gives the focus back, so Space and Enter stay shortcuts. */
const blurButton = (e: MouseEvent) => {
  if (e.target instanceof Element) (e.target.closest('button') as HTMLButtonElement | null)?.blur();
};

interface Props {
  officer: OfficerInfo;
  counterId: number;
  onUnauthorized: () => void;
  onChangeCounter: () => void;
  onLogout: () => void;
}

/** The officer's working screen for one counter. */
export function Desk({ officer, counterId, onUnauthorized, onChangeCounter, onLogout }: Props) {
  const desk = useDesk(counterId, onUnauthorized, onChangeCounter);
  const { view, live, busy, toast } = desk;
  const [dialog, setDialog] = useState<'transfer' | 'number' | 'dossier' | 'return' | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const snap = live.snapshot;
  const base = `/api/counters/${counterId}`;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const run = (id: ActionId) => {
    const blocked = blockedReason(id, view);
    if (blocked) return desk.showToast(blocked);
    if (busy) return;
    switch (id) {
      case 'next':
        return void desk.callNext();
      case 'recall':
        return void desk.post('recall', `${base}/recall`);
      case 'start':
        return void desk.post('start', `${base}/start`);
      case 'finish':
        return void desk.post('finish', `${base}/finish`);
      case 'skip':
        return void desk.post('skip', `${base}/skip`);
      case 'pause':
        return void desk.post('pause', `${base}/${view?.counter.state === 'paused' ? 'resume' : 'pause'}`);
      case 'dossier':
        return setDialog('dossier');
      case 'returnResult':
        return setDialog('return');
      case 'reprintSlip':
        return void reprintSlip();
      case 'transfer':
      case 'number':
        return setDialog(id);
    }
  };

  // One handler for the whole page; the latest `run` is read through a ref.
  const runRef = useRef(run);
  runRef.current = run;
  const dialogOpen = dialog !== null;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (dialogOpen || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
      const target = e.target;
      if (target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]')) return;
      // A button reached with Tab is pressed natively (buttons clicked with the mouse lose focus).
      if ((e.key === ' ' || e.key === 'Enter') && target instanceof HTMLButtonElement) return;
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault(); // F1 help, Space scrolling / clicking the focused button, …
      if (!e.repeat) runRef.current(action.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen]);

  const counter = view?.counter ?? snap?.counters.find((c) => c.id === counterId) ?? null;
  const services = snap?.services ?? [];
  const current = view?.current ?? null;
  const paused = counter?.state === 'paused';
  const citizen = useCitizen(counterId, current?.id ?? null, desk.socket);
  const ticketDossiers = useTicketDossiers(current?.id ?? null);
  const slipPrinted = (code: string, print: RegisteredDossier['print'], what: string) =>
    print.ok ? desk.showToast(`${what} ${code}. Phiếu hẹn đã in. (Slip printed.)`) : desk.showToast(`${what} ${code}. ${print.message ?? ''}`, 'error');
  const onRegistered = ({ dossier, print }: RegisteredDossier) => {
    setDialog(null);
    ticketDossiers.put(dossier);
    slipPrinted(dossier.code, print, 'Đã tiếp nhận hồ sơ');
  };
  /** I: prints the slip of the ticket's newest dossier again. */
  const reprintSlip = async () => {
    const last = ticketDossiers.dossiers.at(-1);
    if (!last) return desk.showToast('Số này chưa có hồ sơ nào: bấm H để tiếp nhận. (No dossier on this ticket.)', 'error');
    try {
      const r = await api<RegisteredDossier>('POST', `/api/dossiers/${encodeURIComponent(last.code)}/print`, { counterId });
      slipPrinted(last.code, r.print, 'In lại phiếu hẹn hồ sơ');
    } catch (e) {
      desk.showToast(errorText(e), 'error');
    }
  };

  const transfer = async (target: TransferTarget, label: string) => {
    setDialog(null);
    const number = current?.number;
    if ((await desk.post('transfer', `${base}/transfer`, target)) === 'ok') {
      desk.showToast(`Đã chuyển số ${number} sang ${label}.`);
    }
  };
  const callNumber = async (number: string) => {
    setDialog(null);
    await desk.post('number', `${base}/call-number`, { number });
  };
  /** A citizen whose ticket did not print asks at the counter: print it again. */
  const reprint = async (number: string) => {
    setDialog(null);
    try {
      const { tickets } = await api<{ tickets: StaffTicket[] }>('GET', '/api/tickets');
      const ticket = tickets.find((t) => t.number === number);
      if (!ticket) return desk.showToast(`Không có số ${number} trong ngày hôm nay. (No such ticket today.)`, 'error');
      const { print } = await api<{ print: PrintOutcome }>('POST', `/api/tickets/${ticket.id}/reprint`, {});
      if (print.ok) desk.showToast(`Đã in lại phiếu số ${number}. (Reprinted.)`);
      else desk.showToast(print.message ?? `Không in được phiếu số ${number}.`, 'error');
    } catch (e) {
      desk.showToast(e instanceof Error ? e.message : String(e), 'error');
    }
  };

  return (
    <div class="desk" onMouseUp={blurButton}>
      <header class="topbar">
        <div class="topbar-counter">
          <span class="topbar-no">Quầy {counter?.number ?? '…'}</span>
          <span class="topbar-name">{counter ? counterLabel(counter) : ''}</span>
          {paused && <span class="pill pill-paused">Đang tạm dừng</span>}
        </div>
        <div class="topbar-right">
          <span class={`conn ${live.connected ? 'conn-on' : 'conn-off'}`} data-testid="connection">
            {live.connected ? 'Trực tuyến' : 'Mất kết nối – đang kết nối lại…'}
          </span>
          <span class="officer">{officer.name}</span>
          <button type="button" class="small-btn ghost" onClick={onChangeCounter}>
            Đổi quầy
          </button>
          <button type="button" class="small-btn ghost" onClick={onLogout}>
            Đăng xuất
          </button>
        </div>
      </header>
      <RatingPairing counterId={counterId} socket={desk.socket} />
      <main class="desk-main">
        <div class="desk-left">
          <CurrentTicket
            ticket={current}
            service={services.find((s) => s.id === current?.serviceId)}
            paused={paused}
            now={now}
            citizen={<CitizenCard citizen={citizen.citizen} failed={citizen.failed} />}
          />
          <DossierPanel dossiers={ticketDossiers.dossiers} failed={ticketDossiers.failed} />
          <ActionBar view={view} busy={busy} onAction={run} />
        </div>
        <aside class="desk-right">
          <FieldQueues snapshot={snap} serviceIds={counter?.serviceIds ?? []} now={now} />
          <NoShowList
            noShows={view?.noShows ?? []}
            services={services}
            busy={busy !== null}
            onReturn={(t) => void desk.returnTicket(t.id, t.number)}
          />
        </aside>
      </main>
      {dialog === 'transfer' && current && (
        <TransferDialog
          ticket={current}
          services={services}
          counters={snap?.counters ?? []}
          ownCounterId={counterId}
          onPick={(t, label) => void transfer(t, label)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'number' && (
        <NumberPad
          services={services.filter((s) => counter?.serviceIds.includes(s.id))}
          callable={[...(snap?.tickets.filter((t) => t.status === 'waiting') ?? []), ...(view?.noShows ?? [])]}
          onCall={(n) => void callNumber(n)}
          onReprint={(n) => void reprint(n)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'dossier' && current && (
        <DossierDialog
          counterId={counterId}
          ticket={current}
          cardName={citizen.citizen?.fullName ?? null}
          onRegistered={onRegistered}
          onLinked={(d) => {
            setDialog(null);
            ticketDossiers.put(d);
            desk.showToast(`Đã liên kết hồ sơ ${d.code} với số ${current.number}.`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'return' && (
        <ReturnDialog
          counterId={counterId}
          suggested={ticketDossiers.dossiers.filter((d) => !['returned', 'rejected', 'withdrawn', 'stopped'].includes(d.status)).map((d) => d.code)}
          onReturned={(d) => {
            setDialog(null);
            ticketDossiers.put(d);
            desk.showToast(`Hồ sơ ${d.code}: Đã trả kết quả. (Result handed over.)`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {toast && (
        <div key={toast.id} class={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          {toast.text}
        </div>
      )}
    </div>
  );
}
