/**
 * Fictional test cards for the simulated reader and `npm run simulate:card`: each gives
 * its QR line, the BAC key information, and a chip (DG1, DG13, EF.SOD signed by a test
 * document signer under the test CSCA in test-pki/). Test data only: the people, numbers
 * and keys here are made up and open nothing real.
 */
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { derInteger, derOctets, derOid, derPrintable, derSequence, derSet, derUtf8, der } from './der-writer';
import { cardExpiry } from './expiry';
import { type CalendarDate } from './dates';
import { FILE_IDS } from './emrtd';
import { checkDigit, cccdMrzInformation } from './mrz';
import { SimulatedChip } from './simulated-chip';
import { children, readTlv } from './tlv';

export interface TestCard {
  idNumber: string;
  fullName: string;
  birthDate: CalendarDate;
  gender: 'Nam' | 'Nữ';
  address: string;
  issueDate: CalendarDate;
}

const ADDRESS = 'Thôn Thử Nghiệm, xã Mẫu, tỉnh Thí Điểm';

/** A few made-up holders (ID digits 4–6 agree with the birth year and gender, as on real cards). */
export const TEST_CARDS: readonly TestCard[] = [
  { idNumber: '079090012345', fullName: 'Nguyễn Văn An', birthDate: { year: 1990, month: 1, day: 15 }, gender: 'Nam', address: ADDRESS, issueDate: { year: 2021, month: 6, day: 10 } },
  { idNumber: '001185004321', fullName: 'Trần Thị Bích Ngọc', birthDate: { year: 1985, month: 7, day: 12 }, gender: 'Nữ', address: ADDRESS, issueDate: { year: 2024, month: 3, day: 1 } },
  { idNumber: '048201012340', fullName: 'Lê Hoàng Minh', birthDate: { year: 2001, month: 9, day: 30 }, gender: 'Nam', address: ADDRESS, issueDate: { year: 2024, month: 8, day: 15 } },
  { idNumber: '036317000123', fullName: 'Phạm Thu Hà', birthDate: { year: 2017, month: 2, day: 28 }, gender: 'Nữ', address: ADDRESS, issueDate: { year: 2024, month: 9, day: 5 } },
];

export function testCard(preset = 0): TestCard {
  const card = TEST_CARDS[preset];
  if (!card) throw new RangeError(`test card preset 0–${TEST_CARDS.length - 1}`);
  return card;
}

const two = (n: number): string => String(n).padStart(2, '0');
const ddMMyyyy = (d: CalendarDate, sep = ''): string => [two(d.day), two(d.month), String(d.year)].join(sep);
const yymmdd = (d: CalendarDate): string => two(d.year % 100) + two(d.month) + two(d.day);

/** The line a 2D scanner types for this card's QR code (without the line end). */
export function testCardQrLine(card: TestCard): string {
  return [card.idNumber, '', card.fullName, ddMMyyyy(card.birthDate), card.gender, card.address, ddMMyyyy(card.issueDate)].join('|');
}

/** The expiry printed in the chip's MRZ (the law's rule; these cards all expire). */
export function testCardExpiry(card: TestCard): CalendarDate {
  const expiry = cardExpiry(card.birthDate, card.issueDate);
  if (expiry.kind !== 'date') throw new RangeError('test cards have an expiry date');
  return expiry.date;
}

export function testCardMrzInformation(card: TestCard): string {
  return cccdMrzInformation(card.idNumber, card.birthDate, testCardExpiry(card));
}

/** The name in MRZ letters: no diacritics, đ → D, words joined by <. */
function mrzName(fullName: string): string {
  const ascii = fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D').toUpperCase();
  const [family = '', ...given] = ascii.split(/\s+/);
  return `${family}<<${given.join('<')}`.replace(/[^A-Z<]/g, '<').padEnd(30, '<').slice(0, 30);
}

/** DG1: the TD1 MRZ with every check digit. */
export function testCardDg1(card: TestCard): Buffer {
  const doc = card.idNumber.slice(3);
  const optional = `${card.idNumber}<<`;
  const l1 = `IDVNM${doc}${checkDigit(doc)}${optional}${checkDigit(optional)}`;
  const birth = yymmdd(card.birthDate);
  const expiry = yymmdd(testCardExpiry(card));
  const head = `${birth}${checkDigit(birth)}${card.gender === 'Nữ' ? 'F' : 'M'}${expiry}${checkDigit(expiry)}VNM`;
  const optional2 = '<'.repeat(11);
  const composite = l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + optional2;
  const mrz = l1 + head + optional2 + checkDigit(composite) + mrzName(card.fullName);
  return der(0x61, der(0x5f1f, mrz));
}

