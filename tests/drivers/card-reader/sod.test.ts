import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hex } from '../../../drivers/card-reader/bytes';
import { checkDataGroupHashes, parseSod, passiveAuthentication } from '../../../drivers/card-reader/sod';

// Fixtures made by tests/fixtures/card-reader/make-fixtures.sh with the openssl CLI; the
// hashes below are the ones `openssl dgst -sha256` printed for dg1.bin and dg13.bin.
const dir = path.resolve(import.meta.dirname, '../../fixtures/card-reader');
const read = (name: string): Buffer => fs.readFileSync(path.join(dir, name));
const DG1_SHA256 = '44AD174B96BE7EC4BE5A7391BBF1ED7E483D136F95E583F558969F8444C2A09B';
const DG13_SHA256 = 'C7864898AF022E2C2D09F50634AC50CC327A2FD5E5DD190FC00DDB2CFAF41602';

const dg1 = read('dg1.bin');
const dg13 = read('dg13.bin');
const groups = new Map<number, Buffer>([
  [1, dg1],
  [13, dg13],
]);
const csca = new crypto.X509Certificate(read('csca.pem'));
const otherCsca = new crypto.X509Certificate(read('other-csca.pem'));

describe.each(['sod-ecdsa.bin', 'sod-rsa.bin'])('EF.SOD %s', (name) => {
  const sod = read(name);

  it('extracts the LDSSecurityObject hashes', () => {
    const parsed = parseSod(sod);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.hashAlgorithm).toBe('sha256');
    expect([...parsed.value.dataGroupHashes.keys()]).toEqual([1, 13]);
    expect(hex(parsed.value.dataGroupHashes.get(1) ?? Buffer.alloc(0))).toBe(DG1_SHA256);
    expect(hex(parsed.value.dataGroupHashes.get(13) ?? Buffer.alloc(0))).toBe(DG13_SHA256);
    expect(parsed.value.certificates).toHaveLength(1);
    expect(checkDataGroupHashes(parsed.value, groups)).toEqual({ ok: true });
  });

  it('is verified with the CSCA that issued its signer', () => {
    expect(passiveAuthentication(sod, groups, [otherCsca, csca])).toEqual({ chip: 'verified' });
  });

  it('is hashes-only without a CSCA', () => {
    expect(passiveAuthentication(sod, groups)).toEqual({ chip: 'hashes-only', reason: 'no-csca' });
  });

  it('fails with another CSCA, a changed data group, a missing hash or a changed signature', () => {
    expect(passiveAuthentication(sod, groups, [otherCsca])).toEqual({ chip: 'failed', reason: 'untrusted-signer' });
    const changed = Buffer.from(dg13);
    changed[changed.length - 1] = 0x39;
    expect(passiveAuthentication(sod, new Map([[1, dg1], [13, changed]]), [csca])).toEqual({
      chip: 'failed',
      reason: 'hash-mismatch',
      dataGroup: 13,
    });
    expect(passiveAuthentication(sod, new Map([[2, dg1]]))).toEqual({ chip: 'failed', reason: 'hash-missing', dataGroup: 2 });
    const parsed = parseSod(sod);
    if (!parsed.ok) throw new Error('fixture');
    const signature = parsed.value.signer.signature;
    const at = sod.indexOf(signature) + Math.floor(signature.length / 2);
    const forged = Buffer.from(sod);
    forged[at] = (forged[at] ?? 0) ^ 0x01;
    expect(passiveAuthentication(forged, groups, [csca]).chip).toBe('failed');
  });

  it('fails when the signed content (a hash in the LDSSecurityObject) is changed', () => {
    const forged = Buffer.from(sod);
    const at = forged.indexOf(Buffer.from(DG1_SHA256, 'hex'));
    forged[at] = (forged[at] ?? 0) ^ 0x01;
    const withNewHash = new Map([[13, dg13]]);
    expect(passiveAuthentication(forged, withNewHash, [csca])).toEqual({ chip: 'failed', reason: 'bad-signed-attributes' });
  });
});

describe('EF.SOD rejection', () => {
  it.each([
    ['a truncated file', read('sod-ecdsa.bin').subarray(0, 300)],
    ['another tag', Buffer.from([0x60, 0x00])],
    ['a bare SEQUENCE', Buffer.from([0x77, 0x02, 0x30, 0x00])],
  ])('rejects %s as malformed', (_name, file) => {
    expect(parseSod(file)).toEqual({ ok: false, reason: 'malformed' });
    expect(passiveAuthentication(file, groups, [csca])).toEqual({ chip: 'failed', reason: 'malformed' });
  });
});
