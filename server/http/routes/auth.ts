import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { SESSION_COOKIE, currentOfficer, readCookie, setSessionCookie } from '../auth';
import { DomainError } from '../../domain/errors';
import { LoginThrottle } from '../../auth/loginThrottle';
import { parse } from '../validate';

const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  const throttle = new LoginThrottle(ctx.clock);

  r.post('/login', async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const waitSeconds = throttle.begin(username, client);
    if (waitSeconds > 0) {
      res.set('Retry-After', String(waitSeconds));
      throw new DomainError(
        429,
        'too_many_logins',
        `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${waitSeconds} giây. (Too many failed logins; try again in ${waitSeconds} s.)`,
        { retryAfterSeconds: waitSeconds },
      );
    }
    const officer = await ctx.officers.verifyLogin(username, password);
    if (!officer) {
      throw new DomainError(401, 'bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu. (Wrong username or password.)');
    }
    throttle.succeeded(username, client);
    setSessionCookie(res, ctx.officers.createSession(officer.id), ctx.secureCookies);
    res.json({ officer });
  });

  r.post('/logout', (req, res) => {
    ctx.officers.deleteSession(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies });
    res.status(204).end();
  });

  r.get('/me', (req, res) => {
    res.json({ officer: currentOfficer(req) });
  });

  return r;
}
