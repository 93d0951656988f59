import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CARDS, testCardQrLine } from '../../drivers/card-reader';
import { loadCscas } from '../../server/cards/csca';
import { CARD_EVENTS, KIOSK_NAMESPACE, type CardReadEvent } from '../../shared/cards';
import { Client, startTestServer } from '../helpers/server';
import { hasSocat, ptyPair, qrScannerDevice, simulatedReaderDevice } from '../../tools/cardDevices';

const TEST_PKI = join(import.meta.dirname, '..', '..', 'drivers', 'card-reader', 'test-pki');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quayso-csca-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the office’s CSCA certificates (DATA_DIR/csca)', () => {
  it('loads CA certificates and skips, with a reason, what is not one', async () => {
    const dir = tempDir();
    copyFileSync(join(TEST_PKI, 'csca.pem'), join(dir, 'vn-csca.pem'));
    copyFileSync(join(TEST_PKI, 'ds.pem'), join(dir, 'signer.pem')); // a document signer, not a CA
    writeFileSync(join(dir, 'notes.txt'), 'not a certificate');
    mkdirSync(join(dir, 'old'));
    const store = await loadCscas(dir);
    expect(store.certificates).toHaveLength(1);
    expect(store.certificates[0]?.ca).toBe(true);
    expect(store.problems.map((p) => p.file)).toEqual(['notes.txt', 'old', 'signer.pem']);
    expect(store.problems.find((p) => p.file === 'signer.pem')?.reason).toBe('not a CA certificate');
    expect(await loadCscas(join(dir, 'missing'))).toEqual({ certificates: [], problems: [] });
  });

  it.skipIf(!hasSocat())('with the CSCA in place, a chip read over a serial port is verified up to its signature chain', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'csca'));
    copyFileSync(join(TEST_PKI, 'csca.pem'), join(dataDir, 'csca', 'csca.pem'));
    const pairs = [await ptyPair(), await ptyPair()];
    cleanups.push(() => pairs.forEach((p) => p.close()));
    const reader = await simulatedReaderDevice(pairs[0]!.device);
    const scanner = await qrScannerDevice(pairs[1]!.device);
    cleanups.push(() => reader.close(), () => scanner.close());
    const s = await startTestServer({ dataDir, cardReaders: { cardReader: pairs[0]!.host, qrScanner: pairs[1]!.host } });
    cleanups.push(() => s.close());
    const socket = connect(`${s.url}${KIOSK_NAMESPACE}`, { transports: ['websocket'], forceNew: true, auth: { kioskId: null } });
    cleanups.push(() => socket.disconnect());
    let read: CardReadEvent | null = null;
    socket.on(CARD_EVENTS.read, (e: CardReadEvent) => (read = e));
    await until(() => s.app.ctx.cards.service.states().every((r) => r.connected) && socket.connected);

    reader.place(TEST_CARDS[0]!);
    await scanner.scan(testCardQrLine(TEST_CARDS[0]!));
    await until(() => read !== null);
    const issued = await new Client(s.url).post<{ ticket: { id: number } }>('/api/tickets', {
      serviceId: s.app.ctx.config.services()[0]!.id,
      cardReadId: read!.readId,
    });
    expect(issued.status).toBe(201);
    expect(s.app.ctx.cards.service.repo.forTicket(issued.body.ticket.id)).toMatchObject({ check: 'verified' });
  }, 60_000);
});
