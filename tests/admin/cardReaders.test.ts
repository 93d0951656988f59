import { describe, expect, it } from 'vitest';
import {
  isIdNumber,
  newReaderDraft,
  placeLabel,
  protocolChange,
  readerRows,
  readerProblem,
  toReaderDraft,
  toReaderSettings,
  type ReaderDraft,
} from '../../admin/cardReaders';
import type { CardReaderSetting } from '../../admin/types';

const settings: CardReaderSetting[] = [
  { key: 'kiosk-chip', protocol: 'pn532', path: '/dev/ttyUSB0', baudRate: 115200, place: { kind: 'kiosk', kioskId: null } },
  { key: 'kiosk-qr', protocol: 'qr-line', path: '/dev/ttyACM0', place: { kind: 'kiosk', kioskId: 'sanh-1' } },
  { key: 'quay-2', protocol: 'simulated', path: '', place: { kind: 'counter', counterNumber: 2 } },
];

describe('card reader settings in the admin form', () => {
  it('round-trips settings.cardReaders through the form rows', () => {
    const rows = settings.map(toReaderDraft);
    expect(rows[1]).toMatchObject({ baudRate: 9600, placeKind: 'kiosk', kioskId: 'sanh-1' });
    expect(rows[2]).toMatchObject({ baudRate: null, placeKind: 'counter', counterNumber: 2 });
    expect(readerProblem(rows)).toBeNull();
    const back = toReaderSettings(rows);
    expect(back[0]).toEqual(settings[0]);
    expect(back[1]).toEqual({ ...settings[1], baudRate: 9600 });
    expect(back[2]).toEqual(settings[2]);
  });

  it('starts from the built-in simulated reader while nothing was saved, and from the saved list after', () => {
    expect(readerRows(undefined)).toEqual([expect.objectContaining({ key: 'simulated', protocol: 'simulated', placeKind: 'kiosk', kioskId: '' })]);
    expect(readerRows([])).toEqual([]);
    expect(readerRows(settings).map((r) => r.key)).toEqual(['kiosk-chip', 'kiosk-qr', 'quay-2']);
  });

  it('turns an empty kiosk id into the kiosk without an id, and trims keys', () => {
    const row: ReaderDraft = { ...newReaderDraft(), key: ' chip ', kioskId: '  ' };
    expect(toReaderSettings([row])[0]).toMatchObject({ key: 'chip', place: { kind: 'kiosk', kioskId: null } });
  });

  it('names what is missing before saving', () => {
    const ok: ReaderDraft = { ...newReaderDraft(), key: 'a' };
    expect(readerProblem([{ ...ok, key: '' }])).toMatch(/chưa có mã/);
    expect(readerProblem([ok, { ...ok }])).toMatch(/trùng/);
    expect(readerProblem([{ ...ok, path: ' ' }])).toMatch(/chưa có cổng/);
    expect(readerProblem([{ ...ok, protocol: 'simulated', path: '' }])).toBeNull();
    expect(readerProblem([{ ...ok, placeKind: 'counter', counterNumber: null }])).toMatch(/chưa chọn quầy/);
  });

  it('gives a new protocol its default speed, and a simulated reader no port', () => {
    const row = newReaderDraft();
    expect(protocolChange(row, 'qr-line')).toEqual({ protocol: 'qr-line', path: '/dev/ttyUSB0', baudRate: 9600 });
    const sim = { ...row, ...protocolChange(row, 'simulated') };
    expect(sim).toMatchObject({ path: '', baudRate: null });
    expect(protocolChange(sim, 'pn532')).toEqual({ protocol: 'pn532', path: '/dev/ttyUSB0', baudRate: 115200 });
  });

  it('labels places and checks ID numbers', () => {
    expect(placeLabel({ kind: 'counter', counterNumber: 3 })).toBe('Quầy 3');
    expect(placeLabel({ kind: 'kiosk', kioskId: 'sanh-1' })).toBe('Kiosk sanh-1');
    expect(placeLabel({ kind: 'kiosk', kioskId: null })).toMatch(/không có mã/);
    expect(isIdNumber('001090012345')).toBe(true);
    expect(isIdNumber('00109001234')).toBe(false);
    expect(isIdNumber('00109001234a')).toBe(false);
  });
});
