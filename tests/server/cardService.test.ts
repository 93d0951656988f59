import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedPn532, TEST_CARDS, testCardChip, testCardQrLine, type OpenPort } from '../../drivers/card-reader';
import { createCards, type Cards } from '../../server/cards';
import { configuredReaders } from '../../server/cards/readerFactory';
import { ReadSessions } from '../../server/cards/readSessions';
import { maskIdNumber, maskName } from '../../server/cards/mask';
import { officeSettingsSchema, sanitizeSettings } from '../../server/config/officeSettings';
import { CARD_EVENTS, type CardReadEvent, type CitizenLinkedEvent } from '../../shared/cards';
import { makeFixture, type Fixture } from './fixture';

const kiosk = { kind: 'kiosk' as const, kioskId: null };

describe('card reader configuration', () => {
  it('defaults to one simulated reader at the kiosk without an id', () => {
    expect(configuredReaders({}, {})).toEqual({
      readers: [{ key: 'simulated', protocol: 'simulated', path: '', place: kiosk }],
      faults: [],
    });
  });

  it('uses settings.cardReaders, and CARD_READER / QR_SCANNER override them at the kiosk without an id', () => {
    const stored = { cardReaders: [{ key: 'quay-2', protocol: 'pn532', path: '/dev/ttyUSB0', place: { kind: 'counter', counterNumber: 2 } }] };
    expect(configuredReaders(stored, {}).readers).toEqual([{ ...stored.cardReaders[0], path: '/dev/ttyUSB0' }]);
    expect(configuredReaders(stored, { cardReader: '/dev/ttyUSB1', qrScanner: '/dev/ttyACM0' }).readers).toEqual([
      { key: 'env-card-reader', protocol: 'pn532', path: '/dev/ttyUSB1', baudRate: 115200, place: kiosk },
      { key: 'env-qr-scanner', protocol: 'qr-line', path: '/dev/ttyACM0', baudRate: 9600, place: kiosk },
    ]);
    const bad = configuredReaders(stored, { cardReader: '/home/x/reader' });
    expect(bad.readers[0]?.key).toBe('quay-2');
    expect(bad.faults).toEqual([expect.objectContaining({ code: 'setting_invalid', setting: 'CARD_READER' })]);
  });

  it('validates readers strictly, and a stored reader list that no longer validates falls back with a fault', () => {
    const ok = officeSettingsSchema.safeParse({
      cardReaders: [
        { key: 'sim', protocol: 'simulated', place: kiosk },
        { key: 'qr', protocol: 'qr-line', path: '/dev/ttyACM0', baudRate: 9600, place: { kind: 'kiosk', kioskId: 'sanh-1' } },
      ],
      privacy: { retentionDays: 90 },
    });
    expect(ok.success).toBe(true);
    for (const bad of [
      [{ key: 'a', protocol: 'pn532', path: '/tmp/x', place: kiosk }],
      [{ key: 'a', protocol: 'pn532', path: '/dev/../etc/passwd', place: kiosk }],
      [{ key: 'a', protocol: 'pn532', path: '/dev/ttyUSB0', baudRate: 1234, place: kiosk }],
      [{ key: 'a', protocol: 'pn532', path: '/dev/ttyUSB0', place: { kind: 'kiosk', kioskId: 'Sảnh 1' } }],
      [{ key: 'a', protocol: 'pcsc', path: '/dev/ttyUSB0', place: kiosk }],
      [{ key: 'a', protocol: 'simulated', place: kiosk }, { key: 'a', protocol: 'simulated', place: kiosk }],
    ]) {
      expect(officeSettingsSchema.safeParse({ cardReaders: bad }).success, JSON.stringify(bad)).toBe(false);
    }
    const sanitized = sanitizeSettings({ cardReaders: [{ key: 'a', protocol: 'pn532', path: 'COM3', place: kiosk }] });
    expect(sanitized.settings.cardReaders).toBeUndefined();
    expect(sanitized.faults[0]).toMatchObject({ code: 'setting_invalid', setting: 'settings.cardReaders' });
    expect(configuredReaders(sanitized.settings, {}).readers[0]?.protocol).toBe('simulated');
  });
});

