import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../drivers/card-reader/bytes';
import { SecureMessaging } from '../../../drivers/card-reader/secure-messaging';

// ICAO Doc 9303-11 Appendix D.4, as quoted in /work/shared/design/CARD-READER.md §1.
const session = {
  ksEnc: fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'),
  ksMac: fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8'),
  ssc: fromHex('887022120C06C226'),
};
const SELECT_EF_COM = '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800';
const SELECT_RESPONSE = '990290008E08FA855A5D4C50A8ED9000';
const READ_4 = '0CB000000D9701048E08ED6705417E96BA5500';
const READ_4_RESPONSE = '8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000';
const READ_18 = '0CB000040D9701128E082EA28A70F3C7B53500';
const READ_18_RESPONSE =
  '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000';
const EF_COM = '60145F0104303130365F36063034303030305C026175';

describe('secure messaging (ICAO 9303-11 Appendix D.4)', () => {
  it('protects SELECT EF.COM, READ BINARY and checks every response', () => {
    const sm = new SecureMessaging(session);
    expect(hex(sm.wrap({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') }))).toBe(SELECT_EF_COM);
    expect(sm.unwrap(fromHex(SELECT_RESPONSE))).toEqual({ ok: true, data: Buffer.alloc(0), sw: 0x9000 });

    expect(hex(sm.wrap({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 4 }))).toBe(READ_4);
    const first = sm.unwrap(fromHex(READ_4_RESPONSE));
    expect(first.ok && hex(first.data)).toBe(EF_COM.slice(0, 8));

    expect(hex(sm.wrap({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x04, le: 0x12 }))).toBe(READ_18);
    const rest = sm.unwrap(fromHex(READ_18_RESPONSE));
    expect(rest.ok && hex(rest.data)).toBe(EF_COM.slice(8));
    expect(hex(sm.counter)).toBe('887022120C06C22C');
  });

  it('rejects a response with a changed byte (bad MAC) and one out of sequence', () => {
    const sm = new SecureMessaging(session);
    sm.wrap({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') });
    const tampered = fromHex(SELECT_RESPONSE);
    tampered[3] = 0x01;
    expect(sm.unwrap(tampered)).toEqual({ ok: false, reason: 'bad-mac', sw: 0x9000 });

    // Skipping the SELECT leaves the counter two steps behind: the READ BINARY answer,
    // made at SSC …C22A, arrives at …C228 and must fail.
    const replay = new SecureMessaging(session);
    replay.wrap({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 4 });
    expect(replay.unwrap(fromHex(READ_4_RESPONSE))).toEqual({ ok: false, reason: 'bad-mac', sw: 0x9000 });
  });

  it('reports an unprotected status word and malformed bodies without throwing', () => {
    const sm = new SecureMessaging(session);
    expect(sm.unwrap(fromHex('6987'))).toEqual({ ok: false, reason: 'unprotected', sw: 0x6987 });
    expect(sm.unwrap(fromHex('90'))).toEqual({ ok: false, reason: 'malformed', sw: null });
    expect(sm.unwrap(fromHex('99059000'))).toEqual({ ok: false, reason: 'malformed', sw: 0x9000 });
    expect(sm.unwrap(fromHex('8E0811223344556677889000'))).toEqual({ ok: false, reason: 'bad-mac', sw: 0x9000 });
    expect(sm.unwrap(fromHex('990290009000'))).toEqual({ ok: false, reason: 'malformed', sw: 0x9000 });
  });
});
