/**
 * The typed parts of an office's `settings`: the ticket printer and the TV displays.
 * The admin API validates them strictly (a bad value is a 400 and changes nothing);
 * readers fall back to the defaults for anything missing, so an old database keeps working.
 */
import { z } from 'zod';
import type { DisplayProfile, DisplaySettings } from '../../shared/contract';

const text = (max: number) => z.string().trim().max(max);

const printerUri = z
  .string()
  .trim()
  .regex(
    /^(tcp:\/\/[A-Za-z0-9.-]+(:\d{1,5})?|\/dev\/[A-Za-z0-9/_.-]+|simulated|none)$/,
    'máy in: tcp://máy:9100, /dev/usb/lp0, simulated hoặc none',
  );

/** A kiosk's id as given in its URL (/kiosk/?id=sanh-1) and sent as X-Kiosk-Id. */
export const kioskKey = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,40}$/, 'mã kiosk: chữ thường, số và -');

export const printerSettingsSchema = z
  .object({
    uri: printerUri,
    paperWidthDots: z.number().int().min(200).max(1000),
    // At most 10 s: the kiosk waits for the print (status + transfer) before showing the number.
    timeoutMs: z.number().int().min(200).max(10_000),
    publicUrl: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'địa chỉ dạng http://192.168.1.10:3000')
      .nullable(),
    thankYou: text(200).nullable(),
    headerLines: z.array(text(120)).max(5),
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

export const officeSettingsSchema = z
  .object({ printer: printerSettingsSchema.optional(), display: displaySettingsSchema.optional() })
  .strict();

/** The display settings of an office, defaults where unset or unreadable. */
export function readDisplaySettings(settings: Record<string, unknown>): DisplaySettings {
  const r = displaySettingsSchema.safeParse(settings.display ?? {});
  if (!r.success) return { ...DISPLAY_DEFAULTS, profiles: [] };
  return { ...r.data, profiles: r.data.profiles.map((p): DisplayProfile => ({ ...p })) };
}