/** DG13 (Vietnamese data): fields 1–5, 11 and 12, tagged by number. */
export function testCardDg13(card: TestCard): Buffer {
  const field = (n: number, value: Buffer): Buffer => derSequence(derInteger(n), value);
  return der(
    0x6d,
    derSequence(
      derInteger(1),
      derOid('1.0.10646.1.0.8'),
      derSet(
        field(1, derPrintable(card.idNumber)),
        field(2, derUtf8(card.fullName)),
        field(3, derPrintable(ddMMyyyy(card.birthDate, '/'))),
        field(4, derUtf8(card.gender)),
        field(5, derUtf8('Việt Nam')),
        field(11, derPrintable(ddMMyyyy(card.issueDate, '/'))),
        field(12, derUtf8(ddMMyyyy(testCardExpiry(card), '/'))),
      ),
    ),
  );
}

const PKI_DIR = join(dirname(fileURLToPath(import.meta.url)), 'test-pki');
const pki = { csca: '', ds: '', key: '' };
function testPki(): typeof pki {
  if (!pki.csca) {
    pki.csca = readFileSync(join(PKI_DIR, 'csca.pem'), 'utf8');
    pki.ds = readFileSync(join(PKI_DIR, 'ds.pem'), 'utf8');
    pki.key = readFileSync(join(PKI_DIR, 'ds.key'), 'utf8');
  }
  return pki;
}

/** The test CSCA: a reader trusting it reports the simulated cards as 'verified'. */
export const testCardCsca = (): crypto.X509Certificate => new crypto.X509Certificate(testPki().csca);

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  lds: '2.23.136.1.1.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  ecdsaSha256: '1.2.840.10045.4.3.2',
};

/** EF.SOD: the SHA-256 hashes of DG1 and DG13 in an LDSSecurityObject, CMS-signed by the test signer. */
export function testCardSod(dg1: Buffer, dg13: Buffer): Buffer {
  const { ds, key } = testPki();
  const dsDer = new crypto.X509Certificate(ds).raw;
  const tbs = children(children(readTlv(dsDer))[0] ?? readTlv(dsDer));
  const serial = tbs[1]?.raw ?? derInteger(1);
  const issuer = tbs[3]?.raw ?? derSequence();
  const sha = (b: Buffer): Buffer => crypto.createHash('sha256').update(b).digest();
  const algorithm = (oid: string): Buffer => derSequence(derOid(oid));
  const lds = derSequence(
    derInteger(0),
    algorithm(OID.sha256),
    derSequence(derSequence(derInteger(1), derOctets(sha(dg1))), derSequence(derInteger(13), derOctets(sha(dg13)))),
  );
  const attributes = [
    derSequence(derOid(OID.contentType), derSet(derOid(OID.lds))),
    derSequence(derOid(OID.messageDigest), derSet(derOctets(sha(lds)))),
  ];
  const signature = crypto.sign('sha256', derSet(...attributes), key);
  const signerInfo = derSequence(
    derInteger(1),
    derSequence(issuer, serial),
    algorithm(OID.sha256),
    der(0xa0, ...attributes),
    algorithm(OID.ecdsaSha256),
    derOctets(signature),
  );
  const signedData = derSequence(
    derInteger(3),
    derSet(algorithm(OID.sha256)),
    derSequence(derOid(OID.lds), der(0xa0, derOctets(lds))),
    der(0xa0, dsDer),
    derSet(signerInfo),
  );
  return der(0x77, derSequence(derOid(OID.signedData), der(0xa0, signedData)));
}

/** A chip model holding this card's files (EF.COM, EF.SOD, DG1, DG13). */
export function testCardChip(card: TestCard): SimulatedChip {
  const dg1 = testCardDg1(card);
  const dg13 = testCardDg13(card);
  const com = der(0x60, der(0x5f01, '0106'), der(0x5f36, '040000'), der(0x5c, Buffer.from([0x61, 0x6d])));
  const files = new Map<number, Buffer>([
    [FILE_IDS.com, com],
    [FILE_IDS.sod, testCardSod(dg1, dg13)],
    [FILE_IDS.dg1, dg1],
    [FILE_IDS.dg13, dg13],
  ]);
  return new SimulatedChip({ mrzInformation: testCardMrzInformation(card), files });
}

