import net from 'node:net';
import { encodeTicket } from './escpos';
import {
  offlineStatus,
  parseStatusReply,
  refusal,
  SerialQueue,
  STATUS_PROBE,
  STATUS_QUERY,
  statusFromBits,
  type StatusBits,
} from './status';
import { PrinterError, type PrinterStatus, type PrintResult, type TicketPrinter, type TicketPrintJob } from './types';

export interface TcpPrinterOptions {
  host: string;
  port: number;
  widthDots: number;
  /** Bound for connecting and for the printer to take a job. */
  timeoutMs: number;
  /** Bound for a DLE EOT status reply. */
  statusTimeoutMs: number;
}

/** A connected socket with its received bytes and end/close/error state. */
class Link {
  private rx: Buffer[] = [];
  rxTotal = 0;
  peerEnded = false;
  closed = false;
  error: Error | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.rx.push(d);
      this.rxTotal += d.length;
      this.notify();
    });
    socket.on('end', () => {
      this.peerEnded = true;
      this.notify();
    });
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
    socket.on('error', (e) => {
      this.error = e;
      this.notify();
    });
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  get gone(): boolean {
    return this.peerEnded || this.closed || this.error != null;
  }

  /** Resolves true as soon as cond() holds, false after ms. */
  waitFor(cond: () => boolean, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (cond()) return resolve(true);
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(value);
      };
      const check = (): void => {
        if (cond()) finish(true);
      };
      const timer = setTimeout(() => finish(false), ms);
      this.listeners.add(check);
    });
  }

  take(): Buffer {
    const all = Buffer.concat(this.rx);
    this.rx = [];
    return all;
  }

  /** Graceful close: FIN after pending data, hard close if the peer lingers. */
  release(graceMs: number): void {
    this.socket.end();
    if (this.closed) return;
    const timer = setTimeout(() => this.socket.destroy(), graceMs);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
  }
}

/** Network ESC/POS printer on raw TCP (port 9100). One connection per job or status query. */
export class TcpPrinter implements TicketPrinter {
  readonly kind = 'escpos-tcp' as const;
  readonly target: string;
  private readonly queue = new SerialQueue();
  private closing = false;

  constructor(private readonly opts: TcpPrinterOptions) {
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    this.target = `tcp://${host}:${opts.port}`;
  }

  private connect(): Promise<Link> {
    const { host, port, timeoutMs } = this.opts;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const fail = (err: PrinterError): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new PrinterError('offline', `Printer ${this.target} did not accept a connection within ${timeoutMs} ms`)),
        timeoutMs,
      );
      socket.once('error', (e: NodeJS.ErrnoException) =>
        fail(new PrinterError('offline', `Printer ${this.target} is unreachable (${e.code ?? e.message})`, { cause: e })),
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        socket.removeAllListeners('error');
        resolve(new Link(socket));
      });
    });
  }

  /** Sends DLE EOT 1/2/4; null when the printer does not answer in time (status unknown). */
  private async queryStatus(link: Link): Promise<StatusBits | null> {
    link.socket.write(STATUS_QUERY);
    await link.waitFor(() => link.rxTotal >= 3 || link.gone, this.opts.statusTimeoutMs);
    const reply = link.take();
    if (reply.length === 0 && link.gone) {
      throw new PrinterError('offline', `Printer ${this.target} closed the connection`, { cause: link.error ?? undefined });
    }
    return parseStatusReply(reply);
  }

  /**
   * Writes the job followed by DLE EOT 1, half-closes, and waits until the printer proves it has
   * read everything: it closes its side after our FIN, or it answers the trailing DLE EOT.
   */
  private async transfer(link: Link, bytes: Buffer): Promise<void> {
    let flushed = false;
    const mark = link.rxTotal;
    link.socket.write(Buffer.concat([bytes, STATUS_PROBE]), (err) => {
      if (!err) flushed = true;
      link.notify();
    });
    link.socket.end();
    const taken = (): boolean =>
      flushed && (link.peerEnded || link.rxTotal > mark || (link.closed && link.error == null));
    await link.waitFor(() => taken() || link.error != null, this.opts.timeoutMs);
    if (taken()) return;
    if (link.error) {
      throw new PrinterError('io', `Printer ${this.target} connection failed while printing`, { cause: link.error });
    }
    throw new PrinterError('timeout', `Printer ${this.target} did not take the ticket within ${this.opts.timeoutMs} ms`);
  }

  async print(job: TicketPrintJob): Promise<PrintResult> {
    if (this.closing) throw new PrinterError('io', `Printer ${this.target} is closed`);
    const bytes = encodeTicket(job, this.opts.widthDots);
    return this.queue.run(async () => {
      const link = await this.connect();
      let ok = false;
      try {
        const bits = await this.queryStatus(link);
        if (bits) {
          const refused = refusal(bits, this.target);
          if (refused) throw refused;
        }
        await this.transfer(link, bytes);
        ok = true;
        return bits ? { ok: true, bytes: bytes.length } : { ok: true, bytes: bytes.length, statusUnknown: true };
      } finally {
        if (ok) link.release(this.opts.timeoutMs);
        else link.socket.destroy();
      }
    });
  }

  async status(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      let link: Link;
      try {
        link = await this.connect();
      } catch (e) {
        return offlineStatus(this.kind, this.target, e instanceof Error ? e.message : String(e));
      }
      try {
        return statusFromBits(await this.queryStatus(link), this.kind, this.target);
      } catch (e) {
        return offlineStatus(this.kind, this.target, e instanceof Error ? e.message : String(e));
      } finally {
        link.release(this.opts.timeoutMs);
      }
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
  }
}
