import { useCallback, useEffect, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import {
  CARD_EVENTS,
  KIOSK_NAMESPACE,
  type CardFailedEvent,
  type CardReadEvent,
  type CardReaderPresence,
  type KioskHandshake,
} from '../shared/cards';
import { RECONNECT } from '../shared/web/live';
import { retryDelay } from '../shared/web/keepConnected';

/** What the kiosk shows about the card on its reader. */
export type CardState =
  | { kind: 'none' }
  | { kind: 'reading' }
  | { kind: 'read'; read: CardReadEvent }
  | { kind: 'failed'; message: string };

export type CardAction =
  | { type: 'present' }
  | { type: 'read'; read: CardReadEvent }
  | { type: 'failed'; event: CardFailedEvent }
  | { type: 'removed' }
  | { type: 'forget' };

export const NO_CARD: CardState = { kind: 'none' };

/** The next card state. Removal, the idle reset and a finished ticket all forget the identity. */
export function cardReducer(state: CardState, action: CardAction): CardState {
  switch (action.type) {
    case 'present':
      // A second "present" while greeted (e.g. the chip read after a QR scan) keeps the greeting.
      return state.kind === 'read' ? state : { kind: 'reading' };
    case 'read':
      return { kind: 'read', read: action.read };
    case 'failed':
      return { kind: 'failed', message: action.event.message };
    case 'removed':
    case 'forget':
      return NO_CARD;
  }
}

/** The readId to send with POST /api/tickets, while the kiosk greets a citizen. */
export const cardReadIdOf = (state: CardState): string | null => (state.kind === 'read' ? state.read.readId : null);

interface ServerEvents {
  [CARD_EVENTS.present]: () => void;
  [CARD_EVENTS.read]: (e: CardReadEvent) => void;
  [CARD_EVENTS.failed]: (e: CardFailedEvent) => void;
  [CARD_EVENTS.removed]: () => void;
  [CARD_EVENTS.reader]: (e: CardReaderPresence) => void;
}

type KioskSocket = Socket<ServerEvents, Record<string, never>>;

export interface KioskCard {
  state: CardState;
  /** A reader is configured at this kiosk's place (said by the server on connect). */
  readerPresent: boolean;
  /** Forgets the identity on screen (idle reset, finished ticket). */
  forget: () => void;
}

/**
 * The kiosk's card channel: the /kiosk namespace, joined with this kiosk's id. It reconnects
 * forever with the same fast back-off as the queue's socket, also after the server closed it
 * on purpose.
 */
export function useCard(kioskId: string | null): KioskCard {
  const [state, setState] = useState<CardState>(NO_CARD);
  const [readerPresent, setReaderPresent] = useState(false);

  useEffect(() => {
    const auth: KioskHandshake = { kioskId };
    const socket: KioskSocket = io(KIOSK_NAMESPACE, {
      auth: { ...auth },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: RECONNECT.firstDelayMs,
      reconnectionDelayMax: RECONNECT.maxDelayMs,
      randomizationFactor: 0.5,
      timeout: RECONNECT.lanConnectTimeoutMs,
    });
    const dispatch = (action: CardAction) => setState((s) => cardReducer(s, action));
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    // socket.io stops retrying after a server-side disconnect or a refused handshake: retry anyway.
    const retry = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        if (!socket.connected && !socket.active) socket.connect();
      }, retryDelay(attempt));
      attempt = Math.min(attempt + 1, 10);
    };
    socket.on('connect', () => {
      attempt = 0;
    });
    socket.on('disconnect', (reason) => {
      setReaderPresent(false);
      // A read in progress or a greeting cannot be trusted across a cut: the server resends.
      setState(NO_CARD);
      if (reason === 'io server disconnect') retry();
    });
    socket.on('connect_error', () => {
      if (!socket.active) retry();
    });
    socket.on(CARD_EVENTS.reader, (e) => setReaderPresent(e.present));
    socket.on(CARD_EVENTS.present, () => dispatch({ type: 'present' }));
    socket.on(CARD_EVENTS.read, (read) => dispatch({ type: 'read', read }));
    socket.on(CARD_EVENTS.failed, (event) => dispatch({ type: 'failed', event }));
    socket.on(CARD_EVENTS.removed, () => dispatch({ type: 'removed' }));
    return () => {
      if (timer) clearTimeout(timer);
      socket.close();
    };
  }, [kioskId]);

  const forget = useCallback(() => setState(NO_CARD), []);
  return { state, readerPresent, forget };
}
