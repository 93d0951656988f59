import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { Pn532CardReader } from '../../../drivers/card-reader/pn532-reader';
import { SimulatedPn532 } from '../../../drivers/card-reader/simulated-pn532';
import type { CardReaderEvent } from '../../../drivers/card-reader/types';
import { TEST_HOLDER, testChip, testCsca } from './identity-fixture';

const hasSocat = spawnSync('socat', ['-V']).status === 0;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor(file: string): Promise<void> {
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
}

describe.skipIf(!hasSocat)('PN532 reader on a real serial port (socat pseudo-terminals)', () => {
  it('reads the simulated card at 115200 baud through the serialport package', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn532-'));
    const host = path.join(dir, 'host');
    const device = path.join(dir, 'device');
    const socat = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    cleanups.push(() => socat.kill());
    await waitFor(host);
    await waitFor(device);

    const devicePort = new SerialPort({ path: device, baudRate: 115200 });
    await new Promise((resolve, reject) => devicePort.once('open', resolve).once('error', reject));
    cleanups.push(() => new Promise((resolve) => devicePort.close(() => resolve(undefined))));
    const pn532 = new SimulatedPn532((bytes) => devicePort.write(bytes), { asleep: true });
    devicePort.on('data', (chunk: Buffer) => pn532.receive(chunk));
    pn532.placeCard(testChip());

    const reader = new Pn532CardReader({
      config: { key: 'pty', protocol: 'pn532', path: host, place: { kind: 'kiosk', kioskId: null } },
      cscas: [testCsca()],
      pollIntervalMs: 20,
    });
    cleanups.push(() => reader.close());
    const read = new Promise<CardReaderEvent>((resolve) =>
      reader.on((event) => {
        if (event.type === 'card-read' || event.type === 'card-read-failed') resolve(event);
      }),
    );
    await reader.start();
    reader.provideKey({ idNumber: TEST_HOLDER.idNumber, birthDate: TEST_HOLDER.birthDate, expiryDates: [TEST_HOLDER.expiryDate] });
    expect(await read).toMatchObject({ type: 'card-read', identity: { idNumber: '001099012345', chip: 'verified' } });
  });
});
