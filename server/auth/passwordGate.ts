import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors';

/** What an officer who must change their password may still do (paths under /api). */
const ALLOWED = new Set(['GET /auth/me', 'POST /auth/password', 'POST /auth/logout', 'POST /auth/login']);

/** Routes anyone may call (server/http/routes/public.ts): such a session uses them as a stranger would. */
const PUBLIC = [/^GET \/(health|queue)$/, /^GET \/t\/[^/]+$/, /^POST \/tickets$/];

/**
 * An officer whose password was generated or set by an admin gets 403
 * `password_change_required` on every route that needs a login, but the ones above,
 * until they choose their own. Public routes (a kiosk in the same browser) keep working,
 * without the officer.
 */
export const passwordChangeGate: RequestHandler = (req, _res, next) => {
  const route = `${req.method} ${req.path}`;
  if (req.officer?.mustChangePassword && !ALLOWED.has(route)) {
    if (!PUBLIC.some((p) => p.test(route))) {
      throw new DomainError(
        403,
        'password_change_required',
        'Bạn cần đổi mật khẩu được cấp trước khi tiếp tục. (Please change the password you were given first.)',
      );
    }
    req.officer = null;
  }
  next();
};
