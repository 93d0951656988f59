/**
 * The typed parts of an office's `settings`: the ticket printer and the TV displays.
 * The admin API validates them strictly (a bad value is a 400 and changes nothing);
 * readers fall back to the defaults for anything missing, so an old database keeps working.
 */
import { z } from 'zod';
import type { DisplayProfile, DisplaySettings } from '../../shared/contract';
import { paperWidthProblem, parsePrinterTarget, timeoutProblem } from '../../shared/printerSettings';
import { isValidTimeZone } from '../../shared/zonedTime';
import { backupSettingsSchema } from './backupSettings';
import { BAUD_RATES, DEFAULT_RETENTION_DAYS, serialPathProblem } from '../cards/readerSettings';
import { ratingsSettingsSchema } from '../domain/ratings/settings';

const text = (max: number) => z.string().trim().max(max);

/** A problem check (shared/printerSettings.ts) as a zod rule: its reason is the issue's message. */
const checked = <T>(problem: (v: T) => string | null) => (v: T, ctx: z.RefinementCtx) => {
  const why = problem(v);
  if (why) ctx.addIssue({ code: 'custom', message: why });
};

/** tcp://host:port (1–65535), a device under /dev, simulated or none: what the driver accepts. */
const printerUri = z
  .string()
  .trim()
  .min(1, 'nhập địa chỉ máy in (simulated, none, tcp://máy:9100 hoặc /dev/usb/lp0)')
  .superRefine(checked((v: string) => {
    const r = parsePrinterTarget(v);
    return r.ok ? null : r.reason;
  }));

/** A kiosk's id as given in its URL (/kiosk/?id=sanh-1) and sent as X-Kiosk-Id. */
export const kioskKey = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,40}$/, 'mã kiosk: chữ thường, số và -');

export const printerSettingsSchema = z
  .object({
    uri: printerUri,
    /** Multiples of 8 dots the renderer draws (576 = 80 mm, 384 = 58 mm). */
    paperWidthDots: z.number().superRefine(checked(paperWidthProblem)),
    // At most 10 s: the kiosk waits for the print (status + transfer) before showing the number.
    timeoutMs: z.number().superRefine(checked(timeoutProblem)),
    publicUrl: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'địa chỉ dạng http://192.168.1.10:3000')
      .nullable(),
    thankYou: text(200).nullable(),
    headerLines: z.array(text(120)).max(5),
    /** A PNG file (≤ 256 KB), relative to DATA_DIR when not absolute; read when saved, kept in memory. */
    logoPath: text(500).nullable(),
    /** Kiosks with their own printer (kiosk opened as /kiosk/?id=<key>); others use `uri`. */
    kiosks: z
      .array(z.object({ key: kioskKey, name: z.string().trim().max(200).default(''), uri: printerUri }).strict())
      .max(20)
      .refine((ks) => new Set(ks.map((k) => k.key)).size === ks.length, 'mã kiosk bị lặp'),
  })
  .partial()
  .strict();

export type StoredPrinterSettings = z.infer<typeof printerSettingsSchema>;

/**
 * `settings.printer` as stored, field by field: a field that is not valid (written before a
 * bound existed) is left out alone, so the print service uses its default for that field only.
 */
export function readPrinterSettings(settings: Record<string, unknown>): StoredPrinterSettings {
  const raw = settings.printer;
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(printerSettingsSchema.shape)) {
    const r = field.safeParse((raw as Record<string, unknown>)[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as StoredPrinterSettings;
}

const profileKey = z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'mã màn hình: chữ thường, số và -');

export const displayProfileSchema = z
  .object({
    key: profileKey,
    name: z.string().trim().min(1).max(200),
    /** Counter numbers as written on the counters; empty = every counter. */
    counters: z.array(z.number().int().min(1).max(999)).max(100).default([]),
    /** Field codes or prefixes (or ids as text); empty = every field. */
    services: z
      .array(z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, 'mã lĩnh vực'))
      .max(100)
      .default([]),
    muted: z.boolean().default(false),
  })
  .strict();

export const DISPLAY_DEFAULTS: DisplaySettings = { voice: 'clips', repeat: 2, english: false, profiles: [] };

export const displaySettingsSchema = z
  .object({
    /** 'speechSynthesis' uses the browser's voice where it has a Vietnamese one, else the clips. */
    voice: z.enum(['clips', 'speechSynthesis']).default(DISPLAY_DEFAULTS.voice),
    /** How many times each call is said (1–5). */
    repeat: z.number().int().min(1).max(5).default(DISPLAY_DEFAULTS.repeat),
    /** Say each call in English too, after the Vietnamese. */
    english: z.boolean().default(DISPLAY_DEFAULTS.english),
    profiles: z
      .array(displayProfileSchema)
      .max(50)
      .default([])
      .refine((ps) => new Set(ps.map((p) => p.key)).size === ps.length, 'mã màn hình bị lặp'),
  })
  .strict();

/** A chip-card reader or QR scanner (docs/card-reader.md): its port and where it stands. */
export const cardReaderSchema = z
  .object({
    key: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'mã đầu đọc: chữ thường, số và -'),
    protocol: z.enum(['pn532', 'qr-line', 'simulated']),
    /** A serial port under /dev (unused by `simulated`). */
    path: z.string().trim().max(200).default(''),
    baudRate: z.number().refine((n) => (BAUD_RATES as readonly number[]).includes(n), 'tốc độ không hỗ trợ').optional(),
    place: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('kiosk'), kioskId: kioskKey.nullable() }).strict(),
      z.object({ kind: z.literal('counter'), counterNumber: z.number().int().min(1).max(999) }).strict(),
    ]),
  })
  .strict()
  .superRefine((r, ctx) => {
    const why = r.protocol === 'simulated' ? null : serialPathProblem(r.path);
    if (why) ctx.addIssue({ code: 'custom', path: ['path'], message: why });
  });

