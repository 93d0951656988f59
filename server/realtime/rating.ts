/**
 * The /rate namespace: the rating tablets. A tablet joins with `auth: { counter, token? }`
 * (counter NUMBER). Without a valid device token it gets a pairing code (and, once the
 * officer confirms it, its token); with one it gets the counter's state and wakes for every
 * visit that ends at its counter. Staff pages get the counter's pairing requests on /staff.
 * Nothing personal goes out here: the officer's name, the counter and the ticket number.
 */
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { NAMESPACES } from '../../shared/contract';
import {
  RATE_EVENTS,
  RATE_NAMESPACE,
  type RatePairingEvent,
  type RateStateEvent,
  type RateWakeEvent,
  type StaffPairingEvent,
} from '../../shared/ratings';
import type { AppContext } from '../http/context';
import { ConnectionGuard, SocketGuard } from './limits';

const handshake = z.object({
  counter: z.coerce.number().int().min(1).max(999),
  token: z.string().max(100).nullish(),
});

const room = (counterId: number) => `counter:${counterId}`;

export function attachRatingTablets(io: Server, ctx: AppContext): { close: () => void } {
  const ns = io.of(RATE_NAMESPACE);
  const { devices, service } = ctx.ratings;

  const stateOf = (counterId: number): RateStateEvent | null => {
    const c = ctx.config.counters().find((x) => x.id === counterId);
    if (!c) return null;
    return {
      counter: { id: c.id, number: c.number, name: c.name },
      officerName: service.officerAt(c.id),
      paused: c.paused,
      scale: service.scale(),
    };
  };

  ns.use((socket, next) => {
    const auth = handshake.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(new Error('invalid counter'));
    const counter = ctx.config.counters().find((c) => c.number === auth.data.counter);
    if (!counter) return next(new Error('counter_not_found'));
    socket.data.counterId = counter.id;
    const device = devices.authenticate(auth.data.token);
    socket.data.deviceId = device && device.counterId === counter.id ? device.deviceId : null;
    socket.data.tokenRefused = Boolean(auth.data.token) && socket.data.deviceId === null;
    next();
  });

  ns.on('connection', (socket: Socket) => {
    const guard = new SocketGuard(new ConnectionGuard(socket.conn));
    socket.use((_packet, next) => {
      if (guard.admit()) next();
    });
    const counterId = socket.data.counterId as number;
    const deviceId = socket.data.deviceId as number | null;
    if (deviceId === null) {
      if (socket.data.tokenRefused) socket.emit(RATE_EVENTS.unpaired, {});
      const c = ctx.config.counter(counterId);
      const req = devices.request(counterId, (token) => {
        socket.emit(RATE_EVENTS.paired, { token });
        // The tablet reconnects with its token; this unpaired socket is done.
        setTimeout(() => socket.disconnect(true), 200).unref();
      });
      const payload: RatePairingEvent = { code: req.code, expiresAt: req.expiresAt, counter: { number: c.number, name: c.name } };
      socket.emit(RATE_EVENTS.pairing, payload);
      socket.on('disconnect', req.cancel);
      return;
    }
    socket.data.paired = true;
    devices.seen(deviceId, true);
    socket.on('disconnect', () => devices.seen(deviceId, false));
    void socket.join(room(counterId));
    const state = stateOf(counterId);
    if (state) socket.emit(RATE_EVENTS.state, state);
  });

  // A visit that ends wakes its counter's tablet; any change at a counter refreshes who serves there.
  const offQueue = ctx.events.on((events) => {
    const touched = new Set<number>();
    let config = false;
    for (const e of events) {
      if (e.type === 'configChanged') config = true;
      else if (e.type === 'counterChanged') touched.add(e.counterId);
      else if (e.type === 'ticketCalled') touched.add(e.call.counterId);
      if (e.type === 'ticketChanged' && e.action === 'finish' && e.ticket.counterId !== null && e.ticket.finishedAt) {
        const wake: RateWakeEvent = { ticketId: e.ticket.id, number: e.ticket.number, finishedAt: e.ticket.finishedAt };
        ns.to(room(e.ticket.counterId)).emit(RATE_EVENTS.wake, wake);
      }
    }
    const ids = config ? ctx.config.counters().map((c) => c.id) : [...touched];
    for (const id of ids) {
      if ((ns.adapter.rooms.get(room(id))?.size ?? 0) === 0) continue;
      const state = stateOf(id);
      if (state) ns.to(room(id)).emit(RATE_EVENTS.state, state);
    }
  });

  const staff = io.of(NAMESPACES.staff);
  const offChange = devices.onChange(({ counterId }) => {
    const event: StaffPairingEvent = { counterId, request: devices.pendingFor(counterId) };
    staff.emit(RATE_EVENTS.staffPairing, event);
  });
  const offUnpaired = devices.onUnpaired((id) => {
    for (const s of ns.sockets.values()) {
      if (s.data.deviceId === id) {
        s.emit(RATE_EVENTS.unpaired, {});
        s.disconnect(true);
      }
    }
  });
  return {
    close: () => {
      offQueue();
      offChange();
      offUnpaired();
    },
  };
}
