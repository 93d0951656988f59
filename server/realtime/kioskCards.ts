/**
 * The /kiosk namespace: a kiosk joins with `auth: { kioskId }` and receives the card events
 * of the readers at its place only (the greeting is a masked name; nothing else personal).
 * Kiosks send nothing here: any event they send counts against the same per-socket limits
 * as on the other namespaces.
 */
import type { Server } from 'socket.io';
import { z } from 'zod';
import { CARD_EVENTS, CITIZEN_LINKED_EVENT, KIOSK_NAMESPACE } from '../../shared/cards';
import { NAMESPACES } from '../../shared/contract';
import { kioskKey } from '../config/officeSettings';
import { kioskPlace, readEvent, type CardService } from '../cards/cardService';
import { ConnectionGuard, SocketGuard } from './limits';

const handshake = z.object({ kioskId: kioskKey.nullish().transform((v) => v ?? null) });

export function attachKioskCards(io: Server, cards: CardService): { close: () => void } {
  const ns = io.of(KIOSK_NAMESPACE);
  ns.use((socket, next) => {
    const auth = handshake.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(new Error('invalid kioskId'));
    socket.data.kioskId = auth.data.kioskId;
    next();
  });
  ns.on('connection', (socket) => {
    const guard = new SocketGuard(new ConnectionGuard(socket.conn));
    socket.use((_packet, next) => {
      if (guard.admit()) next();
    });
    const kioskId = socket.data.kioskId as string | null;
    void socket.join(kioskPlace(kioskId));
    socket.emit(CARD_EVENTS.reader, { present: cards.hasReaderAt(kioskId) });
    const current = cards.currentRead(kioskId);
    if (current) socket.emit(CARD_EVENTS.read, readEvent(current));
  });
  const offKiosk = cards.onKiosk((place, event, payload) => {
    ns.to(place).emit(event, payload);
  });
  const offReaders = cards.onReaders(() => {
    for (const s of ns.sockets.values()) {
      s.emit(CARD_EVENTS.reader, { present: cards.hasReaderAt(s.data.kioskId as string | null) });
    }
  });
  const staff = io.of(NAMESPACES.staff);
  const offLinked = cards.onLinked((event) => {
    staff.emit(CITIZEN_LINKED_EVENT, event);
  });
  return {
    close: () => {
      offKiosk();
      offLinked();
      offReaders();
    },
  };
}
