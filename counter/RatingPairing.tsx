import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../shared/web/api';
import type { LiveSocket } from '../shared/web/live';
import { RATE_EVENTS, type StaffPairingEvent } from '../shared/ratings';
import './rating.css';

type Request = { code: string; expiresAt: string };

/**
 * A rating tablet opened at this counter asks to be paired: its code shows here and the
 * officer confirms with one key (F9) after checking it is the code on the tablet.
 */
export function RatingPairing({ counterId, socket }: { counterId: number; socket: LiveSocket }) {
  const [request, setRequest] = useState<Request | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    const load = () =>
      void api<{ request: Request | null }>('GET', `/api/counters/${counterId}/rating-pairing`).then(
        (r) => alive && setRequest(r.request),
        () => undefined,
      );
    const onEvent = (e: StaffPairingEvent) => {
      if (e.counterId === counterId) setRequest(e.request);
    };
    // The staff socket is typed for queue events; this one is the ratings' own.
    const raw = socket as unknown as { on(ev: string, fn: (e: StaffPairingEvent) => void): void; off(ev: string, fn: (e: StaffPairingEvent) => void): void };
    raw.on(RATE_EVENTS.staffPairing, onEvent);
    socket.on('connect', load);
    load();
    return () => {
      alive = false;
      raw.off(RATE_EVENTS.staffPairing, onEvent);
      socket.off('connect', load);
    };
  }, [counterId, socket]);

  const confirm = async () => {
    if (!request || busy) return;
    setBusy(true);
    try {
      await api('POST', `/api/counters/${counterId}/rating-pairing`, { code: request.code });
      setMessage({ text: 'Đã ghép nối thiết bị đánh giá với quầy. (Rating device paired.)', ok: true });
      setRequest(null);
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : String(e), ok: false });
    } finally {
      setBusy(false);
    }
  };

  const confirmRef = { current: confirm };
  confirmRef.current = confirm;
  useEffect(() => {
    if (!request) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat || e.defaultPrevented) return;
      // F9 types nothing: it works wherever the focus is.
      if (e.key !== 'F9') return;
      e.preventDefault();
      void confirmRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(t);
  }, [message]);

  if (!request && !message) return null;
  return (
    <div class="rating-pairing" role="status" data-testid="rating-pairing">
      {request ? (
        <>
          <span class="rating-pairing-text">
            Thiết bị đánh giá xin ghép nối — mã <b data-testid="rating-pairing-code">{request.code}</b>
            <span class="en"> A rating device asks to be paired: check the code on the tablet.</span>
          </span>
          <button type="button" class="small-btn" disabled={busy} onClick={() => void confirm()}>
            Xác nhận <kbd>F9</kbd>
          </button>
          {message && !message.ok && <span class="rating-pairing-error">{message.text}</span>}
        </>
      ) : (
        message && <span class={message.ok ? 'rating-pairing-ok' : 'rating-pairing-error'}>{message.text}</span>
      )}
    </div>
  );
}
