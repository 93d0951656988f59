import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EVENTS, NAMESPACES, type CounterView, type PublicTicket } from '../shared/contract';
import { api, ApiError } from '../shared/web/api';
import { LiveQueue, RECONNECT, type LiveSocket, type LiveState } from '../shared/web/live';
import { keepConnected } from '../shared/web/keepConnected';

/**
 * After a successful call (and no other action since), Space is ignored this long: together with
 * the in-flight lock and expectedCurrentTicketId, a double press never calls two numbers.
 * A press ignored so shows a short message, so that a deliberate one is not lost without a sign.
 */
export const CALL_COOLDOWN_MS = 1000;

/** The message of a call-next press ignored by the cool-down. */
export function cooldownMessage(number: string | null): string {
  const called = number ? `Vừa gọi số ${number}` : 'Vừa gọi số';
  return `${called} – chờ 1 giây rồi bấm lại nếu muốn gọi số tiếp theo. (Just called – wait a second to call the next.)`;
}

export interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
}

export type PostResult = 'ok' | 'empty' | 'failed';

export interface Desk {
  live: LiveState;
  /** The staff socket, for the page's other live data (the citizen on the current ticket). */
  socket: LiveSocket;
  view: CounterView | null;
  busy: string | null;
  toast: Toast | null;
  /** Shows a message for `ms` (default 4 s, errors 7 s). */
  showToast(text: string, kind?: Toast['kind'], ms?: number): void;
  /** POSTs a counter action: 'ok', 'empty' (204: nobody waits) or 'failed' (busy, error shown). */
  post(name: string, path: string, body?: unknown): Promise<PostResult>;
  callNext(): Promise<void>;
  returnTicket(ticketId: number, number: string): Promise<void>;
}

/**
 * The data of one counter: the CounterView (refetched on every relevant live event and on
 * every reconnect), the live snapshot (/staff) for field stats, and the actions.
 */
export function useDesk(counterId: number, onUnauthorized: () => void, onCounterGone: () => void): Desk {
  const live = useMemo(() => new LiveQueue(NAMESPACES.staff, { connectTimeoutMs: RECONNECT.lanConnectTimeoutMs }), []);
  const [liveState, setLiveState] = useState<LiveState>(live.current);
  const [view, setView] = useState<CounterView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const inFlight = useRef(false);
  const lastCallAt = useRef(0);
  const reqSeq = useRef(0);
  const appliedSeq = useRef(0);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const callbacks = useRef({ onUnauthorized, onCounterGone });
  callbacks.current = { onUnauthorized, onCounterGone };

  const showToast = useCallback((text: string, kind: Toast['kind'] = 'info', ms?: number) => {
    setToast({ id: Date.now(), text, kind });
    if (toastTimer.current) clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => setToast(null), ms ?? (kind === 'error' ? 7000 : 4000));
  }, []);

  /** Applies a CounterView unless a newer request has already been applied. */
  const apply = (seq: number, v: CounterView) => {
    if (seq < appliedSeq.current) return;
    appliedSeq.current = seq;
    setView(v);
  };

  const handleError = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) return callbacks.current.onUnauthorized();
      if (e instanceof ApiError && (e.status === 404 || e.status === 403) && e.code !== 'ticket_not_found') {
        showToast(e.message, 'error');
        return callbacks.current.onCounterGone();
      }
      showToast(e instanceof Error ? e.message : String(e), 'error');
    },
    [showToast],
  );

  const refresh = useCallback(async () => {
    const seq = ++reqSeq.current;
    try {
      apply(seq, await api<CounterView>('GET', `/api/counters/${counterId}`));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'network') return; // the socket's reconnect refetches
      handleError(e);
    }
  }, [counterId, handleError]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void refresh();
      }, 60);
    };
    const mine = (t: PublicTicket) => {
      const serviceIds = live.current.snapshot?.counters.find((c) => c.id === counterId)?.serviceIds ?? [];
      return t.counterId === counterId || serviceIds.includes(t.serviceId) || t.targetCounterId === counterId;
    };
    const s = live.socket;
    const onCalled = (c: { counterId: number; ticket: PublicTicket }) => (c.counterId === counterId || mine(c.ticket)) && soon();
    const onUpdated = (u: { ticket: PublicTicket }) => mine(u.ticket) && soon();
    const onCounter = (u: { counter: { id: number } }) => u.counter.id === counterId && soon();
    s.on('connect', soon);
    s.on(EVENTS.ticketCalled, onCalled);
    s.on(EVENTS.ticketUpdated, onUpdated);
    s.on(EVENTS.counterUpdated, onCounter);
    const offState = live.subscribe(setLiveState);
    const stopKeeping = keepConnected(live, {
      beforeRetry: async () => {
        try {
          await api('GET', '/api/auth/me');
          return true;
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) {
            callbacks.current.onUnauthorized();
            return false;
          }
          return true;
        }
      },
    });
    void refresh();
    return () => {
      if (timer) clearTimeout(timer);
      if (toastTimer.current) clearTimeout(toastTimer.current);
      offState();
      stopKeeping();
      live.close();
    };
  }, [live, counterId, refresh]);

  const post = useCallback(
    async (name: string, path: string, body?: unknown): Promise<PostResult> => {
      if (inFlight.current) return 'failed';
      inFlight.current = true;
      // Any other action in between means the next Space is deliberate, not a double press.
      if (name !== 'next') lastCallAt.current = 0;
      setBusy(name);
      const seq = ++reqSeq.current;
      try {
        const v = await api<CounterView | null>('POST', path, body ?? {});
        if (v) apply(seq, v);
        else void refresh();
        return v ? 'ok' : 'empty';
      } catch (e) {
        handleError(e);
        void refresh();
        return 'failed';
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [handleError, refresh],
  );

  const callNext = useCallback(async () => {
    if (!view || inFlight.current) return;
    const sinceCall = Date.now() - lastCallAt.current;
    if (sinceCall < CALL_COOLDOWN_MS) {
      // Shown until a little after the cool-down ends: then a press calls again.
      showToast(cooldownMessage(view.current?.number ?? null), 'info', CALL_COOLDOWN_MS - sinceCall + 1500);
      return;
    }
    // The id of the ticket this page shows: if the counter changed meanwhile, the server answers 409.
    const result = await post('next', `/api/counters/${counterId}/call-next`, {
      expectedCurrentTicketId: view.current?.id ?? null,
    });
    if (result === 'ok') lastCallAt.current = Date.now();
    // 204: nobody waits (the counter's current ticket, if any, has been finished).
    if (result === 'empty') showToast('Hiện không còn công dân nào đang chờ. (Nobody is waiting.)');
  }, [view, counterId, post, showToast]);

  const returnTicket = useCallback(
    async (ticketId: number, number: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      lastCallAt.current = 0;
      setBusy('return');
      try {
        await api('POST', `/api/tickets/${ticketId}/return`, { counterId });
        showToast(`Số ${number} đã được đưa lại vào hàng chờ.`);
      } catch (e) {
        handleError(e);
      } finally {
        inFlight.current = false;
        setBusy(null);
        void refresh();
      }
    },
    [counterId, handleError, refresh, showToast],
  );

  return { live: liveState, socket: live.socket, view, busy, toast, showToast, post, callNext, returnTicket };
}
