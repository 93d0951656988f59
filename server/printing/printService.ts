import { dirname } from 'node:path';
import type { Db } from '../db/database';
import { checkDevicePath, createPrinter, PrinterError, type TicketPrintJob } from '../../drivers/printer';
import type { PrintOutcome } from '../../shared/contract';
import type { ConfigRepo } from '../domain/configRepo';
import type { TicketRow } from '../domain/ticketRepo';
import type { Clock } from '../domain/clock';
import { invalidSetting, readPrinterSettings, type SettingsFault, type StoredPrinterSettings } from '../config/officeSettings';
import { parsePrinterTarget } from '../../shared/printerSettings';
import { loadLogo } from './logo';
import { log } from '../log';
import { PrinterDevice, type PrinterHealth } from './printerDevice';
import { renderReceipt, receiptPrintJob, type ReceiptSlip } from '../../drivers/printer/receipt';

export type { PrinterHealth } from './printerDevice';

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

/**
 * Reads printer settings from the office settings (`settings.printer`), with the environment
 * on top. A PRINTER variable the driver would refuse is ignored, with a fault.
 */
export function printerSettings(
  config: ConfigRepo,
  env: { printer?: string; publicUrl?: string },
  faults: SettingsFault[] = [],
): PrinterSettings {
  const s = readPrinterSettings(config.office().settings);
  let envPrinter = env.printer;
  if (envPrinter !== undefined) {
    const parsed = parsePrinterTarget(envPrinter);
    if (!parsed.ok) {
      faults.push(invalidSetting('PRINTER', parsed.reason));
      envPrinter = undefined;
    }
  }
  return {
    uri: envPrinter ?? s.uri ?? 'simulated',
    paperWidthDots: s.paperWidthDots ?? 576,
    timeoutMs: s.timeoutMs ?? 3000,
    publicUrl: env.publicUrl ?? s.publicUrl ?? null,
    thankYou: s.thankYou ?? null,
    headerLines: s.headerLines ?? [],
    logoPath: s.logoPath || null,
    kiosks: s.kiosks ?? [],
  };
}

/** The result of checking printer settings before they are saved: the logo, already loaded, or why not. */
export type PrinterCheck =
  | { ok: true; logo: LoadedLogo }
  | { ok: false; setting: string; reason: string; english: string };

/** A logo path and its bytes, read once (null: no logo or not readable). */
interface LoadedLogo {
  path: string | null;
  png: Buffer | null;
}

