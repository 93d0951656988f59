import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Db } from '../db/database';
import { createPrinter, PrinterError, type PrinterStatus, type TicketPrinter, type TicketPrintJob } from '../../drivers/printer';
import type { PrintOutcome } from '../../shared/contract';
import type { ConfigRepo } from '../domain/configRepo';
import type { TicketRow } from '../domain/ticketRepo';
import type { Clock } from '../domain/clock';

export interface PrinterSettings {
  /**
   * 'tcp://host:9100', '/dev/usb/lp0', 'simulated', or 'none' (no ticket printer: the kiosk
   * shows the number and its QR on screen). The PRINTER environment variable wins.
   */
  uri: string;
  paperWidthDots: number;
  timeoutMs: number;
  /** Base URL of this server as phones on the LAN reach it, for the QR code. */
  publicUrl: string | null;
  thankYou: string | null;
  headerLines: string[];
  /** Optional PNG logo printed at the top: a path, relative to DATA_DIR when not absolute. */
  logoPath: string | null;
}

const FAULT_VI: Record<string, string> = {
  offline: 'Máy in không phản hồi.',
  timeout: 'Máy in không phản hồi kịp.',
  paper_end: 'Máy in đã hết giấy.',
  cover_open: 'Nắp máy in đang mở.',
  io: 'Máy in gặp lỗi.',
};

export const PRINT_FAILED_MESSAGE =
  'Quý khách vui lòng ghi nhớ số hoặc chụp ảnh màn hình; cán bộ tại quầy có thể in lại phiếu.';

export const NO_PRINTER_MESSAGE =
  'Đơn vị không dùng phiếu in. Quý khách vui lòng ghi nhớ số hoặc quét mã QR để theo dõi lượt.';

/** Reads printer settings from the office settings (`settings.printer`), with the environment on top. */
export function printerSettings(config: ConfigRepo, env: { printer?: string; publicUrl?: string }): PrinterSettings {
  const s = (config.office().settings.printer ?? {}) as Partial<PrinterSettings>;
  return {
    uri: env.printer ?? (typeof s.uri === 'string' ? s.uri : 'simulated'),
    paperWidthDots: typeof s.paperWidthDots === 'number' ? s.paperWidthDots : 576,
    timeoutMs: typeof s.timeoutMs === 'number' ? s.timeoutMs : 3000,
    publicUrl: env.publicUrl ?? (typeof s.publicUrl === 'string' ? s.publicUrl : null),
    thankYou: typeof s.thankYou === 'string' ? s.thankYou : null,
    headerLines: Array.isArray(s.headerLines) ? s.headerLines.filter((l): l is string => typeof l === 'string') : [],
    logoPath: typeof s.logoPath === 'string' && s.logoPath !== '' ? s.logoPath : null,
  };
}

/**
 * Prints tickets one at a time (a printer takes one job at a time), records each attempt,
 * and reports the printer's health. A failed print never invalidates the ticket.
 */
