import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevicePrinter } from './device';
import { assertWidth } from './render';
import { SimulatedPrinter } from './simulated';
import { TcpPrinter } from './tcp';
import type { PrinterConfig, TicketPrinter } from './types';

export * from './types';
export { renderTicket, DEFAULT_THANK_YOU, QR_CAPTION, type RenderedTicket } from './render';
export { wrapText } from './text';
export { encodeTicket, encodeRendered, rasterBands, rasterHeader, ESC_INIT, type EscPosOptions } from './escpos';
export { parseStatusReply, STATUS_QUERY, STATUS_PROBE, type StatusBits } from './status';
export { formatTicketTime, formatDateKey } from './format';
export { TcpPrinter, type TcpPrinterOptions } from './tcp';
export { DevicePrinter, type DevicePrinterOptions } from './device';
export { SimulatedPrinter, type SimulatedPrinterOptions } from './simulated';

export const DEFAULT_PAPER_WIDTH_DOTS = 576;
export const DEFAULT_TIMEOUT_MS = 3000;
export const DEFAULT_TCP_PORT = 9100;

export type ParsedPrinterUri =
  | { kind: 'simulated' }
  | { kind: 'escpos-tcp'; host: string; port: number }
  | { kind: 'escpos-device'; path: string };

const TCP_URI = /^tcp:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?\/?$/i;

function badUri(uri: string, why: string): Error {
  return new Error(
    `Invalid printer uri "${uri}": ${why}. Use tcp://host[:port], a device path such as /dev/usb/lp0, ` +
      `an absolute file path, or "simulated" (empty also means simulated).`,
  );
}

/** Parses PrinterConfig.uri; throws an Error with a clear message on anything else. */
export function parsePrinterUri(uri: string | null | undefined): ParsedPrinterUri {
  const raw = (uri ?? '').trim();
  if (raw === '' || raw.toLowerCase() === 'simulated') return { kind: 'simulated' };
  if (/^tcp:/i.test(raw)) {
    const m = TCP_URI.exec(raw);
    if (!m) throw badUri(raw, 'malformed tcp address');
    const port = m[2] === undefined ? DEFAULT_TCP_PORT : Number(m[2]);
    if (port < 1 || port > 65535) throw badUri(raw, 'port must be 1..65535');
    return { kind: 'escpos-tcp', host: m[1]!.replace(/^\[|\]$/g, ''), port };
  }
  if (/^file:/i.test(raw)) {
    try {
      return { kind: 'escpos-device', path: fileURLToPath(raw) };
    } catch {
      throw badUri(raw, 'malformed file url');
    }
  }
  if (raw.startsWith('/') && isAbsolute(raw)) return { kind: 'escpos-device', path: raw };
  throw badUri(raw, 'unknown scheme or relative path');
}

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}

/** Builds the printer described by the config (simulated when uri is empty or "simulated"). */
export function createPrinter(config: PrinterConfig): TicketPrinter {
  const widthDots = config.paperWidthDots ?? DEFAULT_PAPER_WIDTH_DOTS;
  assertWidth(widthDots);
  const timeoutMs = positiveMs(config.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const statusTimeoutMs = positiveMs(config.statusTimeoutMs, Math.min(timeoutMs, 1000), 'statusTimeoutMs');
  const parsed = parsePrinterUri(config.uri);
  switch (parsed.kind) {
    case 'escpos-tcp':
      return new TcpPrinter({ host: parsed.host, port: parsed.port, widthDots, timeoutMs, statusTimeoutMs });
    case 'escpos-device':
      return new DevicePrinter({ path: parsed.path, widthDots, timeoutMs, statusTimeoutMs });
    case 'simulated':
      if (!config.outputDir) throw new Error('PrinterConfig.outputDir is required for the simulated printer');
      return new SimulatedPrinter({ outputDir: config.outputDir, widthDots });
  }
}
