import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../drivers/card-reader/bytes';
import { parseDg13 } from '../../../drivers/card-reader/dg13';
import { der, int, printable, seq, set, utf8 } from './der';

// Layout from CARD-READER.md §3: 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER n, value } } } }.
const OID_DG13 = fromHex('060628D316010008');
const field = (n: number, ...values: Buffer[]): Buffer => seq(int(n), ...values);

function dg13(...fields: Buffer[]): Buffer {
  return der(0x6d, seq(int(1), OID_DG13, set(...fields)));
}

const FULL = dg13(
  field(1, printable('001099012345')),
  field(2, utf8('Nguyễn Văn Thành')),
  field(3, printable('15/03/1999')),
  field(4, utf8('Nam')),
  field(5, utf8('Việt Nam')),
  field(6, utf8('Kinh')),
  field(7, utf8('Không')),
  field(8, utf8('Hòa An, Cao Bằng')),
  field(9, utf8('Số 1, Phường Bến Nghé, TP. Hồ Chí Minh')),
  field(10, utf8('Nốt ruồi C:1cm trên trước mép phải')),
  field(11, printable('20/04/2021')),
  field(12, utf8('15/03/2024')),
  field(13, seq(utf8('Nguyễn Văn Bình')), seq(utf8('Trần Thị Cúc'))),
  field(14),
  field(15, printable('012345678')),
  field(16, printable('ABCDEF0123456789')),
);

describe('DG13 parser', () => {
  it('reads every field by its number', () => {
    const r = parseDg13(FULL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      idNumber: '001099012345',
      fullName: 'Nguyễn Văn Thành',
      birthDate: '15/03/1999',
      gender: 'Nam',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      religion: 'Không',
      placeOfOrigin: 'Hòa An, Cao Bằng',
      placeOfResidence: 'Số 1, Phường Bến Nghé, TP. Hồ Chí Minh',
      identifyingFeatures: 'Nốt ruồi C:1cm trên trước mép phải',
      issueDate: '20/04/2021',
      expiryDate: '15/03/2024',
      parents: ['Nguyễn Văn Bình', 'Trần Thị Cúc'],
      spouse: null,
      oldIdNumber: '012345678',
      unknown: [{ field: 16, raw: printable('ABCDEF0123456789') }],
    });
  });

  it('matches the documented byte prefixes of fields 1, 3, 14 and 15', () => {
    const hex = FULL.toString('hex').toUpperCase();
    expect(hex).toContain('3011020101130C');
    expect(hex).toContain('300F020103130A');
    expect(hex).toContain('30030201' + '0E');
    expect(hex).toContain('300E02010F1309');
  });

  it('does not depend on the order of fields, accepts absent ones and the parents in one SEQUENCE', () => {
    const r = parseDg13(
      dg13(field(14, seq(utf8('Lê Thị Hoa'))), field(13, seq(utf8('Cha'), utf8('Mẹ'))), field(2, utf8('Lê Văn A')), field(1, printable('079203000001'))),
    );
    expect(r.ok && r.value).toMatchObject({
      idNumber: '079203000001',
      fullName: 'Lê Văn A',
      parents: ['Cha', 'Mẹ'],
      spouse: 'Lê Thị Hoa',
      birthDate: null,
      oldIdNumber: null,
      unknown: [],
    });
  });

  it('accepts the fields without the 6D wrapper (a bare SEQUENCE)', () => {
    const r = parseDg13(seq(seq(int(1), OID_DG13, set(field(4, utf8('Nữ'))))));
    expect(r.ok && r.value.gender).toBe('Nữ');
  });

  it.each([
    ['a truncated file', FULL.subarray(0, FULL.length - 3)],
    ['trailing bytes', Buffer.concat([FULL, Buffer.from([0])])],
    ['another tag', der(0x61, seq())],
    ['no field set', der(0x6d, seq(int(1), OID_DG13))],
    ['a field without its number', dg13(seq(utf8('x')))],
  ])('rejects %s as malformed', (_name, file) => {
    expect(parseDg13(file)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects invalid UTF-8', () => {
    expect(parseDg13(dg13(field(2, der(0x0c, Buffer.from([0x4e, 0xc3, 0x28])))))).toEqual({ ok: false, reason: 'bad-encoding' });
  });
});
