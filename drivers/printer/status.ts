import { PrinterError, type PrinterStatus } from './types';

/** DLE EOT 1 (printer), DLE EOT 2 (offline cause), DLE EOT 4 (roll paper sensor): replies arrive in this order. */
export const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
/** DLE EOT 1 alone, appended after a job: a reply proves the printer has read the job. */
export const STATUS_PROBE = Buffer.from([0x10, 0x04, 0x01]);

export interface StatusBits {
  offline: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  errorOccurred: boolean;
}

/** Every DLE EOT reply has bit 1 and bit 4 set and bits 0 and 7 clear. */
function valid(b: number | undefined): b is number {
  return b !== undefined && (b & 0x93) === 0x12;
}

/**
 * Parses the replies to STATUS_QUERY ([printer, offline cause, paper sensor]; a shorter prefix is
 * accepted when the printer only answers some of them). Returns null when there is no usable reply.
 */
export function parseStatusReply(reply: Uint8Array): StatusBits | null {
  const [printer, cause, paper] = [reply[0], reply[1], reply[2]];
  if (!valid(printer)) return null;
  const bits: StatusBits = {
    offline: (printer & 0x08) !== 0,
    coverOpen: false,
    paperEnd: false,
    paperNearEnd: false,
    errorOccurred: false,
  };
  if (valid(cause)) {
    bits.coverOpen = (cause & 0x04) !== 0;
    bits.paperEnd = (cause & 0x20) !== 0;
    bits.errorOccurred = (cause & 0x40) !== 0;
  }
  if (valid(paper)) {
    bits.paperNearEnd = (paper & 0x0c) !== 0;
    bits.paperEnd ||= (paper & 0x60) !== 0;
  }
  return bits;
}

/** The error that must stop a print, or null when the printer can print. */
export function refusal(bits: StatusBits, target: string): PrinterError | null {
  if (bits.paperEnd) return new PrinterError('paper_end', `Printer ${target} is out of paper`);
  if (bits.coverOpen) return new PrinterError('cover_open', `Printer ${target} cover is open`);
  if (bits.errorOccurred) return new PrinterError('offline', `Printer ${target} reports an error`);
  if (bits.offline) return new PrinterError('offline', `Printer ${target} is offline`);
  return null;
}

function describe(bits: StatusBits): string | null {
  if (bits.paperEnd) return 'Hết giấy (paper end)';
  if (bits.coverOpen) return 'Nắp máy in đang mở (cover open)';
  if (bits.errorOccurred) return 'Máy in báo lỗi (printer error)';
  if (bits.offline) return 'Máy in ngoại tuyến (offline)';
  return null;
}

export const STATUS_UNKNOWN = 'Máy in không trả lời trạng thái (status unknown)';

/** PrinterStatus from parsed bits; bits = null means the printer is reachable but did not answer. */
export function statusFromBits(bits: StatusBits | null, kind: string, target: string): PrinterStatus {
  return {
    online: bits ? !bits.offline && !bits.paperEnd && !bits.coverOpen && !bits.errorOccurred : true,
    paperEnd: bits?.paperEnd ?? false,
    paperNearEnd: bits?.paperNearEnd ?? false,
    coverOpen: bits?.coverOpen ?? false,
    error: bits ? describe(bits) : STATUS_UNKNOWN,
    checkedAt: new Date().toISOString(),
    kind,
    target,
  };
}

export function offlineStatus(kind: string, target: string, error: string): PrinterStatus {
  return {
    online: false,
    paperEnd: false,
    paperNearEnd: false,
    coverOpen: false,
    error,
    checkedAt: new Date().toISOString(),
    kind,
    target,
  };
}

/** Runs async tasks one at a time (a printer takes one job or status query at a time). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every queued task has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
