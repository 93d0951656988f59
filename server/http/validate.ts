import { z } from 'zod';
import { DomainError } from '../domain/errors';

/** Parses input with a schema; a failure is a 400 that names each bad field. Nothing changes. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw new DomainError(
      400,
      'invalid_input',
      `Dữ liệu không hợp lệ${first ? `: ${first.path || 'body'} – ${first.message}` : ''}. (Invalid input.)`,
      issues,
    );
  }
  return r.data;
}

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const idSchema = z.number().int().positive();
export const nameText = z.string().trim().min(1).max(200);

/** A time of day, HH:MM from 00:00 to 23:59 (the day's start, an opening time). */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ dạng HH:MM từ 00:00 đến 23:59');

/** A closing time: HH:MM from 00:00 to 23:59, or 24:00 for the end of the day. */
export const closingTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'giờ dạng HH:MM từ 00:00 đến 24:00');

/** A 400 like `parse` gives, for a rule that involves several fields: names the field at `path`. */
export function invalidField(path: string, message: string, english: string): DomainError {
  return new DomainError(400, 'invalid_input', `Dữ liệu không hợp lệ: ${path} – ${message}. (${english})`, [
    { path, message },
  ]);
}
