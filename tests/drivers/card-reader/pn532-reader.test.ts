import { once } from 'node:events';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Pn532CardReader } from '../../../drivers/card-reader/pn532-reader';
import type { OpenPort } from '../../../drivers/card-reader/serial';
import { SimulatedPn532 } from '../../../drivers/card-reader/simulated-pn532';
import type { CardReaderEvent } from '../../../drivers/card-reader/types';
import { TEST_HOLDER, testChip, testCsca } from './identity-fixture';

const PATH = '/dev/ttyPN532';

/** Mock serial ports with a simulated PN532 on the other end; `unplugged` makes opening fail. */
function harness() {
  MockBinding.reset();
  MockBinding.createPort(PATH, { echo: false, record: false });
  const state = { unplugged: false, pn532: null as SimulatedPn532 | null, port: null as SerialPortStream | null, opens: 0 };
  const openPort: OpenPort = async (path, baudRate) => {
    if (state.unplugged) throw new Error(`${path}: no such device`);
    const port = new SerialPortStream({ binding: MockBinding, path, baudRate });
    await once(port, 'open');
    state.opens++;
    const binding = port.port as MockPortBinding;
    const pn532 = new SimulatedPn532((bytes) => setImmediate(() => binding.isOpen && binding.emitData(bytes)), { asleep: true });
    const write = binding.write.bind(binding);
    binding.write = async (buffer: Buffer) => {
      await write(buffer);
      setImmediate(() => pn532.receive(buffer));
    };
    state.pn532 = pn532;
    state.port = port;
    return port;
  };
  return { state, openPort };
}

/** Events not yet taken, and `next` to take (or wait for) the first of a type. */
function collect(reader: Pn532CardReader): { events: CardReaderEvent[]; next: (type: CardReaderEvent['type']) => Promise<CardReaderEvent> } {
  const events: CardReaderEvent[] = [];
  const waiters: { type: string; resolve: (e: CardReaderEvent) => void }[] = [];
  reader.on((event) => {
    const i = waiters.findIndex((w) => w.type === event.type);
    const waiter = waiters[i];
    if (waiter) {
      waiters.splice(i, 1);
      waiter.resolve(event);
    } else events.push(event);
  });
  const next = (type: CardReaderEvent['type']): Promise<CardReaderEvent> => {
    const seen = events.findIndex((e) => e.type === type);
    if (seen >= 0) return Promise.resolve(events.splice(seen, 1)[0] as CardReaderEvent);
    return new Promise((resolve) => waiters.push({ type, resolve }));
  };
  return { events, next };
}

const config = { key: 'kiosk-1', protocol: 'pn532' as const, path: PATH, place: { kind: 'kiosk' as const, kioskId: null } };
const key = { idNumber: TEST_HOLDER.idNumber, birthDate: TEST_HOLDER.birthDate, expiryDates: [TEST_HOLDER.expiryDate] };
let reader: Pn532CardReader | null = null;

afterEach(async () => {
  await reader?.close();
  reader = null;
});

describe('PN532 reader over @serialport/binding-mock', () => {
  it('connects, reads a card once it has the key, and reports its removal', async () => {
    const { state, openPort } = harness();
    reader = new Pn532CardReader({ config, openPort, cscas: [testCsca()], pollIntervalMs: 10 });
    const { next } = collect(reader);
    await reader.start();
    expect(await next('reader-connected')).toEqual({ type: 'reader-connected', reader: 'kiosk-1', detail: 'PN532 v1.6' });
    const chip = testChip();
    state.pn532?.placeCard(chip);
    await next('card-present');
    reader.provideKey(key);
    const read = await next('card-read');
    expect(read).toEqual({
      type: 'card-read',
      reader: 'kiosk-1',
      identity: {
        idNumber: '001099012345',
        fullName: 'Nguyễn Văn Thành',
        birthDate: { year: 1999, month: 3, day: 15 },
        gender: 'Nam',
        source: 'chip',
        chip: 'verified',
      },
    });
    expect(chip.log.selected).not.toContain(0x0102);
    expect(Math.max(...chip.log.readLengths)).toBeLessThanOrEqual(0xdf);
    // The commands of the initialisation, in order.
    expect(state.pn532?.commands.slice(0, 4)).toEqual([0x14, 0x02, 0x12, 0x32]);
    state.pn532?.placeCard(null);
    await next('card-removed');
    expect(reader.status()).toMatchObject({ connected: true, cardPresent: false, cardsRead: 1, readFailures: 0 });
  });

  it('reports a wrong key clearly and reads with the right one given afterwards', async () => {
    const { state, openPort } = harness();
    reader = new Pn532CardReader({ config, openPort, pollIntervalMs: 10 });
    const { next } = collect(reader);
    await reader.start();
    await next('reader-connected');
    state.pn532?.placeCard(testChip());
    reader.provideKey({ ...key, expiryDates: [{ year: 2039, month: 3, day: 15 }] });
    expect(await next('card-read-failed')).toMatchObject({ reason: 'wrong-key' });
    reader.provideKey(key);
    expect(await next('card-read')).toMatchObject({ identity: { chip: 'hashes-only' } });
  });

  it('reports a card pulled in the middle of a read', async () => {
    const { state, openPort } = harness();
    reader = new Pn532CardReader({ config, openPort, pollIntervalMs: 10 });
    const { next } = collect(reader);
    await reader.start();
    await next('reader-connected');
    const chip = testChip();
    const transceive = chip.transceive.bind(chip);
    let apdus = 0;
    chip.transceive = (apdu) => {
      // Pull the card after BAC, while the files are being read.
      if (++apdus === 6) state.pn532?.placeCard(null);
      return transceive(apdu);
    };
    state.pn532?.placeCard(chip);
    reader.provideKey(key);
    expect(await next('card-read-failed')).toMatchObject({ reason: 'card-removed' });
    await next('card-removed');
  });

  it('reports an unplugged reader and reconnects when it comes back', async () => {
    const { state, openPort } = harness();
    reader = new Pn532CardReader({ config, openPort, pollIntervalMs: 10, reopenDelayMs: 20 });
    const { next } = collect(reader);
    await reader.start();
    await next('reader-connected');
    state.unplugged = true;
    state.port?.close();
    expect(await next('reader-disconnected')).toMatchObject({ reader: 'kiosk-1' });
    expect(reader.status().connected).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    state.unplugged = false;
    await next('reader-connected');
    expect(state.opens).toBe(2);
    expect(reader.status().connected).toBe(true);
  });
});
