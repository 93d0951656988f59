/**
 * Which readers an office has, and building them: the environment (CARD_READER,
 * QR_SCANNER) overrides `settings.cardReaders`; with neither, one simulated reader at the
 * kiosk without an id. A real port's path is checked before each open: it must resolve to
 * a character device inside /dev.
 */
import type crypto from 'node:crypto';
import { checkDevicePath } from '../../drivers/printer/device';
import {
  openSerialPort,
  Pn532CardReader,
  QrLineCardReader,
  SimulatedCardReader,
  type CardReader,
  type CardReaderConfig,
  type OpenPort,
} from '../../drivers/card-reader';
import { cardReadersSchema, invalidSetting, type SettingsFault } from '../config/officeSettings';
import { serialPathProblem } from './readerSettings';

export interface ReaderEnv {
  /** CARD_READER: a PN532's port, at the kiosk without an id. */
  cardReader?: string;
  /** QR_SCANNER: a QR scanner's port, at the same place. */
  qrScanner?: string;
}

export const DEFAULT_READERS: readonly CardReaderConfig[] = [
  { key: 'simulated', protocol: 'simulated', path: '', place: { kind: 'kiosk', kioskId: null } },
];

/** The readers to run, and the faults of environment variables that were ignored. */
export function configuredReaders(settings: Record<string, unknown>, env: ReaderEnv): { readers: CardReaderConfig[]; faults: SettingsFault[] } {
  const faults: SettingsFault[] = [];
  const fromEnv: CardReaderConfig[] = [];
  const kiosk = { kind: 'kiosk' as const, kioskId: null };
  for (const [name, path, protocol, key] of [
    ['CARD_READER', env.cardReader, 'pn532', 'env-card-reader'],
    ['QR_SCANNER', env.qrScanner, 'qr-line', 'env-qr-scanner'],
  ] as const) {
    if (!path) continue;
    const why = serialPathProblem(path);
    if (why) faults.push(invalidSetting(name, why));
    else fromEnv.push({ key, protocol, path, baudRate: protocol === 'pn532' ? 115200 : 9600, place: kiosk });
  }
  if (fromEnv.length > 0) return { readers: fromEnv, faults };
  const stored = settings.cardReaders === undefined ? null : cardReadersSchema.safeParse(settings.cardReaders);
  if (stored?.success) return { readers: stored.data, faults };
  return { readers: DEFAULT_READERS.map((r) => ({ ...r })), faults };
}

/** Opens a serial port only when its path is a character device inside /dev. */
const checkedOpen: OpenPort = async (path, baudRate) => {
  const check = await checkDevicePath(path);
  if (!check.ok) throw new Error(check.english);
  return openSerialPort(check.real, baudRate);
};

/**
 * A real PN532 acknowledges within a millisecond, but a server busy for a moment (drawing a
 * ticket) may see the ACK only after a short timer fired: the resent command would then run
 * twice on the card and break secure messaging. A longer wait only slows recovery from a
 * frame really lost, which is rare on a cable.
 */
export const SERVER_LINK_OPTIONS = { ackTimeoutMs: 750, responseTimeoutMs: 1500 };

export interface ReaderFactoryOptions {
  /** Tests: an opener for every real protocol (default: the serial port, path checked). */
  openPort?: OpenPort;
  cscas?: readonly crypto.X509Certificate[];
  pollIntervalMs?: number;
  reopenDelayMs?: number;
}

export function createReader(config: CardReaderConfig, options: ReaderFactoryOptions = {}): CardReader {
  const openPort = options.openPort ?? checkedOpen;
  switch (config.protocol) {
    case 'pn532':
      return new Pn532CardReader({
        config,
        openPort,
        cscas: options.cscas ?? [],
        pollIntervalMs: options.pollIntervalMs,
        reopenDelayMs: options.reopenDelayMs,
        link: SERVER_LINK_OPTIONS,
      });
    case 'qr-line':
      return new QrLineCardReader({ config, openPort, reopenDelayMs: options.reopenDelayMs });
    case 'simulated':
      return new SimulatedCardReader({ config, pollIntervalMs: options.pollIntervalMs, link: SERVER_LINK_OPTIONS });
  }
}
