/**
 * The syntax of a card reader's serial port path: a device under /dev, no "." or ".."
 * segments (as for printers, shared/printerSettings.ts). When the port is opened, the path
 * is checked again on the machine: it must resolve to a character device inside /dev.
 */
import { DEVICE_ROOT } from '../../shared/printerSettings';

const SEGMENT = /^[A-Za-z0-9_.:-]+$/;

/** Why a serial port path is refused (Vietnamese), or null. */
export function serialPathProblem(path: string): string | null {
  if (!path.startsWith(`${DEVICE_ROOT}/`)) return `cổng nối tiếp phải là thiết bị trong ${DEVICE_ROOT}, ví dụ /dev/ttyUSB0`;
  const segments = path.slice(DEVICE_ROOT.length + 1).split('/');
  if (segments.some((s) => s === '.' || s === '..' || !SEGMENT.test(s))) {
    return `đường dẫn thiết bị chỉ gồm chữ, số, _ . : - trong ${DEVICE_ROOT}, không có "." hay ".."`;
  }
  return null;
}

/** Baud rates a reader may use (PN532 HSU: 115200 by default; QR scanners: 9600 usually). */
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;

/** Personal data is kept this many days by default (settings.privacy.retentionDays). */
export const DEFAULT_RETENTION_DAYS = 30;

/** settings.privacy.retentionDays, or the default when unset or out of bounds. */
export function readPrivacySettings(settings: Record<string, unknown>): { retentionDays: number } {
  const privacy = settings.privacy;
  const days = typeof privacy === 'object' && privacy !== null ? (privacy as { retentionDays?: unknown }).retentionDays : undefined;
  const ok = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 3650;
  return { retentionDays: ok ? days : DEFAULT_RETENTION_DAYS };
}