export class PrintService {
  private printer: TicketPrinter | null;
  private settings: PrinterSettings;
  private chain: Promise<unknown> = Promise.resolve();
  private cachedStatus: { at: number; status: PrinterStatus } | null = null;
  private lastFault: { at: string; code: string; message: string } | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly env: { printer?: string; publicUrl?: string; outputDir: string },
  ) {
    this.settings = printerSettings(config, env);
    this.printer = this.build();
  }

  private build(): TicketPrinter | null {
    if (this.settings.uri.trim().toLowerCase() === 'none') return null;
    return createPrinter({
      uri: this.settings.uri,
      paperWidthDots: this.settings.paperWidthDots,
      timeoutMs: this.settings.timeoutMs,
      outputDir: this.env.outputDir,
    });
  }

  /** Re-reads the office settings (after an admin change) and swaps the printer if they changed. */
  async reload(): Promise<void> {
    const next = printerSettings(this.config, this.env);
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    const old = this.printer;
    this.settings = next;
    this.printer = this.build();
    this.cachedStatus = null;
    await old?.close().catch(() => undefined);
  }

  /** The configured base URL for phones (PUBLIC_URL or settings.printer.publicUrl), if any. */
  get publicUrl(): string | null {
    return this.settings.publicUrl;
  }

  get kind(): string {
    return this.printer?.kind ?? 'none';
  }

  jobFor(t: TicketRow, waitingAhead: number, requestOrigin: string): TicketPrintJob {
    const office = this.config.office();
    const service = this.config.service(t.serviceId);
    const fixed = service.fixedCounterId != null ? this.config.counter(service.fixedCounterId) : null;
    const priority = t.priorityId != null ? this.config.priority(t.priorityId) : null;
    const base = (this.settings.publicUrl ?? requestOrigin).replace(/\/+$/, '');
    return {
      unitName: office.name,
      number: t.number,
      serviceName: service.name,
      counterName: fixed?.name ?? null,
      priorityName: priority?.name ?? null,
      issuedAt: new Date(t.issuedAt),
      timeZone: office.timeZone,
      waitingAhead,
      qrUrl: `${base}/t/${t.publicCode}`,
      thankYou: this.settings.thankYou,
      headerLines: this.settings.headerLines,
      logoPng: this.logo(),
      ticketId: t.id,
    };
  }

  private logoCache: { path: string; png: Buffer | null } | null = null;

  /** The logo file, read once per configured path; a missing file prints no logo (and says so once). */
  private logo(): Buffer | null {
    const path = this.settings.logoPath;
    if (!path) return null;
    const full = isAbsolute(path) ? path : join(dirname(this.env.outputDir), path);
    if (this.logoCache?.path !== full) {
      let png: Buffer | null = null;
      try {
        png = readFileSync(full);
      } catch (e) {
        console.error(`ticket logo not readable (${full}): ${e instanceof Error ? e.message : e}`);
      }
      this.logoCache = { path: full, png };
    }
    return this.logoCache.png;
  }

  /** Prints a ticket; resolves with the outcome (never rejects) after recording it. */
  print(t: TicketRow, job: TicketPrintJob, kind: 'issue' | 'reprint', officerId: number | null = null): Promise<PrintOutcome> {
    const printer = this.printer;
    if (!printer) return Promise.resolve({ ok: false, code: 'none', message: NO_PRINTER_MESSAGE });
    const run = async (): Promise<PrintOutcome> => {
      let outcome: PrintOutcome;
      try {
        await printer.print(job);
        outcome = { ok: true, code: printer.kind === 'simulated' ? 'simulated' : 'printed', message: null };
      } catch (e) {
        const code = e instanceof PrinterError ? e.code : 'io';
        outcome = { ok: false, code, message: `${FAULT_VI[code] ?? FAULT_VI.io} ${PRINT_FAILED_MESSAGE}` };
        this.lastFault = { at: this.clock.now().toISOString(), code, message: e instanceof Error ? e.message : String(e) };
        this.cachedStatus = null;
        console.error(`printer fault (${code}) for ticket ${t.number}: ${this.lastFault.message}`);
      }
      this.db
        .prepare(
          'INSERT INTO print_log (ticket_id, at, kind, printer, ok, code, message, officer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(t.id, this.clock.now().toISOString(), kind, printer.kind, outcome.ok ? 1 : 0, outcome.code, outcome.message, officerId);
      if (outcome.ok) this.db.prepare('UPDATE tickets SET printed = 1 WHERE id = ?').run(t.id);
      return outcome;
    };
    const result = this.chain.then(run, run);
    this.chain = result;
    return result;
  }

  /** Printer health for /api/health, cached for a few seconds so polling cannot flood the printer. */
  async health(): Promise<Record<string, unknown>> {
    const printer = this.printer;
    if (!printer) return { kind: 'none', online: false, error: null };
    const now = Date.now();
    if (!this.cachedStatus || now - this.cachedStatus.at > 5000) {
      try {
        this.cachedStatus = { at: now, status: await printer.status() };
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
            kind: printer.kind,
            target: printer.target,
          },
        };
      }
    }
    return { ...this.cachedStatus.status, lastFault: this.lastFault };
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.printer?.close();
  }
}
