import { once } from 'node:events';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ButtonBox, type BoxEvent } from '../../../drivers/rating-buttons/box';
import { checksum, heartbeatLine, parseBoxLine, parseReplyLine, pressLine, withChecksum } from '../../../drivers/rating-buttons/protocol';
import type { OpenPort } from '../../../drivers/card-reader/serial';
import '../card-reader/binding-mock.d';

const PATH = '/dev/ttyRATE';

describe('rating box protocol', () => {
  it('computes the NMEA-style XOR checksum over everything before *', () => {
    // R1:1 → 0x52 ^ 0x31 ^ 0x3a ^ 0x31 = 0x68
    expect(checksum('R1:1')).toBe('68');
    expect(pressLine(1, 1)).toBe('R1:1*68\r\n');
    expect(parseBoxLine(Buffer.from('R12:3*' + checksum('R12:3')))).toEqual({ ok: true, frame: { type: 'press', counter: 12, level: 3 } });
    // R2:1 → 0x6B; lower-case hex digits are accepted too.
    expect(parseBoxLine(Buffer.from('R2:1*6b'))).toEqual({ ok: true, frame: { type: 'press', counter: 2, level: 1 } });
    expect(parseBoxLine(Buffer.from(heartbeatLine('box-1').trim()))).toEqual({ ok: true, frame: { type: 'heartbeat', box: 'box-1' } });
  });

  it('refuses bad checksums, garbage, bad fields and long lines', () => {
    expect(parseBoxLine(Buffer.from('R1:1*59'))).toEqual({ ok: false, reason: 'bad-checksum' });
    expect(parseBoxLine(Buffer.from('R1:1'))).toEqual({ ok: false, reason: 'garbage' });
    expect(parseBoxLine(Buffer.from('hello world'))).toEqual({ ok: false, reason: 'garbage' });
    expect(parseBoxLine(Buffer.from([0x52, 0xff, 0x2a, 0x30, 0x30]))).toEqual({ ok: false, reason: 'garbage' });
    expect(parseBoxLine(Buffer.from(withChecksum('R1:9').trim()))).toEqual({ ok: false, reason: 'garbage' });
    expect(parseBoxLine(Buffer.from(withChecksum('R0:1').trim()))).toEqual({ ok: false, reason: 'garbage' });
    expect(parseBoxLine(Buffer.from(withChecksum('X1:1').trim()))).toEqual({ ok: false, reason: 'garbage' });
    expect(parseBoxLine(Buffer.alloc(40, 0x41))).toEqual({ ok: false, reason: 'line-too-long' });
    expect(parseReplyLine(Buffer.from(withChecksum('A3:2').trim()))).toEqual({ accepted: true, counter: 3, level: 2 });
  });
});

function harness(now: { t: number }) {
  MockBinding.reset();
  MockBinding.createPort(PATH, { echo: false, record: true });
  const state = { port: null as SerialPortStream | null };
  const openPort: OpenPort = async (path, baudRate) => {
    const port = new SerialPortStream({ binding: MockBinding, path, baudRate });
    await once(port, 'open');
    state.port = port;
    return port;
  };
  const box = new ButtonBox({ path: PATH, openPort, heartbeatMs: 1000, debounceMs: 1000, now: () => now.t });
  const presses: { counter: number; level: number }[] = [];
  const events: BoxEvent[] = [];
  box.on((e) => events.push(e));
  box.onPress((p) => {
    presses.push(p);
    return p.counter !== 9;
  });
  const send = (s: string | Buffer) => (state.port?.port as MockPortBinding).emitData(Buffer.from(s));
  const written = () => ((state.port?.port as unknown as { recording: Buffer }).recording ?? Buffer.alloc(0)).toString('latin1');
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };
  return { box, presses, events, send, written, until, state };
}

let current: ButtonBox | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

describe('ButtonBox over a mock serial port', () => {
  it('reads presses split across chunks, answers A or N, counts and skips garbage', async () => {
    const now = { t: 1_000_000 };
    const h = harness(now);
    current = h.box;
    h.box.start();
    await h.until(() => h.state.port !== null && h.box.state().connected);
    const line = pressLine(2, 1);
    h.send(line.slice(0, 3));
    h.send(line.slice(3));
    h.send('garbage\r\nR1:1*00\r\n' + 'Z'.repeat(100) + '\r\n');
    now.t += 5000;
    h.send(pressLine(9, 2));
    await h.until(() => h.presses.length === 2 && h.written().includes('N9:2'));
    expect(h.presses).toEqual([{ counter: 2, level: 1 }, { counter: 9, level: 2 }]);
    expect(h.written()).toContain(withChecksum('A2:1'));
    expect(h.written()).toContain(withChecksum('N9:2'));
    expect(h.box.state().counts).toEqual({ presses: 2, debounced: 0, rejected: 3 });
    expect(h.events.filter((e) => e.type === 'rejected').map((e) => (e as { reason: string }).reason).sort()).toEqual([
      'bad-checksum',
      'garbage',
      'line-too-long',
    ]);
  });

  it('counts a bouncing contact once within the debounce time', async () => {
    const now = { t: 1_000_000 };
    const h = harness(now);
    current = h.box;
    h.box.start();
    await h.until(() => h.box.state().connected);
    const seen = () => h.box.state().counts.presses + h.box.state().counts.debounced;
    h.send(pressLine(3, 2) + pressLine(3, 2) + pressLine(3, 2));
    await h.until(() => seen() === 3);
    now.t += 400;
    h.send(pressLine(3, 2) + pressLine(3, 1));
    await h.until(() => seen() === 5);
    now.t += 2000;
    h.send(pressLine(3, 2));
    await h.until(() => h.presses.length === 3);
    expect(h.presses).toEqual([{ counter: 3, level: 2 }, { counter: 3, level: 1 }, { counter: 3, level: 2 }]);
    expect(h.box.state().counts.debounced).toBe(3);
  });

  it('shows a box offline after 3 missed heartbeats and online again on the next', async () => {
    const now = { t: 1_000_000 };
    const h = harness(now);
    current = h.box;
    h.box.start();
    await h.until(() => h.box.state().connected);
    h.send(heartbeatLine('B1'));
    await h.until(() => h.box.state().boxes.length === 1);
    expect(h.box.state().boxes[0]).toMatchObject({ id: 'B1', online: true });
    now.t += 3000;
    expect(h.box.state().boxes[0]?.online).toBe(true);
    now.t += 1;
    expect(h.box.state().boxes[0]?.online).toBe(false);
    expect(h.events).toContainEqual({ type: 'box-offline', box: 'B1' });
    h.send(heartbeatLine('B1'));
    await h.until(() => h.box.state().boxes[0]?.online === true);
  });
});
