import { constants, promises as fsp, type Stats } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { DEVICE_ROOT } from '../../shared/printerSettings';
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
  /** A character device: /dev/usb/lp0, a serial port or a pty (a symlink to one is followed). */
  path: string;
  widthDots: number;
  /** Bound for opening and writing a job. */
  timeoutMs: number;
  /** Bound for a DLE EOT reply from a character device. */
  statusTimeoutMs: number;
  /** The directory the path must resolve into (default /dev; tests use a temporary one). */
  deviceRoot?: string;
}

type FileHandle = fsp.FileHandle;

// No O_CREAT, O_TRUNC or O_APPEND: opening never creates or changes a file. O_NOFOLLOW: the
// resolved path is opened, so a symlink swapped in after resolving is refused, not followed.
const { O_WRONLY, O_RDWR, O_NONBLOCK, O_NOCTTY, O_NOFOLLOW } = constants;
const OPEN_FLAGS = O_NONBLOCK | O_NOCTTY | O_NOFOLLOW;
const CHUNK = 16 * 1024;
const POLL_MS = 5;
const OFFLINE_CODES = ['ENOENT', 'ENXIO', 'ENODEV', 'EBUSY', 'ENOTDIR'];

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException | null)?.code ?? 'EIO';
const busy = (code: string): boolean => code === 'EAGAIN' || code === 'EWOULDBLOCK';

const isInside = (path: string, root: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  return 'not a device';
}

const DESCRIBE_VI: Record<string, string> = {
  'a regular file': 'là tệp thường',
  'a FIFO': 'là FIFO',
  'a block device': 'là thiết bị khối (ổ đĩa)',
  'a directory': 'là thư mục',
};

export type DeviceCheck =
  | { ok: true; real: string }
  | { ok: false; missing: boolean; reason: string; english: string };

/**
 * Resolves a printer device path through every symlink and checks that it lands inside the
 * device root (/dev) on a character device. Nothing is opened. Reasons are in Vietnamese.
 */
export async function checkDevicePath(path: string, deviceRoot: string = DEVICE_ROOT): Promise<DeviceCheck> {
  let real: string;
  let root: string;
  let st: Stats;
  try {
    [real, root] = await Promise.all([fsp.realpath(path), fsp.realpath(deviceRoot)]);
    st = await fsp.stat(real);
  } catch (e) {
    const code = errCode(e);
    const missing = OFFLINE_CODES.includes(code);
    return missing
      ? { ok: false, missing, reason: `không tìm thấy thiết bị ${path}`, english: `device ${path} not found (${code})` }
      : { ok: false, missing, reason: `không kiểm tra được thiết bị ${path} (${code})`, english: `cannot resolve ${path} (${code})` };
  }
  if (!isInside(real, root)) {
    return { ok: false, missing: false, reason: `${path} nằm ngoài ${deviceRoot}`, english: `${path} is outside ${deviceRoot}, not a character device: refused` };
  }
  if (!st.isCharacterDevice()) {
    const what = kindOf(st);
    return {
      ok: false,
      missing: false,
      reason: `${path} ${DESCRIBE_VI[what] ?? 'không phải thiết bị'}, không phải thiết bị ký tự của máy in`,
      english: `${path} is ${what}, not a character device: refused`,
    };
  }
  return { ok: true, real };
}

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

  /** The real path of the device (see checkDevicePath); anything else is refused before it is opened. */
  private async resolve(): Promise<string> {
    const r = await checkDevicePath(this.target, this.opts.deviceRoot);
    if (r.ok) return r.real;
    throw new PrinterError(r.missing ? 'offline' : 'io', `Printer ${r.english}`);
  }

  /** Opens the resolved device and checks, on the open descriptor, that it is a character device. */
  private async open(real: string, access: number): Promise<FileHandle> {
    let fh: FileHandle;
    try {
      fh = await fsp.open(real, access | OPEN_FLAGS);
    } catch (e) {
      const code = errCode(e);
      const offline = OFFLINE_CODES.includes(code);
      const msg = offline ? `Printer ${this.target} is not available (${code})` : `Cannot open printer ${this.target} (${code})`;
      throw new PrinterError(offline ? 'offline' : 'io', msg, { cause: e });
    }
    const st = await fh.stat().catch(() => null);
    if (st?.isCharacterDevice()) return fh;
    await fh.close().catch(() => undefined);
    throw new PrinterError('io', `Printer ${this.target} is ${st ? kindOf(st) : 'not readable'}, not a character device: refused`);
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

  /** DLE EOT 1/2/4 on the device opened read/write; null when it cannot be read or does not answer. */
  private async readStatus(real: string): Promise<StatusBits | null> {
    let fh: FileHandle;
    try {
      fh = await this.open(real, O_RDWR);
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

  async print(job: TicketPrintJob): Promise<PrintResult> {
    if (this.closing) throw new PrinterError('io', `Printer ${this.target} is closed`);
    const bytes = encodeTicket(job, this.opts.widthDots);
    return this.queue.run(async () => {
      const real = await this.resolve();
      const bits = await this.readStatus(real);
      const refused = bits && refusal(bits, this.target);
      if (refused) throw refused;
      const deadline = Date.now() + this.opts.timeoutMs;
      const fh = await this.open(real, O_WRONLY);
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
      return bits == null ? { ok: true, bytes: bytes.length, statusUnknown: true } : { ok: true, bytes: bytes.length };
    });
  }

  async status(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      const check = await checkDevicePath(this.target, this.opts.deviceRoot);
      if (!check.ok) {
        const vi = check.missing ? check.reason : `Đã từ chối: ${check.reason}`;
        return offlineStatus(this.kind, this.target, `${vi} (${check.english})`);
      }
      const { real } = check;
      const bits = await this.readStatus(real);
      if (bits) return statusFromBits(bits, this.kind, this.target);
      try {
        await (await this.open(real, O_WRONLY)).close();
        return { ...statusFromBits(null, this.kind, this.target), error: null };
      } catch {
        return offlineStatus(this.kind, this.target, `Không ghi được vào ${this.target} (not writable)`);
      }
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
  }
}
