import type { Request, RequestHandler, Response } from 'express';
import type { OfficerInfo } from '../../shared/contract';
import type { OfficerRepo } from '../auth/officerRepo';
import { SESSION_HOURS } from '../auth/officerRepo';
import { DomainError } from '../domain/errors';

export const SESSION_COOKIE = 'qs_session';

declare module 'express-serve-static-core' {
  interface Request {
    officer?: OfficerInfo | null;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Attaches the logged-in officer (if any) to every request. */
export function sessionMiddleware(officers: OfficerRepo): RequestHandler {
  return (req, _res, next) => {
    req.officer = officers.sessionOfficer(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (req.officer?.role === 'leader') refuseLeaderWrites(req);
    next();
  };
}

/** What a leader may still send besides reads: log in and out, change their own password. */
const LEADER_WRITABLE = /^\/auth\//;

/**
 * A leader (Lãnh đạo) reads — reports, the dashboard, the queue — and changes nothing: every
 * request that is not GET/HEAD is refused, whatever route it is for, except the own account's.
 */
function refuseLeaderWrites(req: Request): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || LEADER_WRITABLE.test(req.path)) return;
  throw new DomainError(
    403,
    'leader_read_only',
    'Tài khoản lãnh đạo chỉ được xem báo cáo và theo dõi, không được thay đổi dữ liệu. (Leader accounts are read-only.)',
  );
}

/** Reports and the dashboard: admins and leaders. */
export const requireReportReader: RequestHandler = (req, _res, next) => {
  const role = currentOfficer(req).role;
  if (role !== 'admin' && role !== 'leader') {
    throw new DomainError(403, 'forbidden', 'Chỉ quản trị viên và lãnh đạo được xem báo cáo. (Admins and leaders only.)');
  }
  next();
};

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_HOURS * 3600_000,
  });
}

export function currentOfficer(req: Request): OfficerInfo {
  if (!req.officer) {
    throw new DomainError(401, 'unauthenticated', 'Vui lòng đăng nhập. (Please log in.)');
  }
  return req.officer;
}

export const requireOfficer: RequestHandler = (req, _res, next) => {
  currentOfficer(req);
  next();
};

export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (currentOfficer(req).role !== 'admin') {
    throw new DomainError(403, 'forbidden', 'Chỉ quản trị viên được thực hiện thao tác này. (Admins only.)');
  }
  next();
};
