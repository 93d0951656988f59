import { describe, expect, it } from 'vitest';
import {
  basicAccessKeys,
  pad,
  retailMac,
  tdesDecrypt,
  unpad,
} from '../../../drivers/card-reader/bac-crypto';
import {
  chipAnswer,
  completeMutualAuthentication,
  mutualAuthenticateApdu,
  terminalCryptogram,
} from '../../../drivers/card-reader/bac';
import { fromHex, hex } from '../../../drivers/card-reader/bytes';

// ICAO Doc 9303-11 Appendix D (D.2, D.3), as quoted in /work/shared/design/CARD-READER.md §1.
const MRZ_INFORMATION = 'L898902C<369080619406236';
const KSEED = '239AB9CB282DAF66231DC5A4DF6BFBAE';
const KENC = 'AB94FDECF2674FDFB9B391F85D7F76F2';
const KMAC = '7962D9ECE03D1ACD4C76089DCE131543';
const RND_IC = fromHex('4608F91988702212');
const RND_IFD = fromHex('781723860C06C226');
const K_IFD = fromHex('0B795240CB7049B01C19B33E32804F0B');
const E_IFD = '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2';
const M_IFD = '5F1448EEA8AD90A7';
const MUTUAL_AUTH_CMD =
  '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728';
const K_IC = '0B4F80323EB3191CB04970CB4052790B';
const CHIP_ANSWER = '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449';
const KSENC = '979EC13B1CBFE9DCD01AB0FED307EAE5';
const KSMAC = 'F1CB1F1FB5ADF208806B89DC579DC1F8';
const SSC = '887022120C06C226';

const challenge = { rndIc: RND_IC, rndIfd: RND_IFD, kIfd: K_IFD };

describe('BAC key derivation (ICAO 9303-11 Appendix D.2)', () => {
  it('derives Kseed, KEnc and KMac from the MRZ information', () => {
    const keys = basicAccessKeys(MRZ_INFORMATION);
    expect(hex(keys.seed)).toBe(KSEED);
    expect(hex(keys.kEnc)).toBe(KENC);
    expect(hex(keys.kMac)).toBe(KMAC);
  });
});

describe('BAC mutual authentication (ICAO 9303-11 Appendix D.3)', () => {
  const keys = basicAccessKeys(MRZ_INFORMATION);

  it('computes E.IFD, M.IFD and the MUTUAL AUTHENTICATE command', () => {
    const { eIfd, mIfd } = terminalCryptogram(keys, challenge);
    expect(hex(eIfd)).toBe(E_IFD);
    expect(hex(mIfd)).toBe(M_IFD);
    expect(hex(mutualAuthenticateApdu(eIfd, mIfd))).toBe(MUTUAL_AUTH_CMD);
  });

  it('checks the chip answer and derives K.IC, KSEnc, KSMac and the SSC', () => {
    const result = completeMutualAuthentication(keys, challenge, fromHex(CHIP_ANSWER));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(hex(result.kIc)).toBe(K_IC);
    expect(hex(result.session.ksEnc)).toBe(KSENC);
    expect(hex(result.session.ksMac)).toBe(KSMAC);
    expect(hex(result.session.ssc)).toBe(SSC);
  });

  it('the chip side answers the Appendix D command with the Appendix D answer', () => {
    const command = fromHex(MUTUAL_AUTH_CMD).subarray(5, 45);
    const result = chipAnswer(keys, RND_IC, fromHex(K_IC), command);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(hex(result.answer)).toBe(CHIP_ANSWER);
    expect(hex(result.rndIfd)).toBe(hex(RND_IFD));
    expect(hex(result.kIfd)).toBe(hex(K_IFD));
  });

  it('rejects a changed MAC, a wrong key, a wrong nonce and a short answer with a reason', () => {
    const answer = fromHex(CHIP_ANSWER);
    const badMac = Buffer.from(answer);
    badMac[39] = (badMac[39] ?? 0) ^ 1;
    expect(completeMutualAuthentication(keys, challenge, badMac)).toEqual({ ok: false, reason: 'bad-mac' });
    const otherKeys = basicAccessKeys('L898902C<369080619406237');
    expect(completeMutualAuthentication(otherKeys, challenge, answer)).toEqual({ ok: false, reason: 'bad-mac' });
    const otherNonce = { ...challenge, rndIfd: fromHex('781723860C06C227') };
    expect(completeMutualAuthentication(keys, otherNonce, answer)).toEqual({ ok: false, reason: 'bad-nonce' });
    expect(completeMutualAuthentication(keys, challenge, answer.subarray(0, 32))).toEqual({
      ok: false,
      reason: 'bad-length',
    });
  });

  it('decrypting E.IFD gives back RND.IFD ‖ RND.IC ‖ K.IFD', () => {
    const plain = tdesDecrypt(keys.kEnc, fromHex(E_IFD));
    expect(hex(plain)).toBe(hex(Buffer.concat([RND_IFD, RND_IC, K_IFD])));
  });
});

describe('padding method 2 and retail MAC', () => {
  it('pads with 80 00… to a multiple of 8, always adding a byte', () => {
    expect(hex(pad(fromHex('01020304')))).toBe('0102030480000000');
    expect(hex(pad(fromHex('0102030405060708')))).toBe('01020304050607088000000000000000');
    expect(hex(pad(Buffer.alloc(0)))).toBe('8000000000000000');
  });

  it('removes the padding and refuses malformed padding', () => {
    expect(hex(unpad(fromHex('0102030480000000')) ?? Buffer.alloc(0))).toBe('01020304');
    expect(unpad(fromHex('0102030400000000'))).toBeUndefined();
    expect(unpad(fromHex('0180000000000000000000'))).toBeUndefined();
    expect(unpad(Buffer.alloc(0))).toBeUndefined();
  });

  it('MACs the Appendix D.4 SELECT EF.COM input (SSC ‖ header ‖ DO87) to its DO8E', () => {
    // N from Appendix D.4 without its padding; the MAC is the DO8E of the protected command.
    const n = fromHex('887022120C06C2270CA4020C800000008709016375432908C044F6');
    expect(hex(retailMac(fromHex(KSMAC), n))).toBe('BF8B92D635FF24F8');
  });
});
