/** ICAO 9303 eMRTD constants used by the reader and the simulated chip. */

/** The eMRTD application identifier (LDS1). */
export const EMRTD_AID: Buffer = Buffer.from('A0000002471001', 'hex');

/** Elementary file identifiers (9303-10 §3.6); the driver reads COM, SOD, DG1 and DG13 only. */
export const FILE_IDS = {
  com: 0x011e,
  sod: 0x011d,
  dg1: 0x0101,
  dg2: 0x0102,
  dg13: 0x010d,
} as const;
