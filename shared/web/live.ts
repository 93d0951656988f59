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

export interface LiveState {
  connected: boolean;
  snapshot: QueueSnapshot | null;
}

/**
 * Keeps a QueueSnapshot current from a socket.io namespace: a full snapshot on every
 * (re)connect, then events applied to it. Reconnects forever with capped back-off.
 */
export class LiveQueue {
  readonly socket: LiveSocket;
  private state: LiveState = { connected: false, snapshot: null };
  private readonly listeners = new Set<(s: LiveState) => void>();
  private readonly callListeners = new Set<(c: TicketCalledEvent) => void>();

  constructor(namespace: string, opts: { url?: string } = {}) {
    this.socket = io(`${opts.url ?? ''}${namespace}`, {
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      withCredentials: true,
    });
    const s = this.socket;
    s.on('connect', () => this.set({ connected: true }));
    s.on('disconnect', () => this.set({ connected: false }));
    s.on(EVENTS.snapshot, (snapshot) => this.set({ snapshot }));
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
