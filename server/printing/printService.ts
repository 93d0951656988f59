import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Db } from '../db/database';
import { createPrinter, PrinterError, type PrinterStatus, type TicketPrinter, type TicketPrintJob } from '../../drivers/printer';
import type { PrintOutcome } from '../../shared/contract';
import type { ConfigRepo } from '../domain/configRepo';
import type { TicketRow } from '../domain/ticketRepo';
import type { Clock } from '../domain/clock';
import { readPrinterSettings } from '../config/officeSettings';

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
  /** Kiosks with a printer of their own; a ticket from any other kiosk prints on `uri`. */
  kiosks: KioskPrinter[];
}

export interface KioskPrinter {
  /** The kiosk's id: /kiosk/?id=<key>, sent with each ticket request as X-Kiosk-Id. */
  key: string;
  name: string;
  uri: string;
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
  const s = readPrinterSettings(config.office().settings);
  return {
    uri: env.printer ?? s.uri ?? 'simulated',
    paperWidthDots: s.paperWidthDots ?? 576,
    timeoutMs: s.timeoutMs ?? 3000,
    publicUrl: env.publicUrl ?? s.publicUrl ?? null,
    thankYou: s.thankYou ?? null,
    headerLines: s.headerLines ?? [],
    logoPath: s.logoPath || null,
    kiosks: s.kiosks ?? [],
  };
}

/** What /api/health says of a printer set to 'none'. */
const NO_PRINTER_HEALTH = { kind: 'none', online: false, error: null } as const;

/** Status of one printer as /api/health reports it. */
export type PrinterHealth = PrinterStatus & { lastFault: { at: string; code: string; message: string } | null };

/**
 * One ticket printer: its jobs run one at a time (a printer takes one job at a time), its
 * status is cached for a few seconds so polling cannot flood it, and its last fault is kept.
 */
class PrinterDevice {
  private chain: Promise<unknown> = Promise.resolve();
  private cachedStatus: { at: number; status: PrinterStatus } | null = null;
  lastFault: { at: string; code: string; message: string } | null = null;

  constructor(
    readonly printer: TicketPrinter,
    /** The kiosk this printer belongs to; null for the office's default printer. */
    readonly kiosk: KioskPrinter | null,
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

/**
 * Prints tickets on the office's printer, or on the issuing kiosk's own printer where the
 * settings give it one; records each attempt, and reports each printer's health.
 * A failed print never invalidates the ticket.
 */
export class PrintService {
  /** The office's default printer (null: 'none'). */
  private main: PrinterDevice | null = null;
  /** Printers of kiosks that have their own, by kiosk id ('none' kiosks map to null). */
  private byKiosk = new Map<string, PrinterDevice | null>();
  private settings: PrinterSettings;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly env: { printer?: string; publicUrl?: string; outputDir: string },
  ) {
    this.settings = printerSettings(config, env);
    this.build();
  }

  private device(uri: string, kiosk: KioskPrinter | null): PrinterDevice | null {
    if (uri.trim().toLowerCase() === 'none') return null;
    const printer = createPrinter({
      uri,
      paperWidthDots: this.settings.paperWidthDots,
      timeoutMs: this.settings.timeoutMs,
      outputDir: this.env.outputDir,
    });
    return new PrinterDevice(printer, kiosk);
  }

  private build(): void {
    this.main = this.device(this.settings.uri, null);
    this.byKiosk = new Map(this.settings.kiosks.map((k) => [k.key, this.device(k.uri, k)]));
  }

  private devices(): PrinterDevice[] {
    return [this.main, ...this.byKiosk.values()].filter((d): d is PrinterDevice => d !== null);
  }

  /** Re-reads the office settings (after an admin change) and swaps the printers if they changed. */
  async reload(): Promise<void> {
    const next = printerSettings(this.config, this.env);
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    const old = this.devices();
    this.settings = next;
    this.build();
    await Promise.all(old.map((d) => d.close().catch(() => undefined)));
  }

  /** The configured base URL for phones (PUBLIC_URL or settings.printer.publicUrl), if any. */
  get publicUrl(): string | null {
    return this.settings.publicUrl;
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

  /** The printer a ticket prints on: its kiosk's own, else the office's. */
  private deviceFor(t: TicketRow): PrinterDevice | null {
    if (t.kioskId != null && this.byKiosk.has(t.kioskId)) return this.byKiosk.get(t.kioskId) ?? null;
    return this.main;
  }

  /** Prints a ticket; resolves with the outcome (never rejects) after recording it. */
  print(t: TicketRow, job: TicketPrintJob, kind: 'issue' | 'reprint', officerId: number | null = null): Promise<PrintOutcome> {
    const device = this.deviceFor(t);
    if (!device) return Promise.resolve({ ok: false, code: 'none', message: NO_PRINTER_MESSAGE });
    const { printer } = device;
    const label = device.kiosk ? `${printer.kind} (kiosk ${device.kiosk.key})` : printer.kind;
    return device.queue(async (): Promise<PrintOutcome> => {
      let outcome: PrintOutcome;
      try {
        await printer.print(job);
        outcome = { ok: true, code: printer.kind === 'simulated' ? 'simulated' : 'printed', message: null };
      } catch (e) {
        const code = e instanceof PrinterError ? e.code : 'io';
        outcome = { ok: false, code, message: `${FAULT_VI[code] ?? FAULT_VI.io} ${PRINT_FAILED_MESSAGE}` };
        const message = e instanceof Error ? e.message : String(e);
        device.faulted({ at: this.clock.now().toISOString(), code, message });
        console.error(`printer fault (${code}) on ${label} for ticket ${t.number}: ${message}`);
      }
      this.db
        .prepare(
          'INSERT INTO print_log (ticket_id, at, kind, printer, ok, code, message, officer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(t.id, this.clock.now().toISOString(), kind, label, outcome.ok ? 1 : 0, outcome.code, outcome.message, officerId);
      if (outcome.ok) this.db.prepare('UPDATE tickets SET printed = 1 WHERE id = ?').run(t.id);
      return outcome;
    });
  }

  /**
   * For /api/health: the office's printer (`printer`) and, where kiosks have their own,
   * `kioskPrinters` with each kiosk's key and name.
   */
  async health(): Promise<{ printer: PrinterHealth | typeof NO_PRINTER_HEALTH; kioskPrinters?: unknown[] }> {
    const printer = this.main ? await this.main.health() : NO_PRINTER_HEALTH;
    if (this.byKiosk.size === 0) return { printer };
    const kioskPrinters = await Promise.all(
      this.settings.kiosks.map(async (k) => {
        const d = this.byKiosk.get(k.key);
        const status = d ? await d.health() : NO_PRINTER_HEALTH;
        return { kiosk: k.key, name: k.name, ...status };
      }),
    );
    return { printer, kioskPrinters };
  }

  /** The printers in use, for the start-up banner: "simulated → data/printed", "kiosk sanh-1: escpos-tcp → …". */
  describe(): string[] {
    const one = (d: PrinterDevice | null) => (d ? `${d.printer.kind} → ${d.printer.target}` : 'none');
    return [one(this.main), ...this.settings.kiosks.map((k) => `kiosk ${k.key}: ${one(this.byKiosk.get(k.key) ?? null)}`)];
  }

  async close(): Promise<void> {
    await Promise.all(this.devices().map((d) => d.close()));
  }
}
