/** Pure helpers of the card-reader section: the form's rows and `settings.cardReaders`. */
import type { CardReaderState } from '../shared/cards';
import type { CardReaderSetting } from './types';

export type Protocol = CardReaderState['protocol'];

/** One reader as the form edits it: numbers may be empty while typed. */
export interface ReaderDraft {
  key: string;
  protocol: Protocol;
  path: string;
  baudRate: number | null;
  placeKind: 'kiosk' | 'counter';
  /** Empty: the kiosk opened without an id (/kiosk/). */
  kioskId: string;
  counterNumber: number | null;
}

/** The driver's default speed for each protocol (drivers/card-reader). */
export const DEFAULT_BAUD: Record<Protocol, number | null> = { pn532: 115200, 'qr-line': 9600, simulated: null };

export const PROTOCOLS: { value: Protocol; label: string }[] = [
  { value: 'pn532', label: 'pn532 – đầu đọc chip (PN532, cổng nối tiếp)' },
  { value: 'qr-line', label: 'qr-line – máy quét mã QR (cổng COM)' },
  { value: 'simulated', label: 'simulated – đầu đọc giả lập (thử nghiệm)' },
];

export const toReaderDraft = (r: CardReaderSetting): ReaderDraft => ({
  key: r.key,
  protocol: r.protocol,
  path: r.path,
  baudRate: r.baudRate ?? DEFAULT_BAUD[r.protocol],
  placeKind: r.place.kind,
  kioskId: r.place.kind === 'kiosk' ? (r.place.kioskId ?? '') : '',
  counterNumber: r.place.kind === 'counter' ? r.place.counterNumber : null,
});

/**
 * What the server runs when `settings.cardReaders` was never saved (server/cards/readerFactory.ts):
 * one simulated reader at the kiosk without an id.
 */
export const BUILT_IN_READERS: readonly CardReaderSetting[] = [
  { key: 'simulated', protocol: 'simulated', path: '', place: { kind: 'kiosk', kioskId: null } },
];

/** The form's rows: the saved readers, or the built-in default the server runs without them. */
export const readerRows = (saved: CardReaderSetting[] | undefined): ReaderDraft[] => (saved ?? BUILT_IN_READERS).map(toReaderDraft);

export const newReaderDraft = (): ReaderDraft => ({
  key: '',
  protocol: 'pn532',
  path: '/dev/ttyUSB0',
  baudRate: DEFAULT_BAUD.pn532,
  placeKind: 'kiosk',
  kioskId: '',
  counterNumber: null,
});

/** A new protocol brings its default speed; a simulated reader has no port. */
export function protocolChange(row: ReaderDraft, protocol: Protocol): Partial<ReaderDraft> {
  const path = protocol === 'simulated' ? '' : row.path.trim() === '' ? '/dev/ttyUSB0' : row.path;
  return { protocol, path, baudRate: DEFAULT_BAUD[protocol] };
}

/** Why the form cannot be saved as it is (in Vietnamese, English after), or null. */
export function readerProblem(rows: ReaderDraft[]): string | null {
  const keys = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const name = `Đầu đọc ${i + 1}`;
    const key = r.key.trim();
    if (key === '') return `${name}: chưa có mã. (Reader ${i + 1}: the key is missing.)`;
    if (keys.has(key)) return `${name}: mã “${key}” bị trùng. (Reader ${i + 1}: duplicate key.)`;
    keys.add(key);
    if (r.protocol !== 'simulated' && r.path.trim() === '') {
      return `${name}: chưa có cổng (ví dụ /dev/ttyUSB0). (Reader ${i + 1}: the port path is missing.)`;
    }
    if (r.placeKind === 'counter' && r.counterNumber === null) {
      return `${name}: chưa chọn quầy. (Reader ${i + 1}: choose a counter.)`;
    }
  }
  return null;
}

/** `settings.cardReaders` from the form's rows (call readerProblem first). */
export function toReaderSettings(rows: ReaderDraft[]): CardReaderSetting[] {
  return rows.map((r) => ({
    key: r.key.trim(),
    protocol: r.protocol,
    path: r.path.trim(),
    ...(r.baudRate === null ? {} : { baudRate: r.baudRate }),
    place:
      r.placeKind === 'counter'
        ? { kind: 'counter', counterNumber: r.counterNumber ?? 0 } // never 0: readerProblem refuses an empty one
        : { kind: 'kiosk', kioskId: r.kioskId.trim().toLowerCase() || null },
  }));
}

/** "Kiosk sanh-1", "Kiosk (không có mã)", "Quầy 2". */
export function placeLabel(place: CardReaderState['place']): string {
  if (place.kind === 'counter') return `Quầy ${place.counterNumber}`;
  return place.kioskId ? `Kiosk ${place.kioskId}` : 'Kiosk chính (không có mã)';
}

/** A CCCD number: exactly 12 digits. */
export const isIdNumber = (s: string): boolean => /^\d{12}$/.test(s.trim());
