import type { RequestHandler } from 'express';
import { sendError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type of a Content-Type header, without its parameters (`application/json; charset=utf-8` → `application/json`). */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * State-changing API requests must say `Content-Type: application/json`. A page of another
 * site can post a form or `text/plain` without asking, but not JSON (the browser would ask
 * this server first, and it does not allow it): with this, cross-site requests cannot act
 * with an officer's cookie even where SameSite is not honoured. Anything else is a 415.
 */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method) || mediaType(req.headers['content-type']) === 'application/json') {
    next();
    return;
  }
  sendError(
    res,
    415,
    'unsupported_media_type',
    'Yêu cầu phải gửi dữ liệu dạng JSON (Content-Type: application/json). (Requests that change data must be JSON.)',
  );
};
