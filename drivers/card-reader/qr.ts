/**
 * The QR code printed on the card, read by a 2D scanner in serial mode:
 * `ID12|old ID9 or empty|full name|birth ddMMyyyy|Nam/Nữ|address|issue ddMMyyyy[|extra…]`.
 * Cards issued from 7/2024 append fields: 7 or more are accepted, the extras kept raw.
 */
import { decodeUtf8 } from './bytes';
import { compareDates, parseDayMonthYear, type CalendarDate } from './dates';

export interface CardQr {
  idNumber: string;
  /** The old 9-digit CMND number, or null when the field is empty. */
  oldIdNumber: string | null;
  fullName: string;
  birthDate: CalendarDate;
  gender: 'Nam' | 'Nữ';
  address: string;
  issueDate: CalendarDate;
  /** Fields after the seventh, untouched. */
  extra: string[];
}

export type QrFailure =
  | 'bad-encoding'
  | 'too-long'
  | 'too-few-fields'
  | 'bad-id-number'
  | 'bad-old-id-number'
  | 'empty-name'
  | 'bad-birth-date'
  | 'bad-gender'
  | 'bad-issue-date'
  | 'issued-before-birth'
  | 'id-number-mismatch';

export type QrResult = { ok: true; value: CardQr } | { ok: false; reason: QrFailure };

/** Longer lines are not a card QR (the known layouts stay well under 1 KiB). */
export const MAX_QR_BYTES = 2048;

/**
 * Digits 4–6 of the ID encode the century and gender (0/1 male/female 1900s, 2/3 2000s,
 * 4/5 2100s, 6/7 2200s, 8/9 1800s) and the last two digits of the birth year.
 */
function idMatches(id: string, birth: CalendarDate, gender: 'Nam' | 'Nữ'): boolean {
  const code = Number(id[3]);
  const century = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800][code] ?? -1;
  const female = code % 2 === 1;
  return century + Number(id.slice(4, 6)) === birth.year && female === (gender === 'Nữ');
}

/** Parses one scanned line (bytes as received, or already decoded text). */
export function parseCardQr(input: Uint8Array | string): QrResult {
  let line: string;
  if (typeof input === 'string') line = input;
  else {
    if (input.length > MAX_QR_BYTES) return { ok: false, reason: 'too-long' };
    const decoded = decodeUtf8(input);
    if (decoded === undefined) return { ok: false, reason: 'bad-encoding' };
    line = decoded;
  }
  if (line.length > MAX_QR_BYTES) return { ok: false, reason: 'too-long' };
  if (line.includes('\uFFFD')) return { ok: false, reason: 'bad-encoding' };
  const fields = line.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '').normalize('NFC').split('|');
  if (fields.length < 7) return { ok: false, reason: 'too-few-fields' };
  const [id = '', oldId = '', name = '', birth = '', genderText = '', address = '', issue = '', ...extra] = fields;
  if (!/^\d{12}$/.test(id)) return { ok: false, reason: 'bad-id-number' };
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return { ok: false, reason: 'bad-old-id-number' };
  const fullName = name.trim().replace(/\s+/g, ' ');
  if (fullName === '') return { ok: false, reason: 'empty-name' };
  const birthDate = parseDayMonthYear(birth);
  if (!birthDate || birth.includes('/')) return { ok: false, reason: 'bad-birth-date' };
  const gender = genderText.trim();
  if (gender !== 'Nam' && gender !== 'Nữ') return { ok: false, reason: 'bad-gender' };
  const issueDate = parseDayMonthYear(issue);
  if (!issueDate || issue.includes('/')) return { ok: false, reason: 'bad-issue-date' };
  if (compareDates(issueDate, birthDate) < 0) return { ok: false, reason: 'issued-before-birth' };
  if (!idMatches(id, birthDate, gender)) return { ok: false, reason: 'id-number-mismatch' };
  return {
    ok: true,
    value: {
      idNumber: id,
      oldIdNumber: oldId === '' ? null : oldId,
      fullName,
      birthDate,
      gender,
      address: address.trim(),
      issueDate,
      extra,
    },
  };
}