/** What /api/health says of a printer set to 'none'. */
const NO_PRINTER_HEALTH = { kind: 'none', online: false, error: null } as const;

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
  /** Faults of the settings in use that are not the office row's own (PRINTER, a device the driver refused). */
  private buildFaults: SettingsFault[] = [];
  private logoNow: LoadedLogo = { path: null, png: null };
  private logoFault: SettingsFault | null = null;
  /** Faults already written to the log, so each is logged once while it lasts. */
  private logged = new Set<string>();
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly env: { printer?: string; publicUrl?: string; outputDir: string },
  ) {
    const faults: SettingsFault[] = [];
    this.settings = printerSettings(config, env, faults);
    this.build(faults);
  }

  /** DATA_DIR: the logo path is relative to it. */
  private get dataDir(): string {
    return dirname(this.env.outputDir);
  }

  /** Loads the logo (asynchronously) and logs the faults of the stored settings; call once after constructing. */
  async start(): Promise<void> {
    await this.reload();
  }

  private device(uri: string, kiosk: KioskPrinter | null, faults: SettingsFault[]): PrinterDevice | null {
    try {
      const printer = createPrinter({
        uri,
        paperWidthDots: this.settings.paperWidthDots,
        timeoutMs: this.settings.timeoutMs,
        outputDir: this.env.outputDir,
      });
      return printer ? new PrinterDevice(printer, kiosk) : null;
    } catch (e) {
      const setting = kiosk ? 'settings.printer.kiosks' : 'settings.printer';
      faults.push(invalidSetting(setting, e instanceof Error ? e.message : String(e)));
      return null;
    }
  }

  private build(faults: SettingsFault[]): void {
    this.main = this.device(this.settings.uri, null, faults);
    this.byKiosk = new Map(this.settings.kiosks.map((k) => [k.key, this.device(k.uri, k, faults)]));
    this.buildFaults = faults;
  }

  private devices(): PrinterDevice[] {
    return [this.main, ...this.byKiosk.values()].filter((d): d is PrinterDevice => d !== null);
  }

  /**
   * Checks printer settings about to be saved (already valid for the schema) against the
   * machine: each device path that exists must resolve inside /dev to a character device (a
   * missing one is accepted: the printer may be unplugged, and shows offline), and the logo
   * must be a readable PNG, which is loaded here, once. Nothing changes.
   */
  async check(stored: StoredPrinterSettings | undefined): Promise<PrinterCheck> {
    const targets: [string, string | undefined][] = [
      ['settings.printer.uri', stored?.uri],
      ...(stored?.kiosks ?? []).map((k, i): [string, string] => [`settings.printer.kiosks.${i}.uri`, k.uri]),
    ];
    for (const [setting, uri] of targets) {
      const parsed = parsePrinterTarget(uri);
      if (!parsed.ok) return { ok: false, setting, reason: parsed.reason, english: 'Invalid printer address.' };
      if (parsed.target.kind !== 'escpos-device') continue;
      const device = await checkDevicePath(parsed.target.path);
      if (!device.ok && !device.missing) return { ok: false, setting, reason: device.reason, english: `Printer ${device.english}.` };
    }
    const path = stored?.logoPath || null;
    if (!path) return { ok: true, logo: { path: null, png: null } };
    const logo = await loadLogo(path, this.dataDir);
    if (!logo.ok) return { ok: false, setting: 'settings.printer.logoPath', reason: logo.reason, english: 'The logo must be a PNG file of at most 256 KB.' };
    return { ok: true, logo: { path, png: logo.png } };
  }

  /** After checked settings were saved: uses them (and the logo loaded by the check) at once. */
  apply(checked: PrinterCheck & { ok: true }): Promise<void> {
    return this.serially(() => {
      this.logoNow = checked.logo;
      this.logoFault = null;
      return this.reloadNow();
    });
  }

  /**
   * Re-reads the office settings (after an admin change) and swaps the printers if they changed;
   * loads a logo whose path changed (asynchronously). Reloads run one at a time; never rejects.
   */
  reload(): Promise<void> {
    return this.serially(() => this.reloadNow());
  }

  private serially(job: () => Promise<void>): Promise<void> {
    const next = this.reloading.then(job);
    this.reloading = next.catch(() => undefined);
    return next;
  }

  private async reloadNow(): Promise<void> {
    const faults: SettingsFault[] = [];
    const next = printerSettings(this.config, this.env, faults);
    if (next.logoPath !== this.logoNow.path) await this.loadLogo(next.logoPath);
    if (JSON.stringify(next) !== JSON.stringify(this.settings)) {
      const old = this.devices();
      this.settings = next;
      this.build(faults);
      await Promise.all(old.map((d) => d.close().catch(() => undefined)));
    }
    this.logFaults();
  }

  private async loadLogo(path: string | null): Promise<void> {
    this.logoFault = null;
    this.logoNow = { path, png: null };
    if (!path) return;
    const r = await loadLogo(path, this.dataDir);
    if (r.ok) this.logoNow = { path, png: r.png };
    else this.logoFault = { code: 'logo_unreadable', setting: 'settings.printer.logoPath', message: `Không in được logo: ${r.reason}. (Ticket logo not usable; tickets print without it.)` };
  }

  /** Stored settings in use that fell back to their defaults, and a logo that could not be loaded. */
  settingsFaults(): SettingsFault[] {
    const faults = [...this.config.settingsFaults(), ...this.buildFaults];
    return this.logoFault ? [...faults, this.logoFault] : faults;
  }

  /** One log line per fault, when it first appears (no values, no personal data). */
  private logFaults(): void {
    const now = new Map(this.settingsFaults().map((f) => [`${f.setting}: ${f.message}`, f]));
    for (const [line, f] of now) if (!this.logged.has(line)) log.warn({ code: f.code, setting: f.setting }, `settings fault (${f.code}) ${line}`);
    this.logged = new Set(now.keys());
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
      logoPng: this.logoNow.png,
      ticketId: t.id,
    };
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
        log.error({ code, printer: label, ticket: t.number }, `printer fault (${code}) on ${label} for ticket ${t.number}: ${message}`);
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
   * Prints a dossier receipt slip (drivers/printer/receipt.ts) on the office's printer, in the
   * same device queue and raster path as tickets; recorded in print_log against `ticketId` (the
   * ticket being served, as print_log needs one) and never marks the ticket printed. Never rejects.
   */
  printReceipt(slip: ReceiptSlip, ticketId: number | null, kind: 'issue' | 'reprint', officerId: number | null = null): Promise<PrintOutcome> {
    const device = this.main;
    if (!device) {
      return Promise.resolve({ ok: false, code: 'none', message: 'Đơn vị không dùng máy in phiếu: in giấy hẹn khổ A4/A5 từ trang hồ sơ. (No slip printer: print the A4/A5 page.)' });
    }
    const { printer } = device;
    const label = `${printer.kind} (phiếu hẹn ${slip.code})`;
    return device.queue(async (): Promise<PrintOutcome> => {
      const at = this.clock.now();
      let outcome: PrintOutcome;
      try {
        const raster = renderReceipt(slip, this.settings.paperWidthDots);
        await printer.print(receiptPrintJob(slip, raster, at, this.config.office().timeZone, `phieu-hen-${at.getTime()}`));
        outcome = { ok: true, code: printer.kind === 'simulated' ? 'simulated' : 'printed', message: null };
      } catch (e) {
        const code = e instanceof PrinterError ? e.code : 'io';
        outcome = { ok: false, code, message: `${FAULT_VI[code] ?? FAULT_VI.io} Có thể in lại phiếu hẹn khi máy in sẵn sàng, hoặc in khổ A4/A5.` };
        const message = e instanceof Error ? e.message : String(e);
        device.faulted({ at: at.toISOString(), code, message });
        log.error({ code, printer: printer.kind, dossier: slip.code }, `printer fault (${code}) on ${printer.kind} for dossier slip ${slip.code}: ${message}`);
      }
      if (ticketId != null) {
        this.db
          .prepare('INSERT INTO print_log (ticket_id, at, kind, printer, ok, code, message, officer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(ticketId, at.toISOString(), kind, label, outcome.ok ? 1 : 0, outcome.code, outcome.message, officerId);
      }
      return outcome;
    });
  }

  /**
   * For /api/health: the office's printer (`printer`), `settingsFaults` (stored settings that fell
   * back to their defaults, an unusable logo) and, where kiosks have their own, `kioskPrinters`
   * with each kiosk's key and name.
   */
  async health(): Promise<{
    printer: PrinterHealth | typeof NO_PRINTER_HEALTH;
    settingsFaults: SettingsFault[];
    kioskPrinters?: unknown[];
  }> {
    const printer = this.main ? await this.main.health() : NO_PRINTER_HEALTH;
    const settingsFaults = this.settingsFaults();
    if (this.byKiosk.size === 0) return { printer, settingsFaults };
    const kioskPrinters = await Promise.all(
      this.settings.kiosks.map(async (k) => {
        const d = this.byKiosk.get(k.key);
        const status = d ? await d.health() : NO_PRINTER_HEALTH;
        return { kiosk: k.key, name: k.name, ...status };
      }),
    );
    return { printer, settingsFaults, kioskPrinters };
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
