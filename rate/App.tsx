import { useEffect, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import {
  RATE_DEVICE_HEADER,
  RATE_EVENTS,
  RATE_NAMESPACE,
  type RatePairingEvent,
  type RateResponse,
  type RateStateEvent,
  type RateWakeEvent,
  type RatingLevel,
} from '../shared/ratings';
import { api, ApiError } from '../shared/web/api';
import { RECONNECT, type LiveQueue } from '../shared/web/live';
import { keepConnected } from '../shared/web/keepConnected';
import { FaceButtons } from './Faces';
import { Reasons } from './Reasons';

type Screen =
  | { kind: 'idle' }
  | { kind: 'faces'; ticketId: number; number: string }
  | { kind: 'reasons'; ratingId: number }
  | { kind: 'thanks' }
  | { kind: 'refused'; message: string };

const tokenKey = (counter: number) => `quayso.rate.token.${counter}`;
const readToken = (counter: number) => {
  try {
    return localStorage.getItem(tokenKey(counter));
  } catch {
    return null;
  }
};
const writeToken = (counter: number, token: string | null) => {
  try {
    if (token) localStorage.setItem(tokenKey(counter), token);
    else localStorage.removeItem(tokenKey(counter));
  } catch {
    // Private mode: the tablet pairs again after a reload.
  }
};

/** The reasons screen gives up (as a skip) after this long untouched. */
const REASONS_TIMEOUT_MS = 90_000;

export function App({ counter }: { counter: number | null }) {
  if (counter === null) {
    return (
      <div class="rate rate-message">
        <h1>
          Thiếu số quầy trong địa chỉ trang.
          <span class="en">The page address needs a counter number.</span>
        </h1>
        <p>
          Mở <code>/rate/?counter=1</code> (số quầy) trên máy tính bảng đặt tại quầy.
          <span class="en">Open /rate/?counter=N on the counter's tablet.</span>
        </p>
      </div>
    );
  }
  return <RatePage counter={counter} />;
}

function RatePage({ counter }: { counter: number }) {
  const [connected, setConnected] = useState(false);
  const [refusedCounter, setRefusedCounter] = useState(false);
  const [pairing, setPairing] = useState<RatePairingEvent | null>(null);
  const [state, setState] = useState<RateStateEvent | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    const socket = io(RATE_NAMESPACE, {
      auth: (cb) => cb({ counter, token: readToken(counter) }),
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: RECONNECT.firstDelayMs,
      reconnectionDelayMax: RECONNECT.maxDelayMs,
      randomizationFactor: 0.5,
      timeout: RECONNECT.lanConnectTimeoutMs,
    });
    socketRef.current = socket;
    socket.on('connect', () => {
      setConnected(true);
      setRefusedCounter(false);
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (e: Error) => setRefusedCounter(e.message === 'counter_not_found'));
    socket.on(RATE_EVENTS.pairing, (p: RatePairingEvent) => {
      setState(null);
      setPairing(p);
    });
    socket.on(RATE_EVENTS.unpaired, () => writeToken(counter, null));
    socket.on(RATE_EVENTS.paired, ({ token }: { token: string }) => {
      writeToken(counter, token);
      setPairing(null);
      socket.disconnect();
      socket.connect();
    });
    socket.on(RATE_EVENTS.state, (s: RateStateEvent) => {
      setPairing(null);
      setState(s);
    });
    socket.on(RATE_EVENTS.wake, (w: RateWakeEvent) => setScreen({ kind: 'faces', ticketId: w.ticketId, number: w.number }));
    // keepConnected needs only the socket: it retries after the server closed it or refused it.
    const stop = keepConnected({ socket } as unknown as LiveQueue);
    return () => {
      stop();
      socket.close();
    };
  }, [counter]);

  const scale = state?.scale ?? null;

  // Each screen but idle goes back to idle by itself.
  useEffect(() => {
    if (!scale || screen.kind === 'idle') return;
    const ms =
      screen.kind === 'faces' ? scale.wakeSeconds * 1000 : screen.kind === 'reasons' ? REASONS_TIMEOUT_MS : scale.thanksSeconds * 1000;
    const timer = setTimeout(() => setScreen({ kind: 'idle' }), ms);
    return () => clearTimeout(timer);
  }, [screen, scale]);

  const headers = () => ({ [RATE_DEVICE_HEADER]: readToken(counter) ?? '' });
  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) {
      writeToken(counter, null);
      socketRef.current?.disconnect().connect();
    }
    const message = e instanceof Error ? e.message : String(e);
    setScreen({ kind: 'refused', message });
  };

  const rate = async (level: RatingLevel, source: 'tablet' | 'keypad') => {
    if (busy) return;
    setBusy(true);
    try {
      const ticketId = screen.kind === 'faces' ? screen.ticketId : null;
      const r = await api<RateResponse>('POST', '/api/rate', { ticketId, level, source }, 8000, headers());
      setScreen(r.askReasons && scale && scale.reasons.length > 0 ? { kind: 'reasons', ratingId: r.id } : { kind: 'thanks' });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const sendReasons = async (ratingId: number, reasons: string[], reasonText: string) => {
    setBusy(true);
    try {
      await api('POST', `/api/rate/${ratingId}/reasons`, { reasons, reasonText }, 8000, headers());
      setScreen({ kind: 'thanks' });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  // A USB keypad (a keyboard to the browser): 1 = the best level, 2 the next…
  const rateRef = useRef(rate);
  rateRef.current = rate;
  const canRate = state !== null && (screen.kind === 'idle' || screen.kind === 'faces');
  useEffect(() => {
    if (!canRate || !scale) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      const digit = /^[1-9]$/.test(e.key) ? Number(e.key) : null;
      const level = digit ? scale.levels[digit - 1] : undefined;
      if (!level) return;
      e.preventDefault();
      void rateRef.current(level.key, 'keypad');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canRate, scale]);

  const conn = (
    <span class={`rate-conn ${connected ? 'on' : 'off'}`} data-testid="connection">
      {connected ? '' : 'Đang kết nối lại… (Reconnecting…)'}
    </span>
  );

  if (refusedCounter) {
    return (
      <div class="rate rate-message">
        <h1>
          Không có quầy số {counter}.<span class="en">There is no counter {counter}.</span>
        </h1>
        {conn}
      </div>
    );
  }
  if (pairing) {
    return (
      <div class="rate rate-pairing" data-screen="pairing">
        <h1>
          Ghép nối thiết bị đánh giá với Quầy {pairing.counter.number}
          <span class="en">Pair this rating device with counter {pairing.counter.number}</span>
        </h1>
        <div class="pair-code" data-testid="pair-code">
          {pairing.code.slice(0, 3)} {pairing.code.slice(3)}
        </div>
        <p>
          Cán bộ tại quầy xác nhận mã này trên trang quầy (phím F9), hoặc quản trị viên xác nhận trong trang quản trị.
          <span class="en">The officer confirms this code on the counter page (key F9), or an admin on the admin page.</span>
        </p>
        <p class="pair-expiry">
          Mã hết hạn lúc {new Date(pairing.expiresAt).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' })}.
          <span class="en">The code expires then; reload the page for a new one.</span>
        </p>
        {conn}
      </div>
    );
  }
  if (!state || !scale) {
    return (
      <div class="rate rate-message">
        <h1>
          Đang kết nối…<span class="en">Connecting…</span>
        </h1>
        {conn}
      </div>
    );
  }

  const header = (
    <header class="rate-head">
      <div class="rate-counter">
        <span class="rate-counter-no">Quầy {state.counter.number}</span>
        <span class="rate-counter-name">{state.counter.name}</span>
      </div>
      {state.officerName && (
        <div class="rate-officer" data-testid="officer">
          <span class="label">Cán bộ phục vụ · Officer</span>
          {state.officerName}
        </div>
      )}
    </header>
  );

  switch (screen.kind) {
    case 'faces':
      return (
        <div class="rate rate-faces" data-screen="faces">
          {header}
          <h1 class="rate-ask">
            Quý khách có hài lòng với lượt phục vụ vừa rồi?
            <span class="en">How satisfied are you with the service? Touch one face.</span>
          </h1>
          <p class="rate-ticket">Số thứ tự {screen.number}</p>
          <FaceButtons levels={scale.levels} busy={busy} onPick={(l) => void rate(l, 'tablet')} />
          {conn}
        </div>
      );
    case 'reasons':
      return (
        <div class="rate rate-reasons-screen" data-screen="reasons">
          <Reasons
            reasons={scale.reasons}
            allowText={scale.allowText}
            busy={busy}
            onSend={(keys, text) => void sendReasons(screen.ratingId, keys, text)}
            onSkip={() => setScreen({ kind: 'thanks' })}
          />
          {conn}
        </div>
      );
    case 'thanks':
      return (
        <div class="rate rate-thanks" data-screen="thanks">
          <div class="thanks-mark" aria-hidden="true">
            ♥
          </div>
          <h1>
            Cảm ơn quý khách đã đánh giá!
            <span class="en">Thank you for your feedback!</span>
          </h1>
          {conn}
        </div>
      );
    case 'refused':
      return (
        <div class="rate rate-refused" data-screen="refused" role="alert">
          <h1 data-testid="refusal">{screen.message}</h1>
          {conn}
        </div>
      );
    case 'idle':
      return (
        <div class={`rate rate-idle${state.paused ? ' rate-paused' : ''}`} data-screen="idle">
          {header}
          <div class="idle-welcome">
            <h1>
              Kính chào quý khách
              <span class="en">Welcome</span>
            </h1>
            <p>
              {state.paused ? 'Quầy đang tạm dừng. ' : ''}Sau khi được phục vụ, xin quý khách chạm vào một khuôn mặt để đánh giá.
              <span class="en">After your visit, please touch a face to rate the service.</span>
            </p>
          </div>
          <FaceButtons levels={scale.levels} busy={busy} compact onPick={(l) => void rate(l, 'tablet')} />
          {conn}
        </div>
      );
  }
}
