import { constants, promises as fsp, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { encodeTicket } from './escpos';
import {
  offlineStatus,
  parseStatusReply,
  refusal,
  SerialQueue,
  sleep,
  STATUS_QUERY,
  statusFromBits,
  type StatusBits,
} from './status';
import { PrinterError, type PrinterStatus, type PrintResult, type TicketPrinter, type TicketPrintJob } from './types';

export interface DevicePrinterOptions {
  /** /dev/usb/lp0, a serial/pty device, a FIFO or a plain file (appended to). */
  path: string;
  widthDots: number;
  /** Bound for opening and writing a job. */
  timeoutMs: number;
  /** Bound for a DLE EOT reply from a character device. */
  statusTimeoutMs: number;
}

type FileHandle = fsp.FileHandle;
type TargetKind = 'missing' | 'char' | 'fifo' | 'file' | 'other';

const { O_WRONLY, O_RDWR, O_NONBLOCK, O_NOCTTY, O_APPEND, O_CREAT } = constants;
const CHUNK = 16 * 1024;
const POLL_MS = 5;

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException | null)?.code ?? 'EIO';
const busy = (code: string): boolean => code === 'EAGAIN' || code === 'EWOULDBLOCK';

/** Like fh.write but never waits past the deadline (a stuck kernel write is abandoned, not awaited). */
function writeBefore(fh: FileHandle, data: Buffer, offset: number, deadline: number): Promise<number> {
  const length = Math.min(CHUNK, data.length - offset);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PrinterError('timeout', 'write timed out')), Math.max(0, deadline - Date.now()));
    fh.write(data, offset, length).then(
      (r) => {
        clearTimeout(timer);
        resolve(r.bytesWritten);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Device-file ESC/POS printer. Writes are non-blocking with a deadline so a stalled printer cannot hang us. */
export class DevicePrinter implements TicketPrinter {
  readonly kind = 'escpos-device' as const;
  readonly target: string;
  private readonly queue = new SerialQueue();
  private closing = false;

  constructor(private readonly opts: DevicePrinterOptions) {
    this.target = opts.path;
  }

  private async inspect(): Promise<TargetKind> {
    let st: Stats;
    try {
      st = await fsp.stat(this.target);
    } catch {
      return 'missing';
    }
    if (st.isCharacterDevice()) return 'char';
    if (st.isFIFO()) return 'fifo';
    return st.isFile() ? 'file' : 'other';
  }

  private async writeAll(fh: FileHandle, data: Buffer, deadline: number, what: string): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      if (Date.now() >= deadline) {
        throw new PrinterError('timeout', `Printer ${this.target} did not take the ${what} within ${this.opts.timeoutMs} ms`);
      }
      try {
        const n = await writeBefore(fh, data, offset, deadline);
        offset += n;
        if (n === 0) await sleep(POLL_MS);
      } catch (e) {
        if (e instanceof PrinterError) {
          throw new PrinterError('timeout', `Printer ${this.target} did not take the ${what} within ${this.opts.timeoutMs} ms`);
        }
        const code = errCode(e);
        if (code === 'ENOSPC') throw new PrinterError('paper_end', `Printer ${this.target} is out of paper`, { cause: e });
        if (!busy(code)) throw new PrinterError('io', `Writing to printer ${this.target} failed (${code})`, { cause: e });
        await sleep(POLL_MS);
      }
    }
  }

  /** DLE EOT 1/2/4 on a character device opened read/write; null when it cannot be read or does not answer. */
  private async readStatus(): Promise<StatusBits | null> {
    let fh: FileHandle;
    try {
      fh = await fsp.open(this.target, O_RDWR | O_NONBLOCK | O_NOCTTY);
    } catch {
      return null;
    }
    const deadline = Date.now() + this.opts.statusTimeoutMs;
    const reply = Buffer.alloc(16);
    let got = 0;
    let stuck = false;
    try {
      await this.writeAll(fh, STATUS_QUERY, deadline, 'status request');
      while (got < 3 && Date.now() < deadline) {
        try {
          const { bytesRead } = await fh.read(reply, got, reply.length - got, null);
          if (bytesRead === 0) break; // EOF: the device cannot report status
          got += bytesRead;
        } catch (e) {
          if (!busy(errCode(e))) break;
          await sleep(POLL_MS);
        }
      }
    } catch (e) {
      stuck = e instanceof PrinterError && e.code === 'timeout';
    } finally {
      const closing = fh.close().catch(() => undefined);
      if (!stuck) await closing;
    }
    return parseStatusReply(reply.subarray(0, got));
  }

  private async openForWrite(kind: TargetKind): Promise<FileHandle> {
    const flags = O_WRONLY | O_NONBLOCK | O_NOCTTY | (kind === 'file' || kind === 'missing' ? O_APPEND | O_CREAT : 0);
    try {
      return await fsp.open(this.target, flags, 0o644);
    } catch (e) {
      const code = errCode(e);
      const offline = ['ENOENT', 'ENXIO', 'ENODEV', 'EBUSY', 'ENOTDIR'].includes(code);
      const msg = offline ? `Printer ${this.target} is not available (${code})` : `Cannot open printer ${this.target} (${code})`;
      throw new PrinterError(offline ? 'offline' : 'io', msg, { cause: e });
    }
  }

  async print(job: TicketPrintJob): Promise<PrintResult> {
    if (this.closing) throw new PrinterError('io', `Printer ${this.target} is closed`);
    const bytes = encodeTicket(job, this.opts.widthDots);
    return this.queue.run(async () => {
      const kind = await this.inspect();
      if (kind === 'missing' && this.target.startsWith('/dev/')) {
        throw new PrinterError('offline', `Printer device ${this.target} not found`);
      }
      let statusUnknown = false;
      if (kind === 'char') {
        const bits = await this.readStatus();
        const refused = bits && refusal(bits, this.target);
        if (refused) throw refused;
        statusUnknown = bits == null;
      }
      const deadline = Date.now() + this.opts.timeoutMs;
      const fh = await this.openForWrite(kind);
      let stuck = false;
      try {
        await this.writeAll(fh, bytes, deadline, 'ticket');
      } catch (e) {
        stuck = e instanceof PrinterError && e.code === 'timeout';
        throw e;
      } finally {
        const closing = fh.close().catch(() => undefined);
        if (!stuck) await closing;
      }
      return statusUnknown ? { ok: true, bytes: bytes.length, statusUnknown } : { ok: true, bytes: bytes.length };
    });
  }

  private async writable(kind: TargetKind): Promise<boolean> {
    try {
      if (kind === 'missing' || kind === 'fifo') {
        // opening a FIFO would hand its reader an end-of-file, so only permissions are checked
        await fsp.access(kind === 'fifo' ? this.target : dirname(this.target), constants.W_OK);
        return true;
      }
      const fh = await fsp.open(this.target, O_WRONLY | O_NONBLOCK | O_NOCTTY | (kind === 'file' ? O_APPEND : 0));
      await fh.close();
      return true;
    } catch {
      return false;
    }
  }

  async status(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      const kind = await this.inspect();
      if (kind === 'missing' && this.target.startsWith('/dev/')) {
        return offlineStatus(this.kind, this.target, `Không tìm thấy thiết bị ${this.target} (device not found)`);
      }
      if (kind === 'char') {
        const bits = await this.readStatus();
        if (bits) return statusFromBits(bits, this.kind, this.target);
      }
      if (await this.writable(kind)) return { ...statusFromBits(null, this.kind, this.target), error: null };
      return offlineStatus(this.kind, this.target, `Không ghi được vào ${this.target} (not writable)`);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
  }
}
