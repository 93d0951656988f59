/**
 * ICAO 9303 MRZ: check digits, the BAC key information (MRZ information), and the TD1
 * MRZ held in DG1. For a Vietnamese card the document number is the last 9 digits of
 * the 12-digit ID; line 1 then holds the full ID and its check digit in the optional data.
 */
import { yymmdd, type CalendarDate } from './dates';
import { expectTlv, TlvError } from './tlv';

const MRZ_CHARS = /^[0-9A-Z<]*$/;

function charValue(c: string): number {
  if (c === '<') return 0;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new RangeError(`not an MRZ character: ${JSON.stringify(c)}`);
}

/** The ICAO 9303-3 check digit (weights 7, 3, 1; '<' = 0, A = 10 … Z = 35). */
export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i] ?? '<') * ([7, 3, 1][i % 3] ?? 1);
  return String(sum % 10);
}

/** Document number (padded to 9 with '<') + check digit + DOB + check digit + DOE + check digit. */
export function mrzInformation(documentNumber: string, birthYymmdd: string, expiryYymmdd: string): string {
  if (!MRZ_CHARS.test(documentNumber) || documentNumber.length === 0) throw new RangeError('bad document number');
  if (!/^\d{6}$/.test(birthYymmdd) || !/^\d{6}$/.test(expiryYymmdd)) throw new RangeError('dates are YYMMDD');
  const doc = documentNumber.padEnd(9, '<');
  return doc + checkDigit(doc) + birthYymmdd + checkDigit(birthYymmdd) + expiryYymmdd + checkDigit(expiryYymmdd);
}

/** The BAC key information of a Vietnamese CCCD / Căn cước card. */
export function cccdMrzInformation(idNumber: string, birthDate: CalendarDate, expiryDate: CalendarDate): string {
  if (!/^\d{12}$/.test(idNumber)) throw new RangeError('the ID number has 12 digits');
  return mrzInformation(idNumber.slice(3), yymmdd(birthDate), yymmdd(expiryDate));
}

export interface Td1Mrz {
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  optionalData1: string;
  /** YYMMDD as in the MRZ. */
  birthDate: string;
  sex: 'M' | 'F' | '<';
  /** YYMMDD as in the MRZ. */
  expiryDate: string;
  nationality: string;
  optionalData2: string;
  primaryName: string;
  secondaryName: string;
  /** Vietnamese cards: the full 12-digit ID from the optional data (checked). */
  idNumber: string | null;
}

export type MrzFailure =
  | 'not-dg1'
  | 'not-td1'
  | 'bad-characters'
  | 'bad-document-number-check'
  | 'bad-birth-date-check'
  | 'bad-expiry-date-check'
  | 'bad-composite-check'
  | 'bad-sex'
  | 'bad-id-number-check'
  | 'id-number-mismatch';

export type MrzResult = { ok: true; value: Td1Mrz } | { ok: false; reason: MrzFailure };

function trimFiller(s: string): string {
  return s.replace(/<+$/, '');
}

/** Parses a 90-character TD1 MRZ (three lines of 30, with or without line breaks). */
export function parseTd1(text: string): MrzResult {
  const mrz = text.replace(/[\r\n]/g, '');
  if (mrz.length !== 90) return { ok: false, reason: 'not-td1' };
  if (!MRZ_CHARS.test(mrz)) return { ok: false, reason: 'bad-characters' };
  const l1 = mrz.slice(0, 30);
  const l2 = mrz.slice(30, 60);
  const l3 = mrz.slice(60, 90);
  if (checkDigit(l1.slice(5, 14)) !== l1[14]) return { ok: false, reason: 'bad-document-number-check' };
  if (checkDigit(l2.slice(0, 6)) !== l2[6]) return { ok: false, reason: 'bad-birth-date-check' };
  if (checkDigit(l2.slice(8, 14)) !== l2[14]) return { ok: false, reason: 'bad-expiry-date-check' };
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  if (checkDigit(composite) !== l2[29]) return { ok: false, reason: 'bad-composite-check' };
  const sex = l2[7];
  if (sex !== 'M' && sex !== 'F' && sex !== '<') return { ok: false, reason: 'bad-sex' };
  const documentNumber = trimFiller(l1.slice(5, 14));
  const optionalData1 = l1.slice(15, 30);
  let idNumber: string | null = null;
  if (l1.slice(2, 5) === 'VNM' && /^\d{12}/.test(optionalData1)) {
    idNumber = optionalData1.slice(0, 12);
    if (checkDigit(optionalData1.slice(0, 14)) !== optionalData1[14]) return { ok: false, reason: 'bad-id-number-check' };
    if (idNumber.slice(3) !== documentNumber) return { ok: false, reason: 'id-number-mismatch' };
  }
  const [primary = '', ...rest] = l3.split('<<');
  return {
    ok: true,
    value: {
      documentCode: trimFiller(l1.slice(0, 2)),
      issuingState: l1.slice(2, 5),
      documentNumber,
      optionalData1,
      birthDate: l2.slice(0, 6),
      sex,
      expiryDate: l2.slice(8, 14),
      nationality: l2.slice(15, 18),
      optionalData2: l2.slice(18, 29),
      primaryName: primary.replace(/</g, ' ').trim(),
      secondaryName: rest.join(' ').replace(/</g, ' ').trim(),
      idNumber,
    },
  };
}

/** Parses DG1 (tag 61 holding 5F1F, the MRZ). */
export function parseDg1(file: Uint8Array): MrzResult {
  try {
    const outer = expectTlv(file, 0x61);
    const inner = expectTlv(outer.value, 0x5f1f);
    return parseTd1(inner.value.toString('latin1'));
  } catch (error) {
    if (error instanceof TlvError) return { ok: false, reason: 'not-dg1' };
    throw error;
  }
}
