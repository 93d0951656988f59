import { DevicePrinter } from './device';
import { assertWidth } from './render';
import { SimulatedPrinter } from './simulated';
import { TcpPrinter } from './tcp';
import type { PrinterConfig, TicketPrinter } from './types';
import { PAPER_WIDTH, parsePrinterTarget, PRINT_TIMEOUT_MS, TCP_PORT, timeoutProblem, type PrinterTarget } from '../../shared/printerSettings';

export * from './types';
export { renderTicket, DEFAULT_THANK_YOU, QR_CAPTION, type RenderedTicket } from './render';
export { wrapText } from './text';
export { renderReceipt, receiptPrintJob, dueLine, documentLine, RECEIPT_TITLE, NATIONAL_HEADING, type ReceiptSlip, type ReceiptDocument } from './receipt';
export { encodeTicket, encodeRendered, rasterBands, rasterHeader, ESC_INIT, type EscPosOptions } from './escpos';
export { parseStatusReply, STATUS_QUERY, STATUS_PROBE, type StatusBits } from './status';
export { formatTicketTime, formatDateKey } from './format';
export { TcpPrinter, type TcpPrinterOptions } from './tcp';
export { checkDevicePath, DevicePrinter, type DeviceCheck, type DevicePrinterOptions } from './device';
export { SimulatedPrinter, type SimulatedPrinterOptions } from './simulated';

export const DEFAULT_PAPER_WIDTH_DOTS = PAPER_WIDTH.default;
export const DEFAULT_TIMEOUT_MS = PRINT_TIMEOUT_MS.default;
export const DEFAULT_TCP_PORT = TCP_PORT.default;

export type ParsedPrinterUri = PrinterTarget;

/**
 * Parses PrinterConfig.uri with the rules the admin API validates with (shared/printerSettings.ts):
 * tcp://host[:port], a device under /dev, simulated (or empty), none. Throws a clear Error otherwise.
 */
export function parsePrinterUri(uri: string | null | undefined): ParsedPrinterUri {
  const r = parsePrinterTarget(uri);
  if (r.ok) return r.target;
  throw new Error(
    `Địa chỉ máy in "${(uri ?? '').trim()}" không hợp lệ: ${r.reason}. ` +
      '(Invalid printer uri: use tcp://host[:port], a device under /dev such as /dev/usb/lp0, simulated or none.)',
  );
}

function checkedTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const problem = timeoutProblem(value);
  if (problem) throw new RangeError(`timeoutMs: ${problem} (got ${value})`);
  return value;
}

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}

/**
 * Builds the printer described by the config (simulated when uri is empty or "simulated",
 * null for "none"). Accepts exactly the widths, timeouts and addresses the admin API accepts.
 */
export function createPrinter(config: PrinterConfig): TicketPrinter | null {
  const widthDots = config.paperWidthDots ?? DEFAULT_PAPER_WIDTH_DOTS;
  assertWidth(widthDots);
  const timeoutMs = checkedTimeout(config.timeoutMs);
  const statusTimeoutMs = positiveMs(config.statusTimeoutMs, Math.min(timeoutMs, 1000), 'statusTimeoutMs');
  const parsed = parsePrinterUri(config.uri);
  switch (parsed.kind) {
    case 'none':
      return null;
    case 'escpos-tcp':
      return new TcpPrinter({ host: parsed.host, port: parsed.port, widthDots, timeoutMs, statusTimeoutMs });
    case 'escpos-device':
      return new DevicePrinter({ path: parsed.path, widthDots, timeoutMs, statusTimeoutMs });
    case 'simulated':
      if (!config.outputDir) throw new Error('PrinterConfig.outputDir is required for the simulated printer');
      return new SimulatedPrinter({ outputDir: config.outputDir, widthDots });
  }
}
