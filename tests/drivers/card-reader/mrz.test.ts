import { describe, expect, it } from 'vitest';
import { checkDigit, cccdMrzInformation, mrzInformation, parseDg1, parseTd1 } from '../../../drivers/card-reader/mrz';
import { der } from './der';

// ICAO 9303-11 Appendix D: L898902C< → 3, 690806 → 1, 940623 → 6 (MRZ information
// L898902C<369080619406236). ICAO 9303-5 TD1 specimen (Anna Maria Eriksson).
// Vietnamese TD1 lines from /work/shared/design/CARD-READER.md §6.
const SPECIMEN = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const VN = ['IDVNM0990123459001099012345<<0', '9903159M2403155VNM<<<<<<<<<<<2', 'NGUYEN<<VAN<THANH<<<<<<<<<<<<<'];

function withChar(lines: string[], line: number, at: number, c: string): string {
  const all = [...lines];
  const l = all[line] ?? '';
  all[line] = l.slice(0, at) + c + l.slice(at + 1);
  return all.join('\n');
}

describe('MRZ check digits and BAC key information', () => {
  it.each([
    ['L898902C<', '3'],
    ['690806', '1'],
    ['940623', '6'],
    ['D23145890', '7'],
    ['740812', '2'],
    ['120415', '9'],
    ['099012345', '9'],
  ])('check digit of %s is %s', (field, digit) => {
    expect(checkDigit(field)).toBe(digit);
  });

  it('builds the Appendix D MRZ information', () => {
    expect(mrzInformation('L898902C', '690806', '940623')).toBe('L898902C<369080619406236');
  });

  it('builds a CCCD key from the last 9 digits of the ID, birth and expiry dates', () => {
    expect(cccdMrzInformation('001099012345', { year: 1999, month: 3, day: 15 }, { year: 2024, month: 3, day: 15 })).toBe(
      '099012345999031592403155',
    );
    expect(() => cccdMrzInformation('12345', { year: 1999, month: 3, day: 15 }, { year: 2024, month: 3, day: 15 })).toThrow(
      RangeError,
    );
  });
});

describe('TD1 MRZ (DG1)', () => {
  it('parses the ICAO TD1 specimen with all check digits', () => {
    const r = parseTd1(SPECIMEN.join('\n'));
    expect(r).toEqual({
      ok: true,
      value: {
        documentCode: 'I',
        issuingState: 'UTO',
        documentNumber: 'D23145890',
        optionalData1: '<<<<<<<<<<<<<<<',
        birthDate: '740812',
        sex: 'F',
        expiryDate: '120415',
        nationality: 'UTO',
        optionalData2: '<<<<<<<<<<<',
        primaryName: 'ERIKSSON',
        secondaryName: 'ANNA MARIA',
        idNumber: null,
      },
    });
  });

  it('parses a Vietnamese DG1 and checks the 12-digit ID against the document number', () => {
    const dg1 = der(0x61, der(0x5f1f, VN.join('')));
    const r = parseDg1(dg1);
    expect(r.ok && r.value).toMatchObject({
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '099012345',
      idNumber: '001099012345',
      birthDate: '990315',
      expiryDate: '240315',
      sex: 'M',
      primaryName: 'NGUYEN',
      secondaryName: 'VAN THANH',
    });
  });

  it.each([
    ['document number', 0, 14, '8', 'bad-document-number-check'],
    ['birth date', 1, 6, '0', 'bad-birth-date-check'],
    ['expiry date', 1, 14, '0', 'bad-expiry-date-check'],
    ['composite', 1, 29, '3', 'bad-composite-check'],
    ['sex', 1, 7, 'X', 'bad-sex'],
    ['characters', 2, 3, 'a', 'bad-characters'],
  ])('rejects a wrong %s', (_name, line, at, c, reason) => {
    expect(parseTd1(withChar(VN, line, at, c))).toEqual({ ok: false, reason });
  });

  it('rejects an ID whose last 9 digits differ from the document number, a short MRZ and a non-DG1 file', () => {
    // Worked by hand: ID 001099012346 has check digit 1 (weight 1 on the last digit), and
    // the composite digit moves by 7 + 7 (weight 7 at composite positions 21 and 24) to 6.
    const l1 = 'IDVNM0990123459001099012346<<1';
    const l2 = '9903159M2403155VNM<<<<<<<<<<<6';
    expect(parseTd1([l1, l2, VN[2]].join(''))).toEqual({ ok: false, reason: 'id-number-mismatch' });
    // The ID check digit changed from 0 to 1 (composite fixed by hand: +7 → 9).
    const badId = ['IDVNM0990123459001099012345<<1', '9903159M2403155VNM<<<<<<<<<<<9', VN[2]].join('');
    expect(parseTd1(badId)).toEqual({ ok: false, reason: 'bad-id-number-check' });
    expect(parseTd1(VN.join('').slice(1))).toEqual({ ok: false, reason: 'not-td1' });
    expect(parseDg1(der(0x6d, der(0x5f1f, VN.join(''))))).toEqual({ ok: false, reason: 'not-dg1' });
    expect(parseDg1(Buffer.from([0x61, 0x82, 0xff]))).toEqual({ ok: false, reason: 'not-dg1' });
  });
});
