/**
 * Builds the minimal CardIdentity from what was read: the chip's DG1 and DG13 (with the
 * passive authentication result) or the QR code. Fields beyond the identity (address,
 * parents, features…) are dropped here on purpose.
 */
import type { Dg13Data } from './dg13';
import { parseDayMonthYear, yymmdd } from './dates';
import type { Td1Mrz } from './mrz';
import type { CardQr } from './qr';
import type { ChipVerification } from './sod';
import type { CardIdentity } from './types';

export function identityFromQr(qr: CardQr): CardIdentity {
  return {
    idNumber: qr.idNumber,
    fullName: qr.fullName,
    birthDate: qr.birthDate,
    gender: qr.gender,
    source: 'qr',
    chip: null,
  };
}

/** From the chip: DG13 gives the name with diacritics; DG1 must agree on ID and birth date. */
export function identityFromChip(
  dg1: Td1Mrz,
  dg13: Dg13Data,
  chip: ChipVerification,
): { ok: true; identity: CardIdentity } | { ok: false; reason: string } {
  const idNumber = dg13.idNumber ?? dg1.idNumber;
  if (!idNumber || !/^\d{12}$/.test(idNumber)) return { ok: false, reason: 'no 12-digit ID number' };
  if (dg1.idNumber !== null && dg1.idNumber !== idNumber) return { ok: false, reason: 'DG1 and DG13 ID numbers differ' };
  if (idNumber.slice(3) !== dg1.documentNumber) return { ok: false, reason: 'ID number and document number differ' };
  const birthDate = dg13.birthDate ? parseDayMonthYear(dg13.birthDate) : undefined;
  if (!birthDate) return { ok: false, reason: 'no birth date in DG13' };
  if (yymmdd(birthDate) !== dg1.birthDate) return { ok: false, reason: 'DG1 and DG13 birth dates differ' };
  const gender = dg13.gender === 'Nam' || dg13.gender === 'Nữ' ? dg13.gender : dg1.sex === 'F' ? 'Nữ' : dg1.sex === 'M' ? 'Nam' : null;
  if (!gender) return { ok: false, reason: 'no gender' };
  const fullName = dg13.fullName ?? [dg1.primaryName, dg1.secondaryName].filter(Boolean).join(' ');
  if (!fullName) return { ok: false, reason: 'no name' };
  return { ok: true, identity: { idNumber, fullName, birthDate, gender, source: 'chip', chip } };
}
