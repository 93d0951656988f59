import type { AppContext } from './context';

/** A printer as the public health shows it: up or not, and machine-readable fault codes. */
export interface PublicPrinterHealth {
  online: boolean;
  /** Current faults: offline, paper_end, paper_near_end, cover_open, status_unknown, no_printer, and settings faults. */
  faults: string[];
  /** The last failed print (it stays until the next fault replaces it). */
  lastFault: { at: string; code: string } | null;
}

/**
 * GET /api/health, for anyone on the LAN (monitoring, a kiosk's check): whether the server
 * and its database answer, and each printer's state as codes. No paths, addresses or
 * error texts: those are in the admins' GET /api/admin/health.
 */
export interface PublicHealth {
  ok: boolean;
  db: 'ok' | 'error';
  devices: {
    printer: PublicPrinterHealth;
    kioskPrinters?: (PublicPrinterHealth & { kiosk: string })[];
    /** Chip-card readers and QR scanners: connected or not; fault `offline`. */
    cardReaders?: { key: string; connected: boolean; faults: string[] }[];
  };
  /** Backup fault codes: `backup_failed` (the last backup failed), `backup_copy_failed` (the second folder). */
  backup: { faults: string[] };
}

/** The fields of the print service's device status that the public summary reads. */
interface DeviceStatus {
  kind?: unknown;
  online?: unknown;
  paperEnd?: unknown;
  paperNearEnd?: unknown;
  coverOpen?: unknown;
  error?: unknown;
  lastFault?: unknown;
  kiosk?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function summarizePrinter(status: unknown, extraFaults: string[] = []): PublicPrinterHealth {
  const s: DeviceStatus = isObject(status) ? status : {};
  const online = s.online === true;
  const faults: string[] = [];
  if (s.kind === 'none') faults.push('no_printer');
  else if (!online) faults.push('offline');
  if (s.paperEnd === true) faults.push('paper_end');
  if (s.paperNearEnd === true) faults.push('paper_near_end');
  if (s.coverOpen === true) faults.push('cover_open');
  if (online && typeof s.error === 'string' && s.error !== '') faults.push('status_unknown');
  faults.push(...extraFaults);
  const f = s.lastFault;
  const lastFault =
    isObject(f) && typeof f.code === 'string' && typeof f.at === 'string' ? { at: f.at, code: f.code } : null;
  return { online, faults: [...new Set(faults)], lastFault };
}

/** The codes of the printer settings the print service could not use (`settingsFaults`), when it reports any. */
function settingsFaultCodes(devices: Record<string, unknown>): string[] {
  const list = devices.settingsFaults;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f) => (isObject(f) && typeof f.code === 'string' ? [f.code] : []));
}

/** The backup service's fault codes (server/ops/backupService.ts `health()`), when it reports any. */
function backupFaultCodes(devices: Record<string, unknown>): string[] {
  const b = devices.backup;
  return isObject(b) && Array.isArray(b.faults) ? b.faults.filter((f): f is string => typeof f === 'string') : [];
}

function databaseAnswers(ctx: AppContext): boolean {
  try {
    ctx.config.hasOffice();
    return true;
  } catch {
    return false;
  }
}

/** The public health; `ok` is false (and the answer a 503) when the database does not answer. */
export async function publicHealth(ctx: AppContext): Promise<PublicHealth> {
  const db = databaseAnswers(ctx);
  const devices = await ctx.deviceHealth();
  const health: PublicHealth = {
    ok: db,
    db: db ? 'ok' : 'error',
    devices: { printer: summarizePrinter(devices.printer, settingsFaultCodes(devices)) },
    backup: { faults: backupFaultCodes(devices) },
  };
  if (Array.isArray(devices.cardReaders)) {
    health.devices.cardReaders = devices.cardReaders.filter(isObject).map((r) => ({
      key: typeof r.key === 'string' ? r.key : '',
      connected: r.connected === true,
      faults: r.connected === true ? [] : ['offline'],
    }));
  }
  if (Array.isArray(devices.kioskPrinters)) {
    health.devices.kioskPrinters = devices.kioskPrinters.map((k: unknown) => ({
      kiosk: isObject(k) && typeof k.kiosk === 'string' ? k.kiosk : '',
      ...summarizePrinter(k),
    }));
  }
  return health;
}

/** Everything, for admins: the time and service day, uptime, and each printer's full status (kind, target, error texts). */
export async function adminHealth(ctx: AppContext) {
  const now = ctx.clock.now();
  const db = databaseAnswers(ctx);
  return {
    ok: db,
    time: now.toISOString(),
    serviceDay: db && ctx.config.hasOffice() ? ctx.queue.serviceDay(now) : null,
    db: db ? 'ok' : 'error',
    uptimeSeconds: Math.round(process.uptime()),
    devices: await ctx.deviceHealth(),
  };
}
