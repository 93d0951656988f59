import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PrintOutcome } from '../shared/contract';
import type { StaffDossier } from '../shared/dossiers';
import { api, ApiError } from '../shared/web/api';

/** The answer of POST /api/counters/:id/dossiers and /api/dossiers/:code/print. */
export interface RegisteredDossier {
  dossier: StaffDossier;
  print: PrintOutcome;
}

/** "17:00 ngày 23/11/2026" in the office's time (the slip's wording). */
const dueFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hourCycle: 'h23',
});

export function slipTime(iso: string | null): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(dueFmt.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** The message of a failed API call, as the server wrote it (Vietnamese first). */
export function errorText(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/**
 * The dossiers of the ticket at the counter (GET /api/tickets/:id/dossiers): loaded when the
 * ticket changes; `put` shows a dossier just registered, linked or returned at once.
 */
export function useTicketDossiers(ticketId: number | null): {
  dossiers: StaffDossier[];
  put: (d: StaffDossier) => void;
  failed: boolean;
} {
  const [dossiers, setDossiers] = useState<StaffDossier[]>([]);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    setDossiers([]);
    setFailed(false);
    if (ticketId === null) return;
    const mine = ++seq.current;
    api<{ dossiers: StaffDossier[] }>('GET', `/api/tickets/${ticketId}/dossiers`)
      .then((r) => {
        if (mine === seq.current) setDossiers(r.dossiers);
      })
      .catch(() => {
        if (mine === seq.current) setFailed(true);
      });
  }, [ticketId]);

  const put = useCallback((d: StaffDossier) => {
    setDossiers((list) => (list.some((x) => x.code === d.code) ? list.map((x) => (x.code === d.code ? d : x)) : [...list, d]));
  }, []);

  return { dossiers, put, failed };
}
