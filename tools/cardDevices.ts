/**
 * Devices for trying the card reader without hardware, on real serial ports: a socat
 * pseudo-terminal pair, a simulated PN532 (with a test CCCD chip) on one end, and a QR
 * scanner typing a card's QR line on another. Used by `npm run simulate:card` and tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { SimulatedPn532, testCardChip, type SimulatedChip, type TestCard } from '../drivers/card-reader';

export const hasSocat = (): boolean => spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

export interface PtyPair {
  /** The end the server opens (a /dev/pts/N path). */
  host: string;
  /** The end the simulated device opens. */
  device: string;
  close(): void;
}

/** Starts `socat` linking two pseudo-terminals (raw, no echo); resolves once both exist. */
export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'quayso-pty-'));
  const links = { host: join(dir, 'host'), device: join(dir, 'device') };
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${links.host}`, `pty,raw,echo=0,link=${links.device}`], { stdio: 'ignore' });
  for (let i = 0; i < 250 && !(existsSync(links.host) && existsSync(links.device)); i++) await new Promise((r) => setTimeout(r, 20));
  if (!existsSync(links.host) || !existsSync(links.device)) {
    socat.kill();
    throw new Error('socat did not create the pseudo-terminals');
  }
  return {
    host: realpathSync(links.host),
    device: realpathSync(links.device),
    close: () => {
      socat.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function open(path: string, baudRate: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}

const closed = (port: SerialPort): Promise<void> => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));

export interface SimulatedReaderDevice {
  pn532: SimulatedPn532;
  /** Lays a test card on the reader (its chip returned, for tests that watch or break it). */
  place(card: TestCard): SimulatedChip;
  remove(): void;
  /** Bytes exchanged both ways so far. */
  bytes(): { toDevice: number; fromDevice: number };
  close(): Promise<void>;
}

/** A simulated PN532 on the device end of a pseudo-terminal at 115200 baud. */
export async function simulatedReaderDevice(path: string, baudRate = 115200): Promise<SimulatedReaderDevice> {
  const port = await open(path, baudRate);
  const counts = { toDevice: 0, fromDevice: 0 };
  const pn532 = new SimulatedPn532((bytes) => {
    counts.fromDevice += bytes.length;
    port.write(bytes);
  }, { asleep: true });
  port.on('data', (chunk: Buffer) => {
    counts.toDevice += chunk.length;
    pn532.receive(chunk);
  });
  return {
    pn532,
    place: (card) => {
      const chip = testCardChip(card);
      pn532.placeCard(chip);
      return chip;
    },
    remove: () => pn532.placeCard(null),
    bytes: () => ({ ...counts }),
    close: () => closed(port),
  };
}

export interface QrScannerDevice {
  /** Types one line, as a scanner in USB-COM mode does (CR LF ended). */
  scan(line: string): Promise<void>;
  close(): Promise<void>;
}

export async function qrScannerDevice(path: string, baudRate = 9600): Promise<QrScannerDevice> {
  const port = await open(path, baudRate);
  return {
    scan: (line) => new Promise((resolve, reject) => port.write(Buffer.from(`${line}\r\n`, 'utf8'), (e) => (e ? reject(e) : port.drain(() => resolve())))),
    close: () => closed(port),
  };
}
