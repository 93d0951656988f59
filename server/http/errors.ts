import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../domain/errors';
import type { ApiErrorBody } from '../../shared/contract';
import { log } from '../log';

export function sendError(res: Parameters<RequestHandler>[1], status: number, code: string, message: string, details?: unknown) {
  const body: ApiErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  res.status(status).json(body);
}

export const apiNotFound: RequestHandler = (req, res) =>
  sendError(res, 404, 'not_found', `Không có đường dẫn ${req.method} ${req.path}. (No such endpoint.)`);

/** Turns every error into `{ error: { code, message } }`; unexpected ones are 500 without internals. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof DomainError) return sendError(res, err.status, err.code, err.message, err.details);
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.parse.failed') {
    return sendError(res, 400, 'invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ. (Malformed JSON body.)');
  }
  if (e.type === 'entity.too.large') return sendError(res, 413, 'too_large', 'Nội dung gửi lên quá lớn. (Body too large.)');
  log.error({ err }, 'unexpected error');
  return sendError(res, 500, 'internal', 'Lỗi hệ thống, vui lòng thử lại. (Internal error.)');
};
