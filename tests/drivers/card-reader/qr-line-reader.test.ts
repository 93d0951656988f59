import { once } from 'node:events';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { QrLineCardReader } from '../../../drivers/card-reader/qr-line-reader';
import type { OpenPort } from '../../../drivers/card-reader/serial';
import type { CardQr } from '../../../drivers/card-reader/qr';
import type { CardReaderEvent } from '../../../drivers/card-reader/types';
import { TEST_CARDS, testCardQrLine } from '../../../drivers/card-reader/test-cards';

const PATH = '/dev/ttyQR';

function harness() {
  MockBinding.reset();
  MockBinding.createPort(PATH, { echo: false, record: false });
  const state = { unplugged: false, port: null as SerialPortStream | null, opens: 0 };
  const openPort: OpenPort = async (path, baudRate) => {
    if (state.unplugged) throw new Error(`${path}: no such device`);
    const port = new SerialPortStream({ binding: MockBinding, path, baudRate });
    await once(port, 'open');
    state.opens++;
    state.port = port;
    return port;
  };
  /** Bytes typed by the scanner. */
  const type = (bytes: Buffer | string) => (state.port?.port as MockPortBinding).emitData(Buffer.from(bytes));
  return { state, openPort, type };
}

function collect(reader: QrLineCardReader) {
  const events: CardReaderEvent[] = [];
  const scans: CardQr[] = [];
  reader.on((e) => events.push(e));
  reader.onScan((qr) => scans.push(qr));
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };
  return { events, scans, until };
}

const config = { key: 'qr-1', protocol: 'qr-line' as const, path: PATH, place: { kind: 'kiosk' as const, kioskId: null } };
let reader: QrLineCardReader | null = null;
afterEach(async () => {
  await reader?.close();
  reader = null;
});

describe('QR scanner in serial mode over @serialport/binding-mock', () => {
  it('reads a card line split across chunks, CR LF ended, and hands the parsed QR to a chip reader', async () => {
    const { openPort, type } = harness();
    reader = new QrLineCardReader({ config, openPort });
    const { events, scans, until } = collect(reader);
    await reader.start();
    await until(() => events.some((e) => e.type === 'reader-connected'));
    const line = Buffer.from(testCardQrLine(TEST_CARDS[1]!) + '\r\n');
    type(line.subarray(0, 7));
    type(line.subarray(7, 40));
    type(line.subarray(40));
    await until(() => events.some((e) => e.type === 'card-read'));
    expect(events.find((e) => e.type === 'card-read')).toEqual({
      type: 'card-read',
      reader: 'qr-1',
      identity: { idNumber: '001185004321', fullName: 'Trần Thị Bích Ngọc', birthDate: { year: 1985, month: 7, day: 12 }, gender: 'Nữ', source: 'qr', chip: null },
    });
    expect(scans[0]?.issueDate).toEqual({ year: 2024, month: 3, day: 1 });
    expect(reader.status()).toMatchObject({ connected: true, cardsRead: 1, framesRejected: 0 });
  });

  it('rejects bad lines with their reason, counts them, and still reads the next good one', async () => {
    const { openPort, type } = harness();
    reader = new QrLineCardReader({ config, openPort });
    const { events, until } = collect(reader);
    await reader.start();
    await until(() => events.some((e) => e.type === 'reader-connected'));
    type('hello world\n');
    type(Buffer.concat([Buffer.from('001185004321||Tr'), Buffer.from([0xc3, 0x28]), Buffer.from('n|12071985|Nữ|x|01032024\r')]));
    type(testCardQrLine(TEST_CARDS[0]!).replace('Nam', 'Male') + '\n');
    type('x'.repeat(5000));
    type('\n' + testCardQrLine(TEST_CARDS[0]!) + '\n');
    await until(() => events.some((e) => e.type === 'card-read'));
    const rejected = events.flatMap((e) => (e.type === 'frame-rejected' ? [e.reason] : []));
    expect(rejected).toEqual(['too-few-fields', 'bad-encoding', 'bad-gender', 'line-too-long']);
    expect(reader.status()).toMatchObject({ cardsRead: 1, framesRejected: 4 });
  });

  it('reports an unplugged scanner and reopens it when it is back', async () => {
    const { state, openPort, type } = harness();
    reader = new QrLineCardReader({ config, openPort, reopenDelayMs: 20 });
    const { events, until } = collect(reader);
    await reader.start();
    await until(() => events.some((e) => e.type === 'reader-connected'));
    state.unplugged = true;
    state.port?.close();
    await until(() => events.some((e) => e.type === 'reader-disconnected'));
    expect(reader.status().connected).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.type === 'reader-disconnected')).toHaveLength(1);
    state.unplugged = false;
    await until(() => events.filter((e) => e.type === 'reader-connected').length === 2);
    type(testCardQrLine(TEST_CARDS[2]!) + '\n');
    await until(() => events.some((e) => e.type === 'card-read'));
    expect(state.opens).toBe(2);
  });
});
