/**
 * `settings.backup`: when the daily backup runs, how long backups are kept, and an optional
 * second folder (a USB disk, a network share) that receives a copy of each one.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';

export interface BackupSettings {
  /** "HH:MM" in the office's time zone. */
  time: string;
  /** Backups older than this many days are deleted (the newest one is always kept). */
  keepDays: number;
  /** An absolute folder that receives a copy of every backup, or null. */
  copyTo: string | null;
}

/** Lunch break: the office's machine is on, and nobody is issuing tickets. */
export const BACKUP_DEFAULTS: Readonly<BackupSettings> = { time: '12:00', keepDays: 30, copyTo: null };

export const backupSettingsSchema = z
  .object({
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ dạng HH:MM từ 00:00 đến 23:59')
      .default(BACKUP_DEFAULTS.time),
    keepDays: z.number().int('số ngày là số nguyên').min(1).max(3650).default(BACKUP_DEFAULTS.keepDays),
    copyTo: z
      .string()
      .trim()
      .max(500)
      .refine((p) => isAbsolute(p), 'thư mục phải là đường dẫn tuyệt đối, ví dụ /media/usb/quayso')
      .nullable()
      .default(BACKUP_DEFAULTS.copyTo),
  })
  .strict();

/** The backup settings of an office, defaults where unset or unreadable. */
export function readBackupSettings(settings: Record<string, unknown>): BackupSettings {
  const r = backupSettingsSchema.safeParse(settings.backup ?? {});
  return r.success ? r.data : { ...BACKUP_DEFAULTS };
}
