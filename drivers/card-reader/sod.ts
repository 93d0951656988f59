/**
 * EF.SOD and passive authentication (ICAO 9303-10 §4.6.2, 9303-11 §5.1).
 *
 * EF.SOD = 77 { ContentInfo { signedData, [0] SignedData { version, digestAlgorithms,
 * encapContentInfo { 2.23.136.1.1.1, [0] OCTET STRING LDSSecurityObject }, [0] certificates,
 * signerInfos } } }. LDSSecurityObject = { version, hashAlgorithm, SEQUENCE OF
 * { dataGroupNumber, dataGroupHashValue } }. The hashes of the data groups read must
 * match; with a configured CSCA the signer's certificate and the signature are checked too.
 */
import crypto from 'node:crypto';
import { sameBytes } from './bac-crypto';
import { checkDepth, children, expectTlv, integerValue, oidValue, readTlv, TlvError, type TlvNode } from './tlv';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export interface SecurityObject {
  /** Node hash name of the LDSSecurityObject's hashAlgorithm. */
  hashAlgorithm: string;
  /** Data group number → hash. */
  dataGroupHashes: Map<number, Buffer>;
  /** The encapsulated content (the DER LDSSecurityObject) that the signature covers. */
  content: Buffer;
  signer: {
    digestAlgorithm: string;
    /** The signed attributes as received ([0] IMPLICIT), or null when absent. */
    signedAttributes: Buffer | null;
    signatureAlgorithm: string;
    signatureParameters: TlvNode | null;
    signature: Buffer;
    /** Serial number (uppercase hex, no leading zeros) from issuerAndSerialNumber, or null. */
    serialNumber: string | null;
  };
  /** DER certificates embedded in the SOD (normally the document signer's). */
  certificates: Buffer[];
}

export type SodFailure = 'malformed' | 'not-lds-security-object' | 'unsupported-hash';

export type ChipVerification = 'verified' | 'hashes-only' | 'failed';

export type PassiveAuthenticationResult = {
  chip: ChipVerification;
  /** Why the result is not 'verified' (absent when verified). */
  reason?:
    | SodFailure
    | 'hash-mismatch'
    | 'hash-missing'
    | 'no-csca'
    | 'no-signer-certificate'
    | 'untrusted-signer'
    | 'bad-signed-attributes'
    | 'bad-signature'
    | 'unsupported-signature';
  /** The data group concerned by a hash failure. */
  dataGroup?: number;
};

function algorithmOid(node: TlvNode | undefined): string {
  const oid = node?.tag === 0x30 ? children(node)[0] : undefined;
  if (!oid) throw new TlvError('SOD: bad AlgorithmIdentifier');
  return oidValue(oid);
}

function hashName(oid: string): string {
  const name = HASHES[oid];
  if (!name) throw new UnsupportedHash(oid);
  return name;
}

class UnsupportedHash extends Error {}

function at(nodes: TlvNode[], index: number, tag: number): TlvNode {
  const node = nodes[index];
  if (!node || node.tag !== tag) throw new TlvError(`SOD: expected tag ${tag.toString(16)} at ${index}`);
  return node;
}

function parseSignerInfo(node: TlvNode): SecurityObject['signer'] {
  const parts = children(node);
  let i = 1;
  const sid = parts[i++];
  let serialNumber: string | null = null;
  if (sid?.tag === 0x30) {
    const serial = children(sid)[1];
    if (serial?.tag === 0x02) serialNumber = serial.value.toString('hex').toUpperCase().replace(/^(?:00)+(?=.)/, '');
  }
  const digestAlgorithm = hashName(algorithmOid(parts[i++]));
  let signedAttributes: Buffer | null = null;
  if (parts[i]?.tag === 0xa0) signedAttributes = parts[i++]?.raw ?? null;
  const algorithmNode = parts[i++];
  const signatureAlgorithm = algorithmOid(algorithmNode);
  const signatureParameters = algorithmNode ? (children(algorithmNode)[1] ?? null) : null;
  const signature = at(parts, i, 0x04).value;
  return { digestAlgorithm, signedAttributes, signatureAlgorithm, signatureParameters, signature, serialNumber };
}

export function parseSod(file: Uint8Array): { ok: true; value: SecurityObject } | { ok: false; reason: SodFailure } {
  try {
    const outer = expectTlv(file, 0x77);
    checkDepth(outer);
    const contentInfo = children(outer);
    const info = children(at(contentInfo, 0, 0x30));
    if (oidValue(at(info, 0, 0x06)) !== OID_SIGNED_DATA) return { ok: false, reason: 'malformed' };
    const signedData = children(at(children(at(info, 1, 0xa0)), 0, 0x30));
    const encap = children(at(signedData, 2, 0x30));
    if (oidValue(at(encap, 0, 0x06)) !== OID_LDS_SECURITY_OBJECT) return { ok: false, reason: 'not-lds-security-object' };
    const content = at(children(at(encap, 1, 0xa0)), 0, 0x04).value;
    const lds = children(expectTlv(content, 0x30));
    const hashAlgorithm = hashName(algorithmOid(lds[1]));
    const dataGroupHashes = new Map<number, Buffer>();
    for (const entry of children(at(lds, 2, 0x30))) {
      const [n, h] = children(entry);
      if (!n || !h || h.tag !== 0x04) throw new TlvError('SOD: bad DataGroupHash');
      dataGroupHashes.set(integerValue(n), Buffer.from(h.value));
    }
    let index = 3;
    const certificates: Buffer[] = [];
    if (signedData[index]?.tag === 0xa0) {
      for (const cert of children(at(signedData, index, 0xa0))) if (cert.tag === 0x30) certificates.push(Buffer.from(cert.raw));
      index++;
    }
    if (signedData[index]?.tag === 0xa1) index++;
    const signerInfo = children(at(signedData, index, 0x31))[0];
    if (!signerInfo) throw new TlvError('SOD: no SignerInfo');
    const signer = parseSignerInfo(signerInfo);
    return { ok: true, value: { hashAlgorithm, dataGroupHashes, content: Buffer.from(content), signer, certificates } };
  } catch (error) {
    if (error instanceof UnsupportedHash) return { ok: false, reason: 'unsupported-hash' };
    if (error instanceof TlvError) return { ok: false, reason: 'malformed' };
    throw error;
  }
}

