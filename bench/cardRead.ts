/**
 * The card read, timed end to end: a simulated PN532 with a test chip and a QR scanner on
 * socat pseudo-terminals, the real server reading them over its serial driver. For each of
 * 20 reads: from the QR line written by the scanner to the verified identity reaching the
 * kiosk channel. Prints the median and p99, the bytes exchanged per read and the serial
 * floor they imply at 115200 baud (bytes × 10 bits / 115200). A pseudo-terminal does not
 * pace bytes at the baud rate, so the floor is what real wiring would add at least.
 * `npm run bench:card`; `cardReadBench()` returns the lines for `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TEST_CARDS, testCardQrLine } from '../drivers/card-reader';
import { createQuaySo } from '../server/app';
import { CARD_EVENTS } from '../shared/cards';
import { hasSocat, ptyPair, qrScannerDevice, simulatedReaderDevice } from '../tools/cardDevices';

const READS = 20;
const BAUD = 115200;

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`card read bench: timed out`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

export async function cardReadBench(): Promise<string[]> {
  if (!hasSocat()) return ['card read: skipped (socat is not installed)'];
  const pairs = [await ptyPair(), await ptyPair()];
  const reader = await simulatedReaderDevice(pairs[0]!.device, BAUD);
  const scanner = await qrScannerDevice(pairs[1]!.device);
  const dataDir = mkdtempSync(join(tmpdir(), 'quayso-bench-card-'));
  const server = await createQuaySo({ dataDir, adminPassword: 'bench-admin-password', cardReaders: { cardReader: pairs[0]!.host, qrScanner: pairs[1]!.host } });
  const events: string[] = [];
  const failures: string[] = [];
  server.ctx.cards.service.onKiosk((_place, event, payload) => {
    events.push(event);
    if (event === CARD_EVENTS.failed) failures.push((payload as { reason: string }).reason);
  });
  try {
    await until(() => server.ctx.cards.service.states().every((s) => s.connected));
    const card = TEST_CARDS[0]!;
    const line = testCardQrLine(card);
    const times: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < READS; i++) {
      const seen = events.length;
      reader.place(card);
      await until(() => events.slice(seen).includes(CARD_EVENTS.present));
      const before = reader.bytes();
      const from = events.length;
      const t0 = performance.now();
      await scanner.scan(line);
      await until(() => events.slice(from).some((e) => e === CARD_EVENTS.read || e === CARD_EVENTS.failed));
      const ok = events.slice(from).includes(CARD_EVENTS.read);
      const after = reader.bytes();
      if (ok) times.push(performance.now() - t0);
      if (ok) bytes.push(after.toDevice - before.toDevice + after.fromDevice - before.fromDevice + Buffer.byteLength(line) + 2);
      const removed = events.length;
      reader.remove();
      await until(() => events.slice(removed).includes(CARD_EVENTS.removed));
    }
    if (times.length === 0) return [`card read: every read failed (${failures.join(', ')})`];
    const sorted = [...times].sort((a, b) => a - b);
    const meanBytes = bytes.reduce((a, b) => a + b, 0) / bytes.length;
    const floorMs = ((meanBytes * 10) / BAUD) * 1000;
    const median = quantile(sorted, 0.5);
    return [
      `card read (QR scan → verified identity at the kiosk channel, ${READS} reads over socat pseudo-terminals):`,
      `  median ${median.toFixed(0)} ms, p99 ${quantile(sorted, 0.99).toFixed(0)} ms (target: median ≤ 1500 ms)` +
        (failures.length > 0 ? `; ${failures.length} of ${READS} reads failed (${failures.join(', ')})` : ''),
      `  ${meanBytes.toFixed(0)} bytes exchanged per read; serial floor at ${BAUD} baud ${floorMs.toFixed(0)} ms;` +
        ` median = ${(median / floorMs).toFixed(2)}× the floor (a pseudo-terminal does not pace bytes at the baud rate)`,
    ];
  } finally {
    await server.close();
    await Promise.all([reader.close(), scanner.close()]);
    for (const p of pairs) p.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = await cardReadBench();
  for (const l of lines) console.log(l);
  process.exit(0);
}
