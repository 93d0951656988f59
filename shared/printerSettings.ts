/**
 * The bounds of the ticket printer settings, shared by the admin API's schema
 * (server/config/officeSettings.ts), the admin page and the printer driver, so that what
 * the API accepts the driver accepts. Plain TypeScript: the admin bundle imports it too.
 */

/** Paper widths the renderer draws: multiples of 8 dots in 256..832 (576 = 80 mm, 384 = 58 mm). */
export const PAPER_WIDTH = { min: 256, max: 832, step: 8, default: 576 } as const;
/** The widths offered on the admin page. */
export const PAPER_WIDTH_CHOICES = [
  { dots: 576, label: '80 mm (576 điểm)' },
  { dots: 384, label: '58 mm (384 điểm)' },
] as const;
/** Bound for connecting and for the printer to take a job; the kiosk waits for it. */
export const PRINT_TIMEOUT_MS = { min: 200, max: 10_000, default: 3000 } as const;
export const TCP_PORT = { min: 1, max: 65_535, default: 9100 } as const;
/** Where character devices live; printer device paths must resolve inside it. */
export const DEVICE_ROOT = '/dev';
/** Largest logo file read (bytes) and largest logo image (pixels a side). */
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_MAX_SIDE = 2000;

export type PrinterTarget =
  | { kind: 'none' }
  | { kind: 'simulated' }
  | { kind: 'escpos-tcp'; host: string; port: number }
  | { kind: 'escpos-device'; path: string };

export type TargetParse = { ok: true; target: PrinterTarget } | { ok: false; reason: string };

const TCP_URI = /^tcp:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?\/?$/i;
const DEVICE_SEGMENT = /^[A-Za-z0-9_.-]+$/;

export const TARGET_HELP = 'tcp://máy:9100, /dev/usb/lp0, simulated hoặc none';

const refuse = (reason: string): TargetParse => ({ ok: false, reason: `${reason} (dùng ${TARGET_HELP})` });

/**
 * A printer address as written: `tcp://host[:port]` (port 1–65535), a device path under /dev
 * without `.` or `..` segments, `simulated` (or empty), or `none`. Reasons are in Vietnamese.
 */
export function parsePrinterTarget(uri: string | null | undefined): TargetParse {
  const raw = (uri ?? '').trim();
  const lower = raw.toLowerCase();
  if (raw === '' || lower === 'simulated') return { ok: true, target: { kind: 'simulated' } };
  if (lower === 'none') return { ok: true, target: { kind: 'none' } };
  if (lower.startsWith('tcp:')) {
    const m = TCP_URI.exec(raw);
    if (!m) return refuse('địa chỉ tcp không đúng dạng tcp://máy:cổng');
    const port = m[2] === undefined ? TCP_PORT.default : Number(m[2]);
    if (port < TCP_PORT.min || port > TCP_PORT.max) return refuse(`cổng phải từ ${TCP_PORT.min} đến ${TCP_PORT.max}`);
    return { ok: true, target: { kind: 'escpos-tcp', host: m[1]!.replace(/^\[|\]$/g, ''), port } };
  }
  if (raw.startsWith(`${DEVICE_ROOT}/`)) {
    const segments = raw.slice(DEVICE_ROOT.length + 1).split('/');
    const bad = segments.some((s) => s === '.' || s === '..' || !DEVICE_SEGMENT.test(s));
    if (bad) return refuse(`đường dẫn thiết bị chỉ gồm chữ, số, _ . - trong ${DEVICE_ROOT}, không có "." hay ".."`);
    return { ok: true, target: { kind: 'escpos-device', path: raw } };
  }
  if (raw.startsWith('/')) return refuse(`máy in phải là thiết bị trong ${DEVICE_ROOT}, không phải tệp thường`);
  return refuse('không rõ loại địa chỉ máy in');
}

/** Why a paper width cannot be printed, or null when it can. */
export function paperWidthProblem(dots: number): string | null {
  const { min, max, step } = PAPER_WIDTH;
  if (Number.isInteger(dots) && dots % step === 0 && dots >= min && dots <= max) return null;
  return `khổ giấy phải là bội số của ${step} điểm, từ ${min} đến ${max} (576 = 80 mm, 384 = 58 mm)`;
}

/** Why a print timeout is out of bounds, or null. */
export function timeoutProblem(ms: number): string | null {
  const { min, max } = PRINT_TIMEOUT_MS;
  if (Number.isInteger(ms) && ms >= min && ms <= max) return null;
  return `thời gian chờ phải từ ${min} đến ${max} ms`;
}
