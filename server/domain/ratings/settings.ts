/**
 * settings.ratings: the office's satisfaction scale, the reasons asked for the lower levels,
 * the window that ties a button press to a finished visit, and the button box's port.
 * Every field has a default, so `{}` (or a stored value that no longer validates, which
 * officeSettings.sanitizeSettings drops and reports as a fault) means the default scale.
 */
import { z } from 'zod';
import {
  DEFAULT_LEVEL_LABELS,
  DEFAULT_REASONS,
  RATING_LEVELS,
  SCALE_LEVELS,
  type RatingLevelLabel,
  type RatingScaleView,
  type ScaleSize,
} from '../../../shared/ratings';
import { BAUD_RATES, serialPathProblem } from '../../cards/readerSettings';

const color = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'màu dạng #rrggbb');

export const ratingLevelLabelSchema = z
  .object({
    key: z.enum(RATING_LEVELS),
    vi: z.string().trim().min(1, 'nhập chữ tiếng Việt').max(40),
    en: z.string().trim().max(40).default(''),
    color,
  })
  .strict();

export const ratingReasonSchema = z
  .object({
    key: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, 'mã lý do: chữ thường, số, _ và -'),
    vi: z.string().trim().min(1, 'nhập lý do tiếng Việt').max(80),
    en: z.string().trim().max(80).default(''),
  })
  .strict();

export const ratingButtonsSchema = z
  .object({
    /** The box's serial port under /dev; '' = no button box. */
    path: z
      .string()
      .trim()
      .max(200)
      .default('')
      .superRefine((v, ctx) => {
        const why = v === '' ? null : serialPathProblem(v);
        if (why) ctx.addIssue({ code: 'custom', message: why });
      }),
    baudRate: z
      .number()
      .refine((n) => (BAUD_RATES as readonly number[]).includes(n), 'tốc độ không hỗ trợ')
      .default(9600),
    /** The box sends a heartbeat this often; it shows offline after 3 missed. */
    heartbeatSeconds: z.number().int().min(1).max(120).default(5),
    /** The same counter and level again within this time is one press (a bouncing contact). */
    debounceMs: z.number().int().min(0).max(10_000).default(1000),
  })
  .strict();

export const RATINGS_DEFAULT_WINDOW_SECONDS = 120;

export const ratingsSettingsSchema = z
  .object({
    scaleSize: z.union([z.literal(3), z.literal(4), z.literal(5)]).default(3),
    /** Overrides of the levels' words and colours; levels not listed keep the defaults. */
    levels: z
      .array(ratingLevelLabelSchema)
      .max(RATING_LEVELS.length)
      .default([])
      .refine((ls) => new Set(ls.map((l) => l.key)).size === ls.length, 'mức đánh giá bị lặp'),
    reasons: z
      .array(ratingReasonSchema)
      .max(12)
      .default(DEFAULT_REASONS.map((r) => ({ ...r })))
      .refine((rs) => new Set(rs.map((r) => r.key)).size === rs.length, 'mã lý do bị lặp'),
    /** The reasons screen offers a free text on the on-screen keyboard. */
    allowText: z.boolean().default(true),
    /** A press at a counter counts for its last finished visit this long after it ended. */
    windowSeconds: z.number().int().min(10).max(3600).default(RATINGS_DEFAULT_WINDOW_SECONDS),
    /** How long the thank-you stays before the page goes back to idle. */
    thanksSeconds: z.number().int().min(2).max(60).default(6),
    buttons: ratingButtonsSchema.default({ path: '', baudRate: 9600, heartbeatSeconds: 5, debounceMs: 1000 }),
  })
  .strict();

export type RatingsSettings = z.infer<typeof ratingsSettingsSchema>;

/** settings.ratings with every default filled in; a value that does not validate gives the defaults. */
export function readRatingsSettings(settings: Record<string, unknown>): RatingsSettings {
  const r = ratingsSettingsSchema.safeParse(settings.ratings ?? {});
  return r.success ? r.data : ratingsSettingsSchema.parse({});
}

/** The scale as the rating page shows it. */
export function scaleView(s: RatingsSettings): RatingScaleView {
  const size = s.scaleSize as ScaleSize;
  const overrides = new Map(s.levels.map((l) => [l.key, l]));
  const levels = SCALE_LEVELS[size].map((key): RatingLevelLabel => {
    const o = overrides.get(key);
    const d = DEFAULT_LEVEL_LABELS[key];
    return o ? { key, vi: o.vi, en: o.en || d.en, color: o.color } : { ...d };
  });
  return {
    size,
    levels,
    reasons: s.reasons.map((r) => ({ ...r })),
    allowText: s.allowText,
    wakeSeconds: s.windowSeconds,
    thanksSeconds: s.thanksSeconds,
  };
}