export const cardReadersSchema = z
  .array(cardReaderSchema)
  .max(50)
  .refine((rs) => new Set(rs.map((r) => r.key)).size === rs.length, 'mã đầu đọc bị lặp');

/** How long personal data read from ID cards is kept (days). */
export const privacySettingsSchema = z
  .object({ retentionDays: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS) })
  .strict();

export const officeSettingsSchema = z
  .object({
    cardReaders: cardReadersSchema.optional(),
    privacy: privacySettingsSchema.optional(),
    printer: printerSettingsSchema.optional(),
    display: displaySettingsSchema.optional(),
    backup: backupSettingsSchema.optional(),
    ratings: ratingsSettingsSchema.optional(),
  })
  .strict();

/** The display settings of an office, defaults where unset or unreadable. */
export function readDisplaySettings(settings: Record<string, unknown>): DisplaySettings {
  const r = displaySettingsSchema.safeParse(settings.display ?? {});
  if (!r.success) return { ...DISPLAY_DEFAULTS, profiles: [] };
  return { ...r.data, profiles: r.data.profiles.map((p): DisplayProfile => ({ ...p })) };
}

/** A stored setting that no longer validates and falls back to its default (reported in /api/health). */
export interface SettingsFault {
  /** Machine-readable: 'setting_invalid' here; the print service adds 'logo_unreadable'. */
  code: string;
  /** The setting as the admin API names it: 'settings.printer.paperWidthDots', 'timeZone'. */
  setting: string;
  message: string;
}

/** The fault of a stored setting that falls back to its default. Names the rule, never the value. */
export const invalidSetting = (setting: string, why: string): SettingsFault => ({
  code: 'setting_invalid',
  setting,
  message: `Cài đặt ${setting} không hợp lệ, đang dùng giá trị mặc định: ${why}. (Invalid stored setting, its default is used.)`,
});

const why = (e: z.ZodError): string => e.issues[0]?.message ?? 'không đúng dạng';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sanitizePrinter(raw: unknown, faults: SettingsFault[]): Record<string, unknown> | undefined {
  if (!isRecord(raw)) {
    faults.push(invalidSetting('settings.printer', 'không phải một đối tượng'));
    return undefined;
  }
  const shape: Record<string, z.ZodType> = printerSettingsSchema.shape;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key];
    const r = field?.safeParse(value);
    if (r?.success) {
      if (r.data !== undefined) out[key] = r.data;
    } else {
      faults.push(invalidSetting(`settings.printer.${key}`, r ? why(r.error) : 'khóa không được hỗ trợ'));
    }
  }
  return out;
}

/**
 * An office's stored `settings` as the server uses them: each value that no longer validates
 * (a printer field, the display settings, an unknown key) is left out, so its default applies,
 * and reported as a fault. Never throws.
 */
export function sanitizeSettings(raw: unknown): { settings: Record<string, unknown>; faults: SettingsFault[] } {
  const faults: SettingsFault[] = [];
  if (!isRecord(raw)) return { settings: {}, faults: [invalidSetting('settings', 'không phải một đối tượng JSON')] };
  const shape: Record<string, z.ZodType> = officeSettingsSchema.shape;
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'printer') {
      const printer = sanitizePrinter(value, faults);
      if (printer) settings.printer = printer;
      continue;
    }
    const r = shape[key]?.safeParse(value);
    if (r?.success) settings[key] = r.data;
    else faults.push(invalidSetting(`settings.${key}`, r ? why(r.error) : 'khóa không được hỗ trợ'));
  }
  return { settings, faults };
}

/** The office's columns that the server reads at start-up, with the bounds the admin API checks and their defaults. */
const OFFICE_COLUMNS: Record<string, { schema: z.ZodType; fallback: unknown }> = {
  timeZone: { schema: z.string().refine(isValidTimeZone, 'múi giờ không hợp lệ'), fallback: 'Asia/Ho_Chi_Minh' },
  dayStartMinutes: { schema: z.number().int().min(0).max(23 * 60 + 59), fallback: 0 },
  priorityStreakLimit: { schema: z.number().int().min(0).max(50), fallback: 3 },
  callOrder: { schema: z.enum(['oldest', 'preference']), fallback: 'oldest' },
  ticketRateLimitPerMinute: { schema: z.number().int().min(0).max(10_000), fallback: 12 },
  defaultServiceMinutes: { schema: z.number().min(0.5).max(480), fallback: 6 },
};

/**
 * The office row as stored, made usable: a column out of bounds falls back to its default and
 * `settings_json` is parsed and sanitized (unreadable JSON = no settings), each with a fault.
 */
export function sanitizeOfficeRow<T extends Record<string, unknown>>(
  row: T,
  settingsJson: string,
): { office: T & { settings: Record<string, unknown> }; faults: SettingsFault[] } {
  const faults: SettingsFault[] = [];
  const columns: Record<string, unknown> = { ...row };
  for (const [key, { schema, fallback }] of Object.entries(OFFICE_COLUMNS)) {
    if (!(key in row)) continue;
    const r = schema.safeParse(row[key]);
    if (!r.success) {
      faults.push(invalidSetting(key, why(r.error)));
      columns[key] = fallback;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(settingsJson);
  } catch {
    parsed = null;
  }
  const s = sanitizeSettings(parsed);
  return { office: { ...(columns as T), settings: s.settings }, faults: [...faults, ...s.faults] };
}
