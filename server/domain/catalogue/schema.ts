/**
 * Validation of one procedure as the admin page, the JSON import and the CSV import give it
 * (after the CSV's cells were turned into lists). Messages are Vietnamese first.
 */
import { z } from 'zod';
import { CHANNELS, DOCUMENT_FORMS } from '../../../shared/catalogue';

/** Text as typed or pasted: Windows line ends become \n, spaces around are dropped. */
const text = (max: number) =>
  z
    .string({ error: 'phải là chữ (must be text)' })
    .max(max, `tối đa ${max} ký tự (at most ${max} characters)`)
    .transform((s) => s.replace(/\r\n?/g, '\n').trim());

/** A national procedure code such as 1.001193 or 2.000635 (letters, digits, dots, dashes). */
export const procedureCode = z
  .string({ error: 'mã thủ tục bắt buộc (code required)' })
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, 'mã thủ tục gồm chữ, số, dấu chấm, tối đa 40 ký tự (code: letters, digits, dots)');

export const processingTimeSchema = z.discriminatedUnion(
  'unit',
  [
    z.object({ unit: z.literal('working_days'), value: z.number().int().min(1).max(365) }).strict(),
    z.object({ unit: z.literal('working_hours'), value: z.number().int().min(1).max(2000) }).strict(),
    z.object({ unit: z.literal('same_day') }).strict(),
  ],
  { error: 'thời hạn là working_days, working_hours hoặc same_day (time unit)' },
);

export const channelSchema = z
  .object({
    channel: z.enum(CHANNELS, { error: `cách thức là ${CHANNELS.join(', ')} (channel)` }),
    time: processingTimeSchema,
    fee: text(500).default(''),
  })
  .strict();

export const documentSchema = z
  .object({
    name: text(500).pipe(z.string().min(1, 'tên giấy tờ bắt buộc (document name required)')),
    form: z.enum(DOCUMENT_FORMS, { error: `hình thức giấy tờ là ${DOCUMENT_FORMS.join(', ')} (document form)` }).default('original'),
    copies: z.number().int().min(1, 'số bản từ 1 (copies ≥ 1)').max(99).default(1),
  })
  .strict();

/**
 * One procedure to save. The office field is `serviceId` (this office's id) or `field` (the
 * field's code or name, as files from elsewhere carry it); both, when given, must agree.
 */
export const procedureInput = z
  .object({
    code: procedureCode,
    name: text(500).pipe(z.string().min(1, 'tên thủ tục bắt buộc (name required)')),
    serviceId: z.number().int().positive().nullable().optional(),
    field: z.string().trim().max(200).optional(),
    fieldName: text(200).default(''),
    level: z.enum(['toan_trinh', 'mot_phan', ''], { error: 'mức độ là toan_trinh, mot_phan hoặc để trống (level)' }).default(''),
    channels: z
      .array(channelSchema)
      .max(CHANNELS.length)
      .default([])
      .refine((cs) => new Set(cs.map((c) => c.channel)).size === cs.length, 'mỗi cách thức chỉ một lần (each channel once)'),
    documents: z.array(documentSchema).max(100, 'tối đa 100 giấy tờ (at most 100 documents)').default([]),
    sets: z.number().int().min(0).max(50).default(1),
    applicants: text(5000).default(''),
    result: text(5000).default(''),
    legalBasis: text(10000).default(''),
    active: z.boolean().default(true),
    sortOrder: z.number().int().min(-1_000_000).max(1_000_000).default(0),
    // Carried by exported records; ignored on import (the PUT route reads `version` itself).
    version: z.number().int().min(0).optional(),
    updatedAt: z.string().optional(),
  })
  .strict();

export type ProcedureInput = z.infer<typeof procedureInput>;

/** A zod failure as one line: "documents.0.name – tên giấy tờ bắt buộc". */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')} – ${i.message}` : i.message))
    .join('; ');
}
