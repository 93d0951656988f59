import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../drivers/card-reader/bytes';
import { checkDepth, children, expectTlv, integerValue, oidValue, readAll, readTlv, TlvError } from '../../../drivers/card-reader/tlv';

// EF.COM from ICAO 9303-11 Appendix D.4 (CARD-READER.md §1).
const EF_COM = '60145F0104303130365F36063034303030305C026175';

describe('TLV reader', () => {
  it('reads EF.COM: two-byte tags and nested values', () => {
    const com = expectTlv(fromHex(EF_COM), 0x60);
    expect(children(com).map((n) => [n.tag.toString(16), n.value.toString('latin1')])).toEqual([
      ['5f01', '0106'],
      ['5f36', '040000'],
      ['5c', 'au'],
    ]);
  });

  it('reads long-form lengths', () => {
    const value = Buffer.alloc(300, 7);
    const node = readTlv(Buffer.concat([fromHex('0482012C'), value]));
    expect(node.value.length).toBe(300);
    expect(readTlv(Buffer.concat([fromHex('0481C8'), Buffer.alloc(200)])).value.length).toBe(200);
  });

  it('decodes small INTEGERs and OIDs', () => {
    expect(integerValue(readTlv(fromHex('02010D')))).toBe(13);
    // 1.0.10646.1.0.8, the DG13 OID (CARD-READER.md §3): 28 D3 16 01 00 08 (10646 = 83·128 + 22)
    expect(oidValue(readTlv(fromHex('060628D316010008')))).toBe('1.0.10646.1.0.8');
    // id-sha256 (RFC 5754) 2.16.840.1.101.3.4.2.1
    expect(oidValue(readTlv(fromHex('0609608648016503040201')))).toBe('2.16.840.1.101.3.4.2.1');
    expect(() => integerValue(readTlv(fromHex('020180')))).toThrow(TlvError);
  });

  it.each([
    ['a length beyond the data', '0405010203'],
    ['an indefinite length', '3080'],
    ['too many length octets', '048500000000010000'],
    ['a truncated tag', '5F'],
    ['a truncated length', '0482'],
  ])('throws a TlvError on %s', (_name, input) => {
    expect(() => readAll(fromHex(input))).toThrow(TlvError);
    expect(() => readTlv(fromHex(input))).toThrow(TlvError);
  });

  it('reads nothing from no bytes, and throws when one TLV is required', () => {
    expect(readAll(Buffer.alloc(0))).toEqual([]);
    expect(() => readTlv(Buffer.alloc(0))).toThrow(TlvError);
  });

  it('refuses nesting deeper than the bound without overflowing the stack', () => {
    let node = Buffer.from([0x05, 0x00]);
    for (let i = 0; i < 40; i++) node = Buffer.concat([Buffer.from([0x30, node.length]), node]);
    expect(() => checkDepth(readTlv(node))).toThrow(TlvError);
  });
});
