/**
 * Chip ID card (CCCD / Căn cước) reader driver: PN532 over a serial port with ICAO 9303
 * BAC, the card's QR code, and the parsers and checks they share. No server imports.
 */
export * from './types';
export { Pn532CardReader, type Pn532ReaderOptions } from './pn532-reader';
export { openSerialPort, type OpenPort, type SerialLike } from './serial';
export { SimulatedPn532, type SimulatedPn532Options } from './simulated-pn532';
export { SimulatedChip, type SimulatedChipOptions } from './simulated-chip';
export { parseCardQr, MAX_QR_BYTES, type CardQr, type QrFailure, type QrResult } from './qr';
export { LineFramer, type LineEvent } from './line-framer';
export { bacKeyFromQr, bacKeyFromTyped } from './bac-key';
export { cardExpiry, candidateExpiries, cardKindForIssueDate, type CardKind, type Expiry } from './expiry';
export { identityFromChip, identityFromQr } from './identity';
export { passiveAuthentication, type ChipVerification, type PassiveAuthenticationResult } from './sod';
export { cccdMrzInformation, checkDigit, parseDg1, parseTd1, type Td1Mrz } from './mrz';
export { parseDg13, type Dg13Data } from './dg13';
export { CardReadError, identityFromFiles, readCardFiles, type CardFiles, type Transceive } from './card-session';
export { EMRTD_AID, FILE_IDS } from './emrtd';
export type { CalendarDate } from './dates';
export type { FrameRejectReason } from './pn532-frame';
export { QrLineCardReader, type QrLineReaderOptions, type QrScanListener } from './qr-line-reader';
export { SimulatedCardReader, type SimulatedReaderOptions, type PlaceCardOptions } from './simulated-reader';
export { TEST_CARDS, testCard, testCardChip, testCardCsca, testCardQrLine, testCardMrzInformation, type TestCard } from './test-cards';
