/** An error the API turns into `{ error: { code, message } }` with an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, code = 'not_found') =>
  new DomainError(404, code, `Không tìm thấy ${what}. (Not found: ${what})`);

export const conflict = (code: string, message: string, details?: unknown) =>
  new DomainError(409, code, message, details);
