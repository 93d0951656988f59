import { io, type Socket } from 'socket.io-client';
import {
  EVENTS,
  type ClientToServerEvents,
  type PublicCounter,
  type PublicTicket,
  type QueueSnapshot,
  type ServerToClientEvents,
  type TicketCalledEvent,
} from '../contract';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Reconnect timing shared by every screen. Screens must be live again within 3 s of the
 * server being back, however long it was away: socket.io's own back-off starts at
 * `firstDelayMs`, doubles, is spread by ±50 % and never waits more than `maxDelayMs`
 * (the spread of the first attempts keeps hundreds of TVs from retrying in step; the server
 * shares one cached snapshot among them). A connection attempt that hangs (the server's
 * machine unreachable rather than refusing) is given up after `connectTimeoutMs`, or after
 * `lanConnectTimeoutMs` for the office's own screens (TV, kiosk, counter), which are on the
 * LAN: there a handshake takes milliseconds, while a phone may be on a slow mobile network.
 */
export const RECONNECT = {
  firstDelayMs: 300,
  maxDelayMs: 1000,
  connectTimeoutMs: 10_000,
  lanConnectTimeoutMs: 2000,
} as const;

export interface LiveState {
  connected: boolean;
  snapshot: QueueSnapshot | null;
}

/**
 * Keeps a QueueSnapshot current from a socket.io namespace: a full snapshot on every
 * (re)connect, then events applied to it. Reconnects forever with capped back-off
 * (see RECONNECT).
 */
export class LiveQueue {
  readonly socket: LiveSocket;
  private state: LiveState = { connected: false, snapshot: null };
  private readonly listeners = new Set<(s: LiveState) => void>();
  private readonly callListeners = new Set<(c: TicketCalledEvent) => void>();
  private readonly snapshotListeners = new Set<(s: QueueSnapshot) => void>();

  constructor(namespace: string, opts: { url?: string; connectTimeoutMs?: number } = {}) {
    this.socket = io(`${opts.url ?? ''}${namespace}`, {
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: RECONNECT.firstDelayMs,
      reconnectionDelayMax: RECONNECT.maxDelayMs,
      randomizationFactor: 0.5,
      timeout: opts.connectTimeoutMs ?? RECONNECT.connectTimeoutMs,
      withCredentials: true,
    });
    const s = this.socket;
    s.on('connect', () => this.set({ connected: true }));
    s.on('disconnect', () => this.set({ connected: false }));
    s.on(EVENTS.snapshot, (snapshot) => {
      this.set({ snapshot });
      for (const l of this.snapshotListeners) l(snapshot);
    });
    s.on(EVENTS.ticketIssued, ({ ticket }) => this.upsertTicket(ticket));
    s.on(EVENTS.ticketUpdated, ({ ticket }) => this.upsertTicket(ticket));
    s.on(EVENTS.counterUpdated, ({ counter }) => this.upsertCounter(counter));
    s.on(EVENTS.statsUpdated, (stats) => this.patch((snap) => ({ ...snap, stats })));
    s.on(EVENTS.ticketCalled, (call) => {
      this.upsertTicket(call.ticket);
      if (call.previous) this.upsertTicket(call.previous);
      if (call.counter) this.upsertCounter(call.counter);
      const { stats } = call;
      if (stats) this.patch((snap) => ({ ...snap, stats }));
      this.patch((snap) => ({
        ...snap,
        lastCalls: [call, ...snap.lastCalls.filter((c) => c.id !== call.id)].slice(0, 10),
      }));
      for (const l of this.callListeners) l(call);
    });
  }

  get current(): LiveState {
    return this.state;
  }

  subscribe(listener: (s: LiveState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  onCall(listener: (c: TicketCalledEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  /** Called with every full snapshot (the first one and one after every reconnect), once it is current. */
  onSnapshot(listener: (s: QueueSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }

  private set(partial: Partial<LiveState>) {
    this.state = { ...this.state, ...partial };
    for (const l of this.listeners) l(this.state);
  }

  private patch(fn: (s: QueueSnapshot) => QueueSnapshot) {
    if (this.state.snapshot) this.set({ snapshot: fn(this.state.snapshot) });
  }

  private upsertTicket(t: PublicTicket) {
    this.patch((snap) => {
      const others = snap.tickets.filter((x) => x.id !== t.id);
      const tickets = t.status === 'waiting' || t.status === 'called' ? [...others, t] : others;
      const counters = snap.counters.map((c) =>
        c.currentTicket?.id === t.id && t.counterId !== c.id ? { ...c, currentTicket: null } : c,
      );
      return { ...snap, tickets, counters };
    });
  }

  private upsertCounter(counter: PublicCounter) {
    this.patch((snap) => ({
      ...snap,
      counters: snap.counters.some((c) => c.id === counter.id)
        ? snap.counters.map((c) => (c.id === counter.id ? counter : c))
        : [...snap.counters, counter],
    }));
  }
}