describe('read sessions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keep a read for 30 s after the last activity, one per place', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const sessions = new ReadSessions((s) => expired.push(s.readId));
    const identity = { idNumber: '079090012345', fullName: 'Nguyễn Văn An', birthDate: { year: 1990, month: 1, day: 15 }, gender: 'Nam' as const, source: 'qr' as const, chip: null };
    const a = sessions.open('kiosk:', identity, 'qr-only', new Date());
    vi.advanceTimersByTime(29_000);
    expect(sessions.use('kiosk:', a.readId)).toBe(a);
    expect(sessions.use('kiosk:sanh-1', a.readId)).toBeUndefined();
    vi.advanceTimersByTime(29_000);
    expect(sessions.current('kiosk:')).toBe(a);
    vi.advanceTimersByTime(1_001);
    expect(expired).toEqual([a.readId]);
    expect(sessions.use('kiosk:', a.readId)).toBeUndefined();
    const b = sessions.open('kiosk:', identity, 'qr-only', new Date());
    const c = sessions.open('kiosk:', identity, 'qr-only', new Date());
    expect(sessions.use('kiosk:', b.readId)).toBeUndefined();
    expect(sessions.use('kiosk:', c.readId)).toBe(c);
    sessions.clear();
  });

  it('masks names and ID numbers', () => {
    expect(maskName('Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(maskName('Trần Thị Bích Ngọc')).toBe('Trần T. B. N.');
    expect(maskIdNumber('079090012345')).toBe('0790****2345');
  });
});

/** Serial ports on @serialport/binding-mock: a simulated PN532 behind PN532 paths, a scanner behind the others. */
function ports() {
  MockBinding.reset();
  const pn532s = new Map<string, SimulatedPn532>();
  const scanners = new Map<string, MockPortBinding>();
  const openPort: OpenPort = async (path, baudRate) => {
    MockBinding.createPort(path, { echo: false, record: false });
    const port = new SerialPortStream({ binding: MockBinding, path, baudRate });
    await once(port, 'open');
    const binding = port.port as MockPortBinding;
    if (path.includes('PN532')) {
      const pn532 = new SimulatedPn532((bytes) => setImmediate(() => binding.isOpen && binding.emitData(bytes)), { asleep: true });
      const write = binding.write.bind(binding);
      binding.write = async (buffer: Buffer) => {
        await write(buffer);
        setImmediate(() => pn532.receive(buffer));
      };
      pn532s.set(path, pn532);
    } else scanners.set(path, binding);
    return port;
  };
  return { openPort, pn532s, scanners };
}

