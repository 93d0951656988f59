import { describe, expect, it } from 'vitest';
import { parseCardQr } from '../../../drivers/card-reader/qr';

// The example QR string of CARD-READER.md §4.
const GOOD = '001090123456|012345678|NGUYEN VAN A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

describe('card QR parser', () => {
  it('parses the documented example', () => {
    expect(parseCardQr(GOOD)).toEqual({
      ok: true,
      value: {
        idNumber: '001090123456',
        oldIdNumber: '012345678',
        fullName: 'NGUYEN VAN A',
        birthDate: { year: 1990, month: 1, day: 1 },
        gender: 'Nam',
        address: 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
        issueDate: { year: 2021, month: 4, day: 15 },
        extra: [],
      },
    });
  });

  it('parses UTF-8 bytes ended by CR LF, an empty old ID, extra fields and a decomposed Nữ', () => {
    const line = '079304000123||Trần Thị Bích|29022004|Nu\u031B\u0303|Hà Nội|01082024|Trần Văn X|Lê Thị Y|\r\n';
    const r = parseCardQr(Buffer.from(line, 'utf8'));
    expect(r.ok && r.value).toMatchObject({
      idNumber: '079304000123',
      oldIdNumber: null,
      fullName: 'Trần Thị Bích',
      birthDate: { year: 2004, month: 2, day: 29 },
      gender: 'Nữ',
      issueDate: { year: 2024, month: 8, day: 1 },
      extra: ['Trần Văn X', 'Lê Thị Y', ''],
    });
  });

  const replace = (index: number, value: string): string => {
    const fields = GOOD.split('|');
    fields[index] = value;
    return fields.join('|');
  };

  it.each([
    ['six fields', GOOD.split('|').slice(0, 6).join('|'), 'too-few-fields'],
    ['an 11-digit ID', replace(0, '00109012345'), 'bad-id-number'],
    ['letters in the ID', replace(0, '00109012345A'), 'bad-id-number'],
    ['an 8-digit old ID', replace(1, '01234567'), 'bad-old-id-number'],
    ['an empty name', replace(2, '  '), 'empty-name'],
    ['31 February', replace(3, '31021990'), 'bad-birth-date'],
    ['29 February in a common year', replace(3, '29021990'), 'bad-birth-date'],
    ['a slashed birth date', replace(3, '01/01/1990'), 'bad-birth-date'],
    ['month 13', replace(6, '15132021'), 'bad-issue-date'],
    ['an English gender', replace(4, 'Male'), 'bad-gender'],
    ['an issue date before birth', replace(6, '01011989'), 'issued-before-birth'],
    ['a female ID code for Nam', replace(0, '001190123456'), 'id-number-mismatch'],
    ['a birth year not in the ID', replace(3, '01011991'), 'id-number-mismatch'],
    ['a huge line', 'x'.repeat(5000), 'too-long'],
  ])('rejects %s', (_name, line, reason) => {
    expect(parseCardQr(line)).toEqual({ ok: false, reason });
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x30, 0x80, 0x7c])],
    ['a truncated sequence', Buffer.concat([Buffer.from(GOOD, 'utf8'), Buffer.from([0xe1, 0xba])])],
    ['an overlong encoding', Buffer.from([0xc0, 0xaf])],
  ])('rejects invalid UTF-8: %s', (_name, bytes) => {
    expect(parseCardQr(bytes)).toEqual({ ok: false, reason: 'bad-encoding' });
  });
});
