import { describe, expect, it } from 'vitest';
import { bacKeyFromQr, bacKeyFromTyped } from '../../../drivers/card-reader/bac-key';
import { LineFramer, type LineEvent } from '../../../drivers/card-reader/line-framer';
import { parseCardQr } from '../../../drivers/card-reader/qr';

const lines = (events: LineEvent[]): string[] => events.flatMap((e) => (e.type === 'line' ? [e.bytes.toString('utf8')] : []));

describe('QR scanner line framer', () => {
  it('splits on CR, LF and CR LF, across chunks, skipping empty lines', () => {
    const f = new LineFramer();
    const events = [...f.push(Buffer.from('abc\r\nde')), ...f.push(Buffer.from('f\rghi\n\n')), ...f.push(Buffer.from('jk'))];
    expect(lines(events)).toEqual(['abc', 'def', 'ghi']);
    expect(f.bufferedBytes).toBe(2);
  });

  it('keeps a multi-byte UTF-8 character split across chunks intact', () => {
    const f = new LineFramer();
    const bytes = Buffer.from('Nữ\n', 'utf8');
    const events = [...f.push(bytes.subarray(0, 2)), ...f.push(bytes.subarray(2))];
    expect(lines(events)).toEqual(['Nữ']);
  });

  it('drops a line over the limit up to its end, counts it, and stays bounded', () => {
    const f = new LineFramer(16);
    const events = [
      ...f.push(Buffer.alloc(10, 0x41)),
      ...f.push(Buffer.alloc(10, 0x42)),
      ...f.push(Buffer.alloc(100_000, 0x43)),
      ...f.push(Buffer.from('\nok\n')),
    ];
    expect(events).toEqual([{ type: 'reject', reason: 'line-too-long' }, { type: 'line', bytes: Buffer.from('ok') }]);
    expect(f.rejected).toBe(1);
    expect(f.bufferedBytes).toBe(0);
  });
});

describe('BAC key from the QR code or typed data', () => {
  it('computes the expiry from the QR issue date (CARD-READER.md example: born 1990, issued 2021 → 2030)', () => {
    const qr = parseCardQr('001090123456|012345678|NGUYEN VAN A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021');
    if (!qr.ok) throw new Error(qr.reason);
    expect(bacKeyFromQr(qr.value, { year: 2026, month: 11, day: 30 })).toEqual({
      idNumber: '001090123456',
      birthDate: { year: 1990, month: 1, day: 1 },
      expiryDates: [{ year: 2030, month: 1, day: 1 }],
    });
  });

  it('gives the candidates for typed data, and refuses a bad ID', () => {
    expect(bacKeyFromTyped('001099012345', { year: 1999, month: 3, day: 15 }, { year: 2026, month: 11, day: 30 }).expiryDates).toEqual([
      { year: 2039, month: 3, day: 15 },
      { year: 2024, month: 3, day: 15 },
    ]);
    expect(() => bacKeyFromTyped('1234', { year: 1999, month: 3, day: 15 }, { year: 2026, month: 11, day: 30 })).toThrow(RangeError);
  });
});
