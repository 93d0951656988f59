import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARDS, testCardQrLine } from '../../drivers/card-reader';
import { CARD_EVENTS, KIOSK_NAMESPACE, type CardFailedEvent, type CardReadEvent } from '../../shared/cards';
import { Client, startTestServer, type TestServer } from '../helpers/server';
import { hasSocat, ptyPair, qrScannerDevice, simulatedReaderDevice, type PtyPair, type QrScannerDevice, type SimulatedReaderDevice } from '../../tools/cardDevices';

const cleanups: (() => unknown)[] = [];
let s: TestServer;
let reader: SimulatedReaderDevice;
let scanner: QrScannerDevice;
let socket: Socket;
const seen: { event: string; payload: unknown }[] = [];

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function nextEvent<T>(event: string, from: number): Promise<T> {
  await until(() => seen.slice(from).some((e) => e.event === event));
  return seen.slice(from).find((e) => e.event === event)?.payload as T;
}

const citizens = () => s.app.db.prepare('SELECT COUNT(*) FROM citizens').pluck().get();
const failedOrRead = (from: number) => until(() => seen.slice(from).some((e) => e.event === CARD_EVENTS.read || e.event === CARD_EVENTS.failed));

describe.skipIf(!hasSocat())('card reading over socat pseudo-terminals, end to end', () => {
  beforeAll(async () => {
    const pairs: PtyPair[] = [await ptyPair(), await ptyPair()];
    cleanups.push(() => pairs.forEach((p) => p.close()));
    reader = await simulatedReaderDevice(pairs[0]!.device);
    scanner = await qrScannerDevice(pairs[1]!.device);
    cleanups.push(() => reader.close(), () => scanner.close());
    s = await startTestServer({ cardReaders: { cardReader: pairs[0]!.host, qrScanner: pairs[1]!.host } });
    cleanups.push(() => s.close());
    socket = connect(`${s.url}${KIOSK_NAMESPACE}`, { transports: ['websocket'], forceNew: true, auth: { kioskId: null } });
    socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
    cleanups.push(() => socket.disconnect());
    await until(() => s.app.ctx.cards.service.states().every((r) => r.connected) && socket.connected);
  }, 40_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('the serial driver reads the card the QR scan opened, and the ticket issued at the kiosk carries the citizen', async () => {
    expect(s.app.ctx.cards.service.states().map((r) => r.protocol)).toEqual(['pn532', 'qr-line']);
    let from = seen.length;
    reader.place(TEST_CARDS[0]!);
    await nextEvent(CARD_EVENTS.present, from);
    from = seen.length;
    await scanner.scan(testCardQrLine(TEST_CARDS[0]!));
    const read = await nextEvent<CardReadEvent>(CARD_EVENTS.read, from);
    expect(read).toMatchObject({ greeting: 'Nguyễn V. A.', verified: true });
    const issued = await new Client(s.url).post<{ ticket: { id: number } }>('/api/tickets', {
      serviceId: s.app.ctx.config.services()[0]!.id,
      cardReadId: read.readId,
    });
    expect(issued.status).toBe(201);
    expect(s.app.ctx.cards.service.repo.forTicket(issued.body.ticket.id)).toMatchObject({ idNumber: '079090012345', check: 'hashes-only' });
    from = seen.length;
    reader.remove();
    await nextEvent(CARD_EVENTS.removed, from);
  }, 30_000);

  it('a wrong key (another card’s QR) gives a clear failure and stores nothing', async () => {
    const before = citizens();
    let from = seen.length;
    reader.place(TEST_CARDS[1]!);
    await nextEvent(CARD_EVENTS.present, from);
    from = seen.length;
    await scanner.scan(testCardQrLine(TEST_CARDS[2]!));
    await failedOrRead(from);
    const failed = await nextEvent<CardFailedEvent>(CARD_EVENTS.failed, from);
    expect(failed).toMatchObject({ reason: 'wrong-key', message: expect.stringMatching(/^Không mở được chip/) });
    expect(citizens()).toBe(before);
    from = seen.length;
    reader.remove();
    await nextEvent(CARD_EVENTS.removed, from);
  }, 30_000);

  it('a card pulled in the middle of the read gives a clear failure and stores nothing', async () => {
    const before = citizens();
    let from = seen.length;
    const chip = reader.place(TEST_CARDS[3]!);
    await nextEvent(CARD_EVENTS.present, from);
    const transceive = chip.transceive.bind(chip);
    let apdus = 0;
    chip.transceive = (apdu) => {
      if (++apdus === 8) reader.remove();
      return transceive(apdu);
    };
    from = seen.length;
    await scanner.scan(testCardQrLine(TEST_CARDS[3]!));
    await failedOrRead(from);
    const failed = await nextEvent<CardFailedEvent>(CARD_EVENTS.failed, from);
    expect(failed.reason).toBe('card-removed');
    expect(failed.message).toMatch(/^Thẻ đã bị nhấc ra/);
    expect(citizens()).toBe(before);
    expect(s.app.ctx.cards.service.currentRead(null)).toBeUndefined();
  }, 30_000);
});
