import type { PrinterStatus, TicketPrinter } from '../../drivers/printer';

/** A kiosk with a printer of its own (the part a device needs to know). */
export interface KioskRef {
  key: string;
  name: string;
}

/** Status of one printer as /api/health reports it. */
export type PrinterHealth = PrinterStatus & { lastFault: { at: string; code: string; message: string } | null };

/**
 * One ticket printer: its jobs run one at a time (a printer takes one job at a time), its
 * status is cached for a few seconds so polling cannot flood it, and its last fault is kept.
 */
export class PrinterDevice {
  private chain: Promise<unknown> = Promise.resolve();
  private cachedStatus: { at: number; status: PrinterStatus } | null = null;
  lastFault: { at: string; code: string; message: string } | null = null;

  constructor(
    readonly printer: TicketPrinter,
    /** The kiosk this printer belongs to; null for the office's default printer. */
    readonly kiosk: KioskRef | null,
  ) {}

  /** Runs `job` after the jobs before it; a fault clears the cached status. */
  queue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.chain.then(job, job);
    this.chain = result;
    return result;
  }

  faulted(fault: { at: string; code: string; message: string }): void {
    this.lastFault = fault;
    this.cachedStatus = null;
  }

  async health(): Promise<PrinterHealth> {
    const now = Date.now();
    if (!this.cachedStatus || now - this.cachedStatus.at > 5000) {
      try {
        this.cachedStatus = { at: now, status: await this.printer.status() };
      } catch (e) {
        this.cachedStatus = {
          at: now,
          status: {
            online: false,
            paperEnd: false,
            paperNearEnd: false,
            coverOpen: false,
            error: e instanceof Error ? e.message : String(e),
            checkedAt: new Date(now).toISOString(),
            kind: this.printer.kind,
            target: this.printer.target,
          },
        };
      }
    }
    return { ...this.cachedStatus.status, lastFault: this.lastFault };
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.printer.close();
  }
}
