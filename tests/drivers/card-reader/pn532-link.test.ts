import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../drivers/card-reader/bytes';
import { NACK_FRAME } from '../../../drivers/card-reader/pn532-frame';
import { Pn532Error, Pn532Link, type BytePort } from '../../../drivers/card-reader/pn532-link';
import { SimulatedPn532 } from '../../../drivers/card-reader/simulated-pn532';

/** A byte port wired to a simulated PN532, delivering asynchronously like a UART. */
function wire(options: { asleep?: boolean } = {}): { port: BytePort; pn532: SimulatedPn532; written: Buffer[] } {
  const listeners = new Set<(chunk: Buffer) => void>();
  const written: Buffer[] = [];
  const pn532 = new SimulatedPn532((bytes) => setImmediate(() => listeners.forEach((l) => l(bytes))), options);
  const port: BytePort = {
    write: (data) => {
      written.push(data);
      setImmediate(() => pn532.receive(data));
    },
    onData: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { port, pn532, written };
}

const fast = { ackTimeoutMs: 100, responseTimeoutMs: 500, attempts: 3, maxNacks: 3 };

describe('PN532 link', () => {
  it('wakes a sleeping PN532 and gets the firmware version', async () => {
    const { port, written } = wire({ asleep: true });
    const link = new Pn532Link(port, fast);
    link.wakeUp();
    expect(hex(await link.command(0x14, fromHex('011401')))).toBe('');
    expect(hex(await link.command(0x02))).toBe('32010607');
    // The documented wakeup vector (CARD-READER.md §5), then a plain GetFirmwareVersion.
    expect(hex(written[0] ?? Buffer.alloc(0))).toBe('55550000000000000000000000000000FF05FBD4140114010200');
    expect(hex(written[1] ?? Buffer.alloc(0))).toBe('0000FF02FED4022A00');
    link.close();
  });

  it('resends a command whose ACK never came', async () => {
    const { port, pn532, written } = wire();
    pn532.faults.dropFrames = 2;
    const link = new Pn532Link(port, fast);
    expect(hex(await link.command(0x02))).toBe('32010607');
    expect(written).toHaveLength(3);
    link.close();
  });

  it('gives up with no-ack after the last attempt', async () => {
    const { port, pn532 } = wire();
    pn532.faults.dropFrames = 5;
    const link = new Pn532Link(port, fast);
    await expect(link.command(0x02)).rejects.toMatchObject({ code: 'no-ack' });
    link.close();
  });

  it('NACKs a corrupted answer, takes the resent one, and counts the rejection', async () => {
    const { port, pn532, written } = wire();
    pn532.faults.corruptAnswers = 1;
    pn532.faults.garbageBeforeAck = fromHex('A5A5');
    const reasons: string[] = [];
    const link = new Pn532Link(port, fast, (reason) => reasons.push(reason));
    expect(hex(await link.command(0x02))).toBe('32010607');
    expect(written.map(hex)).toContain(hex(NACK_FRAME));
    // The garbage before the ACK, the bad checksum, then the rest of the bad frame's bytes.
    expect(reasons.slice(0, 2)).toEqual(['garbage', 'bad-data-checksum']);
    expect(new Set(reasons)).toEqual(new Set(['garbage', 'bad-data-checksum']));
    link.close();
  });

  it('reports a syntax error frame and an answer timeout (aborting with an ACK)', async () => {
    const { port, written } = wire();
    const link = new Pn532Link(port, fast);
    await expect(link.command(0x99)).rejects.toMatchObject({ code: 'syntax-error' });
    const silent: BytePort = {
      write: (data) => {
        written.push(data);
        // Only the ACK comes back, never the answer.
        if (data[5] === 0xd4) setImmediate(() => listener?.(fromHex('0000FF00FF00')));
      },
      onData: (l) => {
        listener = l;
        return () => (listener = null);
      },
    };
    let listener: ((chunk: Buffer) => void) | null = null;
    const slow = new Pn532Link(silent, { ...fast, responseTimeoutMs: 30 });
    const error = await slow.command(0x4a, fromHex('0100')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pn532Error);
    expect((error as Pn532Error).code).toBe('timeout');
    expect(hex(written[written.length - 1] ?? Buffer.alloc(0))).toBe('0000FF00FF00');
    link.close();
    slow.close();
  });

  it('chains a long card answer with MI', async () => {
    const listeners = new Set<(chunk: Buffer) => void>();
    const pn532 = new SimulatedPn532((bytes) => setImmediate(() => listeners.forEach((l) => l(bytes))), {
      dataExchangeChunk: 16,
    });
    const port: BytePort = {
      write: (data) => setImmediate(() => pn532.receive(data)),
      onData: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const chip = { reset: () => {}, transceive: () => Buffer.alloc(40, 7) };
    pn532.placeCard(chip as never);
    const link = new Pn532Link(port, fast);
    expect(hex(await link.command(0x4a, fromHex('0100'))).slice(0, 4)).toBe('0101');
    const first = await link.command(0x40, fromHex('0100A4'));
    expect(first[0]).toBe(0x40);
    expect(first.length).toBe(17);
    const second = await link.command(0x40, fromHex('01'));
    expect(second[0]).toBe(0x40);
    const last = await link.command(0x40, fromHex('01'));
    expect(last[0]).toBe(0x00);
    expect(last.length).toBe(1 + 8);
    link.close();
  });
});
