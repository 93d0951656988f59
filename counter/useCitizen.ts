import { useEffect, useRef, useState } from 'preact/hooks';
import { CITIZEN_LINKED_EVENT, type CitizenLinkedEvent, type CitizenView, type CounterCitizen } from '../shared/cards';
import { api, ApiError } from '../shared/web/api';
import type { LiveSocket } from '../shared/web/live';

export interface CitizenOnTicket {
  /** The citizen of the current ticket, or null (none linked, not loaded yet, or another ticket). */
  citizen: CitizenView | null;
  /** The last load failed (other than "no such ticket"): the panel says so. */
  failed: boolean;
}

/**
 * The citizen for `ticketId` from an answer of GET /api/counters/:id/citizen: only when the
 * answer is about that very ticket, so a slow answer never shows the previous citizen.
 */
export function citizenFor(answer: CounterCitizen | null, ticketId: number | null): CitizenView | null {
  return answer && ticketId !== null && answer.ticketId === ticketId ? answer.citizen : null;
}

/** Whether a staff event says the citizen of this counter's current ticket changed. */
export function concernsTicket(e: CitizenLinkedEvent, counterId: number, ticketId: number | null): boolean {
  return e.ticketId === ticketId || e.counterId === counterId;
}

/**
 * The citizen linked to the counter's current ticket: loaded when the ticket changes, when a
 * card is linked to it ('ticket:citizen' on the staff socket) and after every reconnect.
 */
export function useCitizen(counterId: number, ticketId: number | null, socket: LiveSocket): CitizenOnTicket {
  const [answer, setAnswer] = useState<CounterCitizen | null>(null);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    // The previous ticket's citizen is dropped at once, not kept in memory.
    setAnswer(null);
    setFailed(false);
    if (ticketId === null) return;
    let alive = true;
    const load = async () => {
      const mine = ++seq.current;
      try {
        const r = await api<CounterCitizen>('GET', `/api/counters/${counterId}/citizen`);
        if (alive && mine === seq.current) {
          setAnswer(r);
          setFailed(false);
        }
      } catch (e) {
        // 404: the ticket left the counter meanwhile; the next ticket change loads again.
        if (alive && mine === seq.current) setFailed(!(e instanceof ApiError && e.status === 404));
      }
    };
    const onConnect = () => void load();
    // The event is not part of the queue's typed events: listen to all and pick it out.
    const onAny = (event: string, payload: CitizenLinkedEvent) => {
      if (event === CITIZEN_LINKED_EVENT && concernsTicket(payload, counterId, ticketId)) void load();
    };
    void load();
    socket.on('connect', onConnect);
    socket.onAny(onAny);
    return () => {
      alive = false;
      socket.off('connect', onConnect);
      socket.offAny(onAny);
    };
  }, [counterId, ticketId, socket]);

  return { citizen: citizenFor(answer, ticketId), failed: ticketId !== null && failed };
}