let f: Fixture;
let cards: Cards | null = null;
let dataDir = '';
afterEach(async () => {
  await cards?.close();
  cards = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function startWith(readers: unknown[]) {
  f = makeFixture();
  f.config.saveOffice({ ...f.config.office(), settings: { cardReaders: readers } });
  dataDir = mkdtempSync(join(tmpdir(), 'cards-'));
  const p = ports();
  const lines: string[] = [];
  cards = createCards({ db: f.db, config: f.config, queue: f.queue, clock: f.clock, dataDir, factory: { openPort: p.openPort, pollIntervalMs: 10, reopenDelayMs: 50 }, log: (_l, line) => lines.push(line) });
  const kioskEvents: { place: string; event: string; payload: unknown }[] = [];
  const linked: CitizenLinkedEvent[] = [];
  cards.service.onKiosk((place, event, payload) => kioskEvents.push({ place, event, payload }));
  cards.service.onLinked((e) => linked.push(e));
  await cards.service.start();
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };
  await until(() => cards!.service.states().every((s) => s.connected));
  return { ...p, kioskEvents, linked, lines, until, cards };
}

describe('card service: readers routed by place', () => {
  it('a QR scan gives its key to the chip reader at the same kiosk; a scanner alone gives a QR-only read', async () => {
    const { pn532s, scanners, kioskEvents, until, cards: c } = await startWith([
      { key: 'chip-1', protocol: 'pn532', path: '/dev/ttyPN532a', place: { kind: 'kiosk', kioskId: 'sanh-1' } },
      { key: 'qr-1', protocol: 'qr-line', path: '/dev/ttyQRa', place: { kind: 'kiosk', kioskId: 'sanh-1' } },
      { key: 'qr-2', protocol: 'qr-line', path: '/dev/ttyQRb', place: { kind: 'kiosk', kioskId: 'sanh-2' } },
    ]);
    pn532s.get('/dev/ttyPN532a')!.placeCard(testCardChip(TEST_CARDS[0]!));
    scanners.get('/dev/ttyQRa')!.emitData(Buffer.from(testCardQrLine(TEST_CARDS[0]!) + '\r\n'));
    await until(() => kioskEvents.some((e) => e.event === CARD_EVENTS.read));
    const reads = kioskEvents.filter((e) => e.event === CARD_EVENTS.read);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ place: 'kiosk:sanh-1', payload: { greeting: 'Nguyễn V. A.', verified: true } });
    expect(c.service.currentRead('sanh-1')?.check).toBe('hashes-only');

    scanners.get('/dev/ttyQRb')!.emitData(Buffer.from(testCardQrLine(TEST_CARDS[2]!) + '\n'));
    await until(() => kioskEvents.filter((e) => e.event === CARD_EVENTS.read).length === 2);
    const qrOnly = kioskEvents.filter((e) => e.event === CARD_EVENTS.read)[1]!;
    expect(qrOnly).toMatchObject({ place: 'kiosk:sanh-2', payload: { greeting: 'Lê H. M.', verified: false } });
    const readId = (qrOnly.payload as CardReadEvent).readId;
    const ticket = f.queue.issueTicket({ serviceId: f.services.a, kioskId: 'sanh-2' }).ticket;
    expect(c.service.linkFromKiosk(readId, 'sanh-1', ticket.id)).toBe(false);
    expect(c.service.linkFromKiosk(readId, 'sanh-2', ticket.id)).toBe(true);
    expect(c.service.repo.forTicket(ticket.id)).toMatchObject({ fullName: 'Lê Hoàng Minh', check: 'qr-only', birthDate: '30/09/2001' });
  });

  it('a card read at a counter is linked to its current ticket (and kept nowhere when there is none)', async () => {
    const { scanners, linked, lines, until, cards: c } = await startWith([
      { key: 'quay-2', protocol: 'qr-line', path: '/dev/ttyQRc', place: { kind: 'counter', counterNumber: 2 } },
    ]);
    const scan = (n: number) => scanners.get('/dev/ttyQRc')!.emitData(Buffer.from(testCardQrLine(TEST_CARDS[n]!) + '\n'));
    scan(1);
    await until(() => lines.some((l) => l.includes('no current ticket')));
    expect(f.db.prepare('SELECT COUNT(*) FROM citizens').pluck().get()).toBe(0);

    const ticket = f.queue.issueTicket({ serviceId: f.services.b }).ticket;
    f.queue.callNext(f.counters.c2, f.officer);
    scan(1);
    await until(() => linked.length === 1);
    expect(linked[0]).toEqual({ ticketId: ticket.id, counterId: f.counters.c2 });
    expect(c.service.repo.forTicket(ticket.id)).toMatchObject({ fullName: 'Trần Thị Bích Ngọc', idNumber: '001185004321' });
    expect(c.access.accessLog()).toEqual([
      expect.objectContaining({ action: 'link', officerId: f.officer.id, ticketId: ticket.id, idNumber: '0011****4321' }),
    ]);
    for (const line of lines) expect(line).not.toMatch(/001185004321|Trần|1985/);
  });
});
