import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { encodeRendered } from './escpos';
import { formatDateKey } from './format';
import { renderTicket } from './render';
import { SerialQueue, statusFromBits } from './status';
import { PrinterError, type PrinterStatus, type PrintResult, type TicketPrinter, type TicketPrintJob } from './types';

export interface SimulatedPrinterOptions {
  outputDir: string;
  widthDots: number;
}

/** Keeps file names portable: letters, digits, '-' and '_' only. */
function safeName(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  return cleaned || 'ticket';
}

/**
 * Printer stand-in for development and demos: writes
 * `<outputDir>/<yyyy-mm-dd>/<number>-<ticketId | issuedAt ms>.png` (what would be printed) and `.bin`
 * (the exact ESC/POS bytes). The date is taken in the job's time zone.
 */
export class SimulatedPrinter implements TicketPrinter {
  readonly kind = 'simulated' as const;
  readonly target: string;
  private readonly queue = new SerialQueue();
  private closing = false;

  constructor(private readonly opts: SimulatedPrinterOptions) {
    this.target = resolve(opts.outputDir);
  }

  async print(job: TicketPrintJob): Promise<PrintResult> {
    if (this.closing) throw new PrinterError('io', 'Simulated printer is closed');
    const rendered = renderTicket(job, this.opts.widthDots);
    const bin = encodeRendered(rendered);
    const dir = join(this.target, formatDateKey(job.issuedAt, job.timeZone));
    const base = `${safeName(job.number)}-${safeName(String(job.ticketId ?? job.issuedAt.getTime()))}`;
    const files = { png: join(dir, `${base}.png`), bin: join(dir, `${base}.bin`) };
    return this.queue.run(async () => {
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(files.png, rendered.png);
        await writeFile(files.bin, bin);
      } catch (e) {
        throw new PrinterError('io', `Simulated printer cannot write to ${dir}`, { cause: e });
      }
      return { ok: true, bytes: bin.length, files };
    });
  }

  async status(): Promise<PrinterStatus> {
    return { ...statusFromBits(null, this.kind, this.target), error: null };
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.idle();
  }
}