/** Every data group read must have a hash in the SOD, and it must match. */
export function checkDataGroupHashes(
  sod: SecurityObject,
  groups: ReadonlyMap<number, Uint8Array>,
): { ok: true } | { ok: false; reason: 'hash-mismatch' | 'hash-missing'; dataGroup: number } {
  for (const [dataGroup, bytes] of groups) {
    const expected = sod.dataGroupHashes.get(dataGroup);
    if (!expected) return { ok: false, reason: 'hash-missing', dataGroup };
    const actual = crypto.createHash(sod.hashAlgorithm).update(bytes).digest();
    if (!sameBytes(actual, expected)) return { ok: false, reason: 'hash-mismatch', dataGroup };
  }
  return { ok: true };
}

/** The message digest in the signed attributes must be the hash of the content. */
function signedAttributesMatch(sod: SecurityObject, signedAttributes: Buffer): boolean {
  let digest: Buffer | undefined;
  let contentType: string | undefined;
  for (const attribute of children(readTlv(signedAttributes))) {
    const [type, values] = children(attribute);
    if (!type || !values) return false;
    const first = children(values)[0];
    const oid = oidValue(type);
    if (oid === OID_MESSAGE_DIGEST && first?.tag === 0x04) digest = first.value;
    if (oid === OID_CONTENT_TYPE && first?.tag === 0x06) contentType = oidValue(first);
  }
  const actual = crypto.createHash(sod.signer.digestAlgorithm).update(sod.content).digest();
  return digest !== undefined && sameBytes(actual, digest) && (contentType ?? OID_LDS_SECURITY_OBJECT) === OID_LDS_SECURITY_OBJECT;
}

function pssSaltLength(parameters: TlvNode | null): number {
  if (!parameters || parameters.tag !== 0x30) return 20;
  for (const p of children(parameters)) if (p.tag === 0xa2) return integerValue(at(children(p), 0, 0x02));
  return 20;
}

function verifySignature(sod: SecurityObject, signerCert: crypto.X509Certificate): boolean {
  const { signer } = sod;
  if (!signer.signedAttributes) return false;
  // The signature covers the DER SET OF attributes: the [0] tag is replaced by 31.
  const data = Buffer.from(signer.signedAttributes);
  data[0] = 0x31;
  const key = signerCert.publicKey;
  if (signer.signatureAlgorithm === OID_RSASSA_PSS) {
    return crypto.verify(
      signer.digestAlgorithm,
      data,
      { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: pssSaltLength(signer.signatureParameters) },
      signer.signature,
    );
  }
  return crypto.verify(signer.digestAlgorithm, data, key, signer.signature);
}

function signerCertificate(sod: SecurityObject): crypto.X509Certificate | undefined {
  const certs = sod.certificates.map((der) => new crypto.X509Certificate(der));
  const serial = sod.signer.serialNumber;
  return certs.find((c) => serial === null || c.serialNumber.toUpperCase().replace(/^(?:00)+(?=.)/, '') === serial) ?? certs[0];
}

/**
 * Passive authentication of the data groups read. Without a CSCA the hashes alone are
 * checked ('hashes-only'); with CSCA certificates the document signer must be issued by
 * one of them and the SOD signature must verify ('verified'), else 'failed'.
 */
export function passiveAuthentication(
  sodFile: Uint8Array,
  groups: ReadonlyMap<number, Uint8Array>,
  cscas: readonly crypto.X509Certificate[] = [],
): PassiveAuthenticationResult {
  const parsed = parseSod(sodFile);
  if (!parsed.ok) return { chip: 'failed', reason: parsed.reason };
  const sod = parsed.value;
  const hashes = checkDataGroupHashes(sod, groups);
  if (!hashes.ok) return { chip: 'failed', reason: hashes.reason, dataGroup: hashes.dataGroup };
  if (cscas.length === 0) return { chip: 'hashes-only', reason: 'no-csca' };
  try {
    const signer = signerCertificate(sod);
    if (!signer) return { chip: 'failed', reason: 'no-signer-certificate' };
    const trusted = cscas.some((csca) => signer.checkIssued(csca) && signer.verify(csca.publicKey));
    if (!trusted) return { chip: 'failed', reason: 'untrusted-signer' };
    if (!sod.signer.signedAttributes || !signedAttributesMatch(sod, sod.signer.signedAttributes)) {
      return { chip: 'failed', reason: 'bad-signed-attributes' };
    }
    return verifySignature(sod, signer) ? { chip: 'verified' } : { chip: 'failed', reason: 'bad-signature' };
  } catch (error) {
    if (error instanceof TlvError) return { chip: 'failed', reason: 'malformed' };
    return { chip: 'failed', reason: 'unsupported-signature' };
  }
}
