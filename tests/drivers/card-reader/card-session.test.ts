import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../drivers/card-reader/bytes';
import { CardReadError, identityFromFiles, MAX_READ_BLOCK, readCardFiles } from '../../../drivers/card-reader/card-session';
import { FILE_IDS } from '../../../drivers/card-reader/emrtd';
import { SimulatedChip } from '../../../drivers/card-reader/simulated-chip';
import { EF_COM, TEST_HOLDER, testChip, testCsca, testFiles } from './identity-fixture';

const transport = (chip: SimulatedChip) => async (apdu: Buffer) => chip.transceive(apdu);

describe('simulated chip against ICAO 9303-11 Appendix D', () => {
  it('answers MUTUAL AUTHENTICATE and the protected EF.COM reads byte for byte', () => {
    const chip = new SimulatedChip({
      mrzInformation: 'L898902C<369080619406236',
      files: new Map([[FILE_IDS.com, EF_COM]]),
      rndIc: () => fromHex('4608F91988702212'),
      kIc: () => fromHex('0B4F80323EB3191CB04970CB4052790B'),
    });
    expect(hex(chip.transceive(fromHex('00A4000C023F00')))).toBe('6D00');
    expect(hex(chip.transceive(fromHex('00A4040C07A0000002471001')))).toBe('9000');
    expect(hex(chip.transceive(fromHex('0084000008')))).toBe('4608F919887022129000');
    const cmd =
      '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728';
    expect(hex(chip.transceive(fromHex(cmd)))).toBe(
      '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449' + '9000',
    );
    expect(hex(chip.transceive(fromHex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800')))).toBe(
      '990290008E08FA855A5D4C50A8ED9000',
    );
    expect(hex(chip.transceive(fromHex('0CB000000D9701048E08ED6705417E96BA5500')))).toBe(
      '8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000',
    );
    expect(hex(chip.transceive(fromHex('0CB000040D9701128E082EA28A70F3C7B53500')))).toBe(
      '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
    );
    // A replayed command fails its MAC (the SSC moved on) and ends secure messaging.
    expect(hex(chip.transceive(fromHex('0CB000040D9701128E082EA28A70F3C7B53500')))).toBe('6988');
  });
});

describe('reading the test card', () => {
  const key = { idNumber: TEST_HOLDER.idNumber, birthDate: TEST_HOLDER.birthDate, expiryDates: [TEST_HOLDER.expiryDate] };

  it('reads EF.COM, EF.SOD, DG1 and DG13 only, in blocks of at most 0xDF bytes, and verifies them', async () => {
    const chip = testChip();
    const files = await readCardFiles(transport(chip), key);
    expect(files.com).toEqual(EF_COM);
    expect(files.dg13).toEqual(testFiles().get(FILE_IDS.dg13));
    expect(chip.log.selected).toEqual([FILE_IDS.com, FILE_IDS.sod, FILE_IDS.dg1, FILE_IDS.dg13]);
    expect(Math.max(...chip.log.readLengths)).toBe(MAX_READ_BLOCK);
    expect(identityFromFiles(files, [testCsca()])).toEqual({
      idNumber: '001099012345',
      fullName: 'Nguyễn Văn Thành',
      birthDate: { year: 1999, month: 3, day: 15 },
      gender: 'Nam',
      source: 'chip',
      chip: 'verified',
    });
    expect(identityFromFiles(files).chip).toBe('hashes-only');
  });

  it('tries the candidate expiries in order', async () => {
    const chip = testChip();
    const wrongFirst = { ...key, expiryDates: [{ year: 2039, month: 3, day: 15 }, TEST_HOLDER.expiryDate] };
    await readCardFiles(transport(chip), wrongFirst);
    expect(chip.log.mutualAuthentications).toBe(2);
  });

  it('reports a wrong key as wrong-key, not a crash', async () => {
    const chip = testChip();
    const wrong = { ...key, expiryDates: [{ year: 2039, month: 3, day: 15 }, { year: 2012, month: 3, day: 15 }] };
    const error = await readCardFiles(transport(chip), wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardReadError);
    expect((error as CardReadError).reason).toBe('wrong-key');
  });

  it('rejects a DG13 that does not match EF.SOD as not authentic', async () => {
    const files = await readCardFiles(transport(testChip()), key);
    const dg13 = Buffer.from(files.dg13);
    dg13[dg13.length - 1] = 0x30;
    expect(() => identityFromFiles({ ...files, dg13 }, [testCsca()])).toThrow(/passive authentication: hash-mismatch/);
  });

  it('refuses a card that is not an eMRTD', async () => {
    const notId = async (): Promise<Buffer> => fromHex('6A82');
    await expect(readCardFiles(notId, key)).rejects.toMatchObject({ reason: 'not-an-id-card' });
  });
});
