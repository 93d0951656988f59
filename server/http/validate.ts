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
