import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  EVENTS,
  NAMESPACES,
  type ClientToServerEvents,
  type QueueSnapshot,
  type ServerToClientEvents,
} from '../../shared/contract';
import { SESSION_COOKIE, readCookie } from '../http/auth';
import type { AppContext } from '../http/context';
import type { QueueEvent } from '../domain/events';
import { buildSnapshot, Views } from '../domain/snapshot';
import type { EndedSessions } from '../auth/officerRepo';
import { ConnectionGuard, MAX_PENDING_BYTES, SocketGuard, type EngineConnection } from './limits';
import { SharedPayloads, sharingParser } from './sharedEncoder';
import { SharedFrames } from './sharedFrame';

type Ns = Namespace<ClientToServerEvents, ServerToClientEvents>;
type StaffSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A shared snapshot is rebuilt after any change, and at least this often. */
export const SNAPSHOT_TTL_MS = 5000;

/** Stats are recomputed at most this often, however fast tickets are issued. */
export const STATS_COALESCE_MS = 200;

/**
 * socket.io: a public read-only namespace (displays, kiosks, phone pages) and a staff
 * namespace that needs a session cookie. Every (re)connect gets a full snapshot, then
 * events mapped from the queue's domain events.
 */
export function attachRealtime(httpServer: HttpServer, ctx: AppContext): { io: Server; close: () => Promise<void> } {
  const shared = new SharedPayloads();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    maxHttpBufferSize: 16_384,
    parser: sharingParser(shared),
  });
  const pub: Ns = io.of(NAMESPACES.public);
  const staff: Ns = io.of(NAMESPACES.staff);
  // The snapshot sent on connect is encoded once and its buffer shared by every socket.
  const frames = new SharedFrames(new (sharingParser(shared).Encoder)());
  // Built once and shared by every (re)connecting client until the queue changes (or 5 s
  // pass, for the clock-derived figures): after a restart hundreds of screens reconnect at
  // once. Its JSON is also made once, and reused for every socket it is sent to.
  let cached: { at: number; snap: QueueSnapshot } | null = null;
  const snapshot = (): QueueSnapshot => {
    const now = Date.now();
    if (!cached || now - cached.at > SNAPSHOT_TTL_MS) {
      cached = { at: now, snap: shared.share(buildSnapshot(ctx.queue, ctx.clock)) };
    }
    return cached.snap;
  };

  // Every connection's unsent data and incoming packets are bounded (a client that does not
  // read, or floods, is dropped); the bound always leaves room for a few snapshots, however
  // large the day's queue.
  const connections = new WeakMap<EngineConnection, ConnectionGuard>();
  const maxPending = () => Math.max(MAX_PENDING_BYTES, 4 * shared.latestLength);
  const guardOf = (conn: EngineConnection) => {
    let guard = connections.get(conn);
    if (!guard) connections.set(conn, (guard = new ConnectionGuard(conn, maxPending)));
    return guard;
  };
  io.engine.on('connection', guardOf);

  staff.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const officer = ctx.officers.sessionOfficer(token);
    if (!officer || !token) return next(new Error('unauthenticated'));
    if (officer.mustChangePassword) return next(new Error('password_change_required'));
    socket.data.officerId = officer.id;
    socket.data.sessionToken = token;
    next();
  });
  // A session that ends (logout, officer deactivated, new password) takes its sockets with it.
  const endedBy = (socket: StaffSocket, ended: EndedSessions) =>
    'token' in ended
      ? socket.data.sessionToken === ended.token
      : socket.data.officerId === ended.officerId && socket.data.sessionToken !== ended.exceptToken;
  const offSessions = ctx.officers.onSessionsEnded((ended) => {
    for (const socket of staff.sockets.values()) if (endedBy(socket, ended)) socket.disconnect();
  });

  // Nothing is served on the main namespace '/', but its sockets are limited like the others.
  const main = io.of('/');
  for (const ns of [main, pub, staff]) {
    ns.on('connection', (socket) => {
      const guard = new SocketGuard(guardOf(socket.conn));
      // Every event a client sends, known or not, counts against its rate.
      socket.use((_packet, next) => {
        if (guard.admit()) next();
      });
      if (ns === main) return;
      const snap = snapshot();
      if (!frames.send(socket, EVENTS.snapshot, snap)) socket.emit(EVENTS.snapshot, snap);
      socket.on('snapshot:get', (ack) => {
        if (typeof ack !== 'function' || !guard.mayAnswer()) return;
        ack(snapshot());
        guard.answeredNow();
      });
    });
  }

  // Stats are coalesced; `pubToo` is false when the public side just got them inside a call.
  let statsTimer: NodeJS.Timeout | null = null;
  let statsToPublic = false;
  const scheduleStats = (pubToo: boolean) => {
    statsToPublic ||= pubToo;
    if (statsTimer) return;
    statsTimer = setTimeout(() => {
      statsTimer = null;
      const stats = currentStats();
      staff.emit(EVENTS.statsUpdated, stats);
      if (statsToPublic) pub.emit(EVENTS.statsUpdated, stats);
      statsToPublic = false;
    }, STATS_COALESCE_MS);
  };
  const currentStats = () => {
    const now = ctx.clock.now();
    return ctx.queue.stats.forDay(ctx.queue.serviceDay(now), now);
  };

  /**
   * One committed transaction's events. A call is the hot path (every TV waits for it), so
   * on /public it is ONE message: `ticket:called` carries the counter's new state, the
   * ticket it finished and fresh stats. Staff get every event as it is.
   */
  const onEvents = (events: QueueEvent[]) => {
    cached = null;
    const views = new Views(ctx.queue);
    const counters = new Map(ctx.config.counters().map((c) => [c.id, c]));
    const calls = events.filter((e) => e.type === 'ticketCalled');
    const folded = new Set<QueueEvent>();
    const stats = calls.length > 0 ? currentStats() : null;
    for (const e of calls) {
      const counter = counters.get(e.call.counterId);
      const finished = events.find(
        (x) => x.type === 'ticketChanged' && x.action === 'finish' && x.ticket.counterId === e.call.counterId,
      );
      if (finished) folded.add(finished);
      for (const x of events) if (x.type === 'counterChanged' && x.counterId === e.call.counterId) folded.add(x);
      const payload = {
        ...e.call,
        ticket: views.publicTicket(e.ticket),
        counter: counter ? views.publicCounter(counter) : null,
        previous: finished?.type === 'ticketChanged' ? views.publicTicket(finished.ticket) : null,
        stats,
      };
      pub.emit(EVENTS.ticketCalled, payload);
      staff.emit(EVENTS.ticketCalled, payload);
    }
    for (const e of events) {
      const toPublic = !folded.has(e);
      const emit = <E extends keyof ServerToClientEvents>(name: E, ...args: Parameters<ServerToClientEvents[E]>) => {
        staff.emit(name, ...args);
        if (toPublic) pub.emit(name, ...args);
      };
      switch (e.type) {
        case 'ticketIssued':
          emit(EVENTS.ticketIssued, { ticket: views.publicTicket(e.ticket) });
          break;
        case 'ticketChanged':
          emit(EVENTS.ticketUpdated, { ticket: views.publicTicket(e.ticket), action: e.action });
          break;
        case 'counterChanged': {
          const counter = counters.get(e.counterId);
          if (counter) emit(EVENTS.counterUpdated, { counter: views.publicCounter(counter) });
          break;
        }
        case 'configChanged':
          emit(EVENTS.snapshot, snapshot());
          break;
        case 'ticketCalled':
          break;
      }
    }
    if (events.some((e) => e.type !== 'configChanged')) scheduleStats(calls.length === 0);
  };
  const off = ctx.events.on(onEvents);

  return {
    io,
    close: async () => {
      off();
      offSessions();
      if (statsTimer) clearTimeout(statsTimer);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
