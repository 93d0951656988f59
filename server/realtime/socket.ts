import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace } from 'socket.io';
import {
  EVENTS,
  NAMESPACES,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/contract';
import { SESSION_COOKIE, readCookie } from '../http/auth';
import type { AppContext } from '../http/context';
import type { QueueEvent } from '../domain/events';
import { buildSnapshot, Views } from '../domain/snapshot';

type Ns = Namespace<ClientToServerEvents, ServerToClientEvents>;

/** Stats are recomputed at most this often, however fast tickets are issued. */
export const STATS_COALESCE_MS = 200;

/**
 * socket.io: a public read-only namespace (displays, kiosks, phone pages) and a staff
 * namespace that needs a session cookie. Every (re)connect gets a full snapshot, then
 * events mapped from the queue's domain events.
 */
export function attachRealtime(httpServer: HttpServer, ctx: AppContext): { io: Server; close: () => Promise<void> } {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    maxHttpBufferSize: 16_384,
  });
  const pub: Ns = io.of(NAMESPACES.public);
  const staff: Ns = io.of(NAMESPACES.staff);
  const both = (fn: (ns: Ns) => void) => {
    fn(pub);
    fn(staff);
  };
  const snapshot = () => buildSnapshot(ctx.queue, ctx.clock);

  staff.use((socket, next) => {
    const officer = ctx.officers.sessionOfficer(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
    if (!officer) return next(new Error('unauthenticated'));
    socket.data.officerId = officer.id;
    next();
  });

  for (const ns of [pub, staff]) {
    ns.on('connection', (socket) => {
      socket.emit(EVENTS.snapshot, snapshot());
      socket.on('snapshot:get', (ack) => {
        if (typeof ack === 'function') ack(snapshot());
      });
    });
  }

  let statsTimer: NodeJS.Timeout | null = null;
  const scheduleStats = () => {
    if (statsTimer) return;
    statsTimer = setTimeout(() => {
      statsTimer = null;
      const now = ctx.clock.now();
      const stats = ctx.queue.stats.forDay(ctx.queue.serviceDay(now), now);
      both((ns) => ns.emit(EVENTS.statsUpdated, stats));
    }, STATS_COALESCE_MS);
  };

  /**
   * One committed transaction's events. A call is the hot path (every TV waits for it):
   * `ticket:called` goes out first and carries the counter's new state, so displays need
   * no second message for it; the remaining events follow.
   */
  const onEvents = (events: QueueEvent[]) => {
    const views = new Views(ctx.queue);
    const counters = new Map(ctx.config.counters().map((c) => [c.id, c]));
    const coveredCounters = new Set<number>();
    for (const e of events) {
      if (e.type !== 'ticketCalled') continue;
      const counter = counters.get(e.call.counterId);
      const payload = {
        ...e.call,
        ticket: views.publicTicket(e.ticket),
        counter: counter ? views.publicCounter(counter) : null,
      };
      both((ns) => ns.emit(EVENTS.ticketCalled, payload));
      coveredCounters.add(e.call.counterId);
    }
    for (const e of events) {
      switch (e.type) {
        case 'ticketIssued':
          both((ns) => ns.emit(EVENTS.ticketIssued, { ticket: views.publicTicket(e.ticket) }));
          break;
        case 'ticketChanged':
          both((ns) => ns.emit(EVENTS.ticketUpdated, { ticket: views.publicTicket(e.ticket), action: e.action }));
          break;
        case 'counterChanged': {
          const counter = counters.get(e.counterId);
          if (!counter) break;
          const payload = { counter: views.publicCounter(counter) };
          // The public side already got this counter inside ticket:called.
          if (!coveredCounters.has(e.counterId)) pub.emit(EVENTS.counterUpdated, payload);
          staff.emit(EVENTS.counterUpdated, payload);
          break;
        }
        case 'configChanged': {
          const snap = snapshot();
          both((ns) => ns.emit(EVENTS.snapshot, snap));
          break;
        }
        case 'ticketCalled':
          break;
      }
    }
    if (events.some((e) => e.type !== 'configChanged')) scheduleStats();
  };
  const off = ctx.events.on(onEvents);

  return {
    io,
    close: async () => {
      off();
      if (statsTimer) clearTimeout(statsTimer);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
