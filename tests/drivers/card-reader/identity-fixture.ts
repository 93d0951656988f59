import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { FILE_IDS } from '../../../drivers/card-reader/emrtd';
import { SimulatedChip } from '../../../drivers/card-reader/simulated-chip';

const dir = path.resolve(import.meta.dirname, '../../fixtures/card-reader');
const read = (name: string): Buffer => fs.readFileSync(path.join(dir, name));

/** The test identity of tests/fixtures/card-reader (DG1 MRZ and DG13 of make-fixtures.sh). */
export const TEST_HOLDER = {
  idNumber: '001099012345',
  birthDate: { year: 1999, month: 3, day: 15 },
  expiryDate: { year: 2024, month: 3, day: 15 },
  /** Document number 099012345 + 9, birth 990315 + 9, expiry 240315 + 5 (from the MRZ lines). */
  mrzInformation: '099012345999031592403155',
};

/** EF.COM of ICAO 9303-11 Appendix D.4. */
export const EF_COM = Buffer.from('60145F0104303130365F36063034303030305C026175', 'hex');

export const testCsca = (): crypto.X509Certificate => new crypto.X509Certificate(read('csca.pem'));

export function testFiles(): Map<number, Buffer> {
  return new Map([
    [FILE_IDS.com, EF_COM],
    [FILE_IDS.sod, read('sod-ecdsa.bin')],
    [FILE_IDS.dg1, read('dg1.bin')],
    // A stand-in face image that the reader must never ask for.
    [FILE_IDS.dg2, Buffer.concat([Buffer.from([0x75, 0x82, 0x03, 0xe8]), Buffer.alloc(1000, 0xff)])],
    [FILE_IDS.dg13, read('dg13.bin')],
  ]);
}

export function testChip(): SimulatedChip {
  return new SimulatedChip({ mrzInformation: TEST_HOLDER.mrzInformation, files: testFiles() });
}
