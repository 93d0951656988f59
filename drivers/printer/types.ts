import type { RenderedTicket } from './render';

/** Data printed on one queue ticket. Everything is rendered as a raster image. */
export interface TicketPrintJob {
  /** e.g. "UBND XÃ HÒA AN" */
  unitName: string;
  /** "A012" or "1012" */
  number: string;
  /** "Tư pháp – Hộ tịch" */
  serviceName: string;
  /** Printed when the field has a fixed counter. */
  counterName?: string | null;
  /** Priority category, printed as "Ưu tiên: …". */
  priorityName?: string | null;
  issuedAt: Date;
  /** IANA zone such as "Asia/Ho_Chi_Minh"; the time is printed dd/mm/yyyy HH:mm:ss in this zone. */
  timeZone: string;
  waitingAhead: number;
  /** e.g. "http://192.168.1.10:3000/t/AB12CD34EF56" */
  qrUrl: string;
  /** undefined / null = "Cảm ơn quý khách!", "" = no thank-you line. */
  thankYou?: string | null;
  /** Optional extra lines above the unit name. */
  headerLines?: string[];
  /** Optional PNG logo printed at the top. */
  logoPng?: Buffer | null;
  /** Used for file names of the simulated printer. */
  ticketId?: number | string;
  /** A raster rendered elsewhere (the dossier receipt, receipt.ts): printed as it is. */
  raster?: RenderedTicket | null;
}

export interface PrinterStatus {
  online: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Human readable problem, or null. Set (with online = true) when the printer did not answer a status request. */
  error: string | null;
  /** ISO timestamp. */
  checkedAt: string;
  kind: string;
  target: string;
}

export interface PrintResult {
  ok: true;
  /** ESC/POS bytes sent for the ticket. */
  bytes: number;
  /** Simulated printer only. */
  files?: { png: string; bin: string };
  /** True when the printer did not answer the status request before printing (printed anyway). */
  statusUnknown?: boolean;
}

export type PrinterErrorCode = 'offline' | 'timeout' | 'paper_end' | 'cover_open' | 'io';

export class PrinterError extends Error {
  readonly code: PrinterErrorCode;

  constructor(code: PrinterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterError';
    this.code = code;
  }
}

export type PrinterKind = 'escpos-tcp' | 'escpos-device' | 'simulated';

export interface TicketPrinter {
  readonly kind: PrinterKind;
  readonly target: string;
  print(job: TicketPrintJob): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export interface PrinterConfig {
  /**
   * 'tcp://host:9100' (port 1–65535), a character device under /dev ('/dev/usb/lp0'), 'simulated'
   * or empty = simulated, 'none' = no printer (createPrinter returns null). See shared/printerSettings.ts.
   */
  uri?: string | null;
  /** 576 (80 mm, default) or 384 (58 mm); any multiple of 8 in 256..832 is accepted. */
  paperWidthDots?: number;
  /** The simulated printer writes here. */
  outputDir: string;
  /** Bound for connecting and for transferring a ticket: an integer in 200..10000, default 3000. */
  timeoutMs?: number;
  /** Bound for waiting on a DLE EOT status reply, default min(timeoutMs, 1000). */
  statusTimeoutMs?: number;
}
