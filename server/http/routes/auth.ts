import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { SESSION_COOKIE, currentOfficer, readCookie, setSessionCookie } from '../auth';
import { DomainError } from '../../domain/errors';
import { parse } from '../validate';

const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export function authRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/login', async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    const officer = await ctx.officers.verifyLogin(username, password);
    if (!officer) {
      throw new DomainError(401, 'bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu. (Wrong username or password.)');
    }
    setSessionCookie(res, ctx.officers.createSession(officer.id), ctx.secureCookies);
    res.json({ officer });
  });

  r.post('/logout', (req, res) => {
    ctx.officers.deleteSession(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', (req, res) => {
    res.json({ officer: currentOfficer(req) });
  });

  return r;
}
