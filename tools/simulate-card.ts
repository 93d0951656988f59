/**
 * `npm run simulate:card -- [--identity N] [--wrong-key]`: a PN532 with a test CCCD chip
 * and a QR scanner on two socat pseudo-terminal pairs, for trying the card reader without
 * hardware. Start the server with the printed CARD_READER=… QR_SCANNER=… line; press Enter
 * to scan the card's QR code (the chip is then read), r to take the card off, p to lay it
 * back, q to quit. --wrong-key scans the QR of another test card: the chip refuses the key.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { TEST_CARDS, testCard, testCardQrLine } from '../drivers/card-reader';
import { hasSocat, ptyPair, qrScannerDevice, simulatedReaderDevice } from './cardDevices';

const { values } = parseArgs({ options: { identity: { type: 'string', default: '0' }, 'wrong-key': { type: 'boolean', default: false } } });
const preset = Number(values.identity);
if (!Number.isInteger(preset) || preset < 0 || preset >= TEST_CARDS.length) {
  console.error(`--identity: 0 to ${TEST_CARDS.length - 1}`);
  process.exit(2);
}
if (!hasSocat()) {
  console.error('Cần socat: apt-get install -y socat (socat is needed).');
  process.exit(1);
}

const card = testCard(preset);
const qrCard = values['wrong-key'] ? testCard((preset + 1) % TEST_CARDS.length) : card;
const chipPair = await ptyPair();
const qrPair = await ptyPair();
const reader = await simulatedReaderDevice(chipPair.device);
const scanner = await qrScannerDevice(qrPair.device);
reader.place(card);

console.log(`Thẻ thử (test card) ${preset}: ${card.fullName} — dữ liệu giả, chỉ để thử.`);
console.log(`  Đầu đọc chip PN532 (chip reader):  ${chipPair.host}`);
console.log(`  Máy quét QR (QR scanner):          ${qrPair.host}`);
console.log('\nChạy máy chủ với (start the server with):');
console.log(`  CARD_READER=${chipPair.host} QR_SCANNER=${qrPair.host} npm start`);
console.log('\nEnter: quét mã QR (scan the QR) · r: nhấc thẻ (remove) · p: đặt thẻ (place) · q: thoát (quit)');

const stop = async () => {
  await Promise.all([reader.close(), scanner.close()]);
  chipPair.close();
  qrPair.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const command = line.trim().toLowerCase();
  if (command === 'q') void stop();
  else if (command === 'r') {
    reader.remove();
    console.log('Đã nhấc thẻ. (Card removed.)');
  } else if (command === 'p') {
    reader.place(card);
    console.log('Đã đặt thẻ. (Card placed.)');
  } else {
    void scanner.scan(testCardQrLine(qrCard)).then(() => console.log('Đã quét mã QR. (QR scanned.)'));
  }
});
input.on('close', () => void stop());
