import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EVENTS, NAMESPACES, type PhoneTicketView, type PublicTicket } from '../shared/contract';
import { api, ApiError } from '../shared/web/api';
import { LiveQueue, type LiveState } from '../shared/web/live';
import { keepConnected } from '../shared/web/keepConnected';
import type { PublicDossierStatus } from '../shared/dossiers';

/** The ticket's view with the status of the dossiers linked to it (absent from older servers). */
export type PhoneTicketData = PhoneTicketView & { dossiers?: PublicDossierStatus[] };

/** GET /api/t/:code: one ticket, by its unguessable code. */
export interface CallAlert {
  /** Distinguishes each call and recall. */
  key: string;
  counterNumber: number;
}

const FINAL = new Set(['done', 'cancelled', 'expired']);
/** Position updates after changes elsewhere are fetched at most this often… */
const POSITION_REFRESH_MS = 2500;
/** …and sooner after a change in the same field. */
const SAME_FIELD_REFRESH_MS = 300;

const seenKey = (code: string) => `quayso.alerted.${code}`;
function readSeen(code: string): string | null {
  try {
    return localStorage.getItem(seenKey(code));
  } catch {
    return null;
  }
}
function writeSeen(code: string, key: string) {
  try {
    localStorage.setItem(seenKey(code), key);
  } catch {
    // private mode: alerts may repeat after a reload, which is harmless
  }
}

/** The ticket of this phone page, kept current from the public live feed. */
export function usePhoneTicket(code: string) {
  const [data, setData] = useState<PhoneTicketData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<CallAlert | null>(null);
  const [live, setLive] = useState<LiveState>({ connected: false, snapshot: null });
  const ticketId = useRef<number | null>(null);
  const serviceId = useRef<number | null>(null);
  const liveQueue = useMemo(() => new LiveQueue(NAMESPACES.public), []);
  /** Calls already alerted, so a refetch does not ring again for the same call. */
  const seen = useRef(new Set<string>());

  useEffect(() => {
    let throttle: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const markSeen = (key: string) => {
      seen.current.add(key);
      if (key.startsWith('at:')) writeSeen(code, key);
    };
    const raise = (key: string, counterNumber: number, alsoSeen?: string) => {
      if (alsoSeen) markSeen(alsoSeen);
      if (seen.current.has(key) || readSeen(code) === key) return;
      markSeen(key);
      setAlert({ key, counterNumber });
    };
    const fetchNow = async () => {
      try {
        const view = await api<PhoneTicketData>('GET', `/api/t/${encodeURIComponent(code)}`);
        if (stopped) return;
        ticketId.current = view.ticket.id;
        serviceId.current = view.ticket.serviceId;
        setData(view);
        setError(null);
        // A call missed while the phone slept (or before the page was opened) still alerts.
        const t = view.ticket;
        if (t.status === 'called' && t.calledAt && t.counterNumber != null) {
          raise(`at:${t.calledAt}`, t.counterNumber);
        }
        if (FINAL.has(view.ticket.status)) liveQueue.close();
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
          setError('Không tìm thấy số thứ tự này. Vui lòng kiểm tra lại mã QR trên phiếu. (Ticket not found.)');
          liveQueue.close();
        } else if (!(e instanceof ApiError && e.code === 'network')) {
          setError(e instanceof Error ? e.message : String(e));
        }
      }
    };
    let due = 0;
    const later = (ms: number) => {
      const at = Date.now() + ms;
      if (throttle && due <= at) return;
      if (throttle) clearTimeout(throttle);
      due = at;
      throttle = setTimeout(() => {
        throttle = null;
        void fetchNow();
      }, ms);
    };
    // Own ticket: at once. Same field (people ahead move): soon. Anything else: now and then.
    const onTicket = (t: PublicTicket) => {
      if (t.id === ticketId.current) void fetchNow();
      else if (t.serviceId === serviceId.current) later(SAME_FIELD_REFRESH_MS);
    };
    const s = liveQueue.socket;
    s.on('connect', () => void fetchNow());
    s.on(EVENTS.statsUpdated, () => later(POSITION_REFRESH_MS));
    s.on(EVENTS.ticketUpdated, ({ ticket }) => onTicket(ticket));
    const offCall = liveQueue.onCall((call) => {
      if (call.ticketId === ticketId.current) {
        raise(`call:${call.id}`, call.counterNumber, call.ticket.calledAt ? `at:${call.ticket.calledAt}` : undefined);
      }
      onTicket(call.ticket);
      // On /public a call also carries the ticket the counter just finished.
      if (call.previous) onTicket(call.previous);
      if (call.stats) later(POSITION_REFRESH_MS);
    });
    const offLive = liveQueue.subscribe(setLive);
    const stopKeeping = keepConnected(liveQueue);
    void fetchNow();
    return () => {
      stopped = true;
      if (throttle) clearTimeout(throttle);
      offCall();
      offLive();
      stopKeeping();
      liveQueue.close();
    };
  }, [code, liveQueue]);

  /** The number of the counter a transferred ticket waits for (public information). */
  const targetCounterNumber =
    data?.ticket.targetCounterId != null
      ? (live.snapshot?.counters.find((c) => c.id === data.ticket.targetCounterId)?.number ?? null)
      : null;

  return { data, error, alert, dismissAlert: () => setAlert(null), connected: live.connected, targetCounterNumber };
}
