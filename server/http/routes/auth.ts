import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { SESSION_COOKIE, currentOfficer, readCookie, requireOfficer, setSessionCookie } from '../auth';
import { DomainError } from '../../domain/errors';
import { LoginThrottle } from '../../auth/loginThrottle';
import { parse } from '../validate';
import { actorOf, audit, clientOf } from '../../audit/http';

const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const passwordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(8, 'mật khẩu mới ít nhất 8 ký tự').max(200),
  })
  .refine((b) => b.newPassword !== b.currentPassword, {
    message: 'mật khẩu mới phải khác mật khẩu cũ',
    path: ['newPassword'],
  });

const tooMany = (waitSeconds: number) =>
  new DomainError(
    429,
    'too_many_logins',
    `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${waitSeconds} giây. (Too many failed logins; try again in ${waitSeconds} s.)`,
    { retryAfterSeconds: waitSeconds },
  );

export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  const throttle = new LoginThrottle(ctx.clock);

  r.post('/login', async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    const client = clientOf(req);
    const waitSeconds = throttle.begin(username, client);
    if (waitSeconds > 0) {
      res.set('Retry-After', String(waitSeconds));
      throw tooMany(waitSeconds);
    }
    const officer = await ctx.officers.verifyLogin(username, password);
    if (!officer) {
      // The username typed is kept (to see which account is being tried), never the password.
      ctx.audit.record(actorOf(req, null), { action: 'login.failed', target: { kind: 'officer', name: username } });
      throw new DomainError(401, 'bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu. (Wrong username or password.)');
    }
    throttle.succeeded(username, client);
    ctx.audit.record(actorOf(req, officer), {
      action: 'login.ok',
      target: { kind: 'officer', id: officer.id, name: officer.username },
      details: officer.mustChangePassword ? { mustChangePassword: true } : null,
    });
    setSessionCookie(res, ctx.officers.createSession(officer.id), ctx.secureCookies);
    res.json({ officer });
  });

  r.post('/logout', (req, res) => {
    ctx.officers.deleteSession(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies });
    res.status(204).end();
  });

  /**
   * An officer changes their own password (required after a generated or admin-set one).
   * Wrong current passwords count like failed logins; the officer's other sessions end.
   */
  r.post('/password', requireOfficer, async (req, res) => {
    const me = currentOfficer(req);
    const { currentPassword, newPassword } = parse(passwordBody, req.body);
    const client = clientOf(req);
    const waitSeconds = throttle.begin(me.username, client);
    if (waitSeconds > 0) {
      res.set('Retry-After', String(waitSeconds));
      throw tooMany(waitSeconds);
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE) ?? '';
    if (!(await ctx.officers.changeOwnPassword(me.id, currentPassword, newPassword, token))) {
      throw new DomainError(400, 'wrong_password', 'Mật khẩu hiện tại không đúng. (The current password is wrong.)');
    }
    throttle.succeeded(me.username, client);
    audit(ctx, req, {
      action: 'password.change',
      target: { kind: 'officer', id: me.id, name: me.username },
      details: me.mustChangePassword ? { required: true } : null,
    });
    res.json({ officer: ctx.officers.get(me.id) });
  });

  r.get('/me', (req, res) => {
    res.json({ officer: currentOfficer(req) });
  });

  return r;
}
