/**
 * Keys of the sync API (POST /api/sync/*): the province's one-stop system, or a script of
 * the office's IT, sends `Authorization: Bearer qs_live_…`.
 *
 * A key is 32 random bytes (256 bits) in base64url after the prefix `qs_live_`; it is shown
 * once, when created. Only its SHA-256 is stored: a key is not a password a person chose, so
 * nobody can guess it from a list and a slow hash (scrypt, argon2) would protect nothing more;
 * a fast hash lets every request be checked with one indexed lookup. The first characters
 * (`qs_live_` and 4 more) are kept in clear so that an admin can tell keys apart.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import { DomainError, notFound } from '../errors';
import { FailureCounter, type FailureLimits } from '../../auth/loginThrottle';
import { clientOf } from '../../audit/http';
import { log } from '../../log';

export const KEY_PREFIX = 'qs_live_';
/** Characters of the key kept in clear: the prefix and 4 of the random part. */
const SHOWN_CHARS = KEY_PREFIX.length + 4;
const KEY_RE = /^qs_live_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often per key (a sync may send many requests a minute). */
const LAST_USED_EVERY_MS = 60_000;

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const hashOf = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const cols = `k.id, k.name, k.prefix, k.created_at AS createdAt, k.created_by AS createdBy, o.name AS createdByName,
  k.last_used_at AS lastUsedAt, k.revoked_at AS revokedAt`;

export class ApiKeyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Makes a key; the returned `key` is the only time it exists in clear. */
  create(name: string, createdBy: number | null): { key: string; info: ApiKeyInfo } {
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const id = Number(
      this.db
        .prepare('INSERT INTO api_keys (name, prefix, key_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(name, key.slice(0, SHOWN_CHARS), hashOf(key), this.clock.now().toISOString(), createdBy).lastInsertRowid,
    );
    return { key, info: this.get(id)! };
  }

  list(): ApiKeyInfo[] {
    return this.db
      .prepare(`SELECT ${cols} FROM api_keys k LEFT JOIN officers o ON o.id = k.created_by ORDER BY k.revoked_at IS NOT NULL, k.id DESC`)
      .all() as ApiKeyInfo[];
  }

  get(id: number): ApiKeyInfo | null {
    return (this.db.prepare(`SELECT ${cols} FROM api_keys k LEFT JOIN officers o ON o.id = k.created_by WHERE k.id = ?`).get(id) ??
      null) as ApiKeyInfo | null;
  }

  /** Revokes a key for good; a revoked key stays listed (who made it, when it was last used). */
  revoke(id: number): ApiKeyInfo {
    const k = this.get(id);
    if (!k) throw notFound(`khóa API ${id}`, 'api_key_not_found');
    if (!k.revokedAt) this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(this.clock.now().toISOString(), id);
    return this.get(id)!;
  }

  /** The live key matching `key`, or null (unknown, revoked or malformed). Notes its use. */
  authenticate(key: string): { id: number; name: string } | null {
    if (!KEY_RE.test(key)) return null;
    const hash = hashOf(key);
    const row = this.db.prepare('SELECT id, name, key_hash AS keyHash, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM api_keys WHERE key_hash = ?').get(hash) as
      | { id: number; name: string; keyHash: string; lastUsedAt: string | null; revokedAt: string | null }
      | undefined;
    // The lookup is by an index on the hash; the comparison of the found hash is constant-time anyway.
    if (!row || !timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(hash, 'hex')) || row.revokedAt) return null;
    const now = this.clock.now();
    if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) >= LAST_USED_EVERY_MS) {
      this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    }
    return { id: row.id, name: row.name };
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The sync API key the request authenticated with. */
    apiKey?: { id: number; name: string };
  }
}

/**
 * Failed key attempts per client address: 10 free, then 1 s, 2 s, 4 s … up to 5 minutes
 * (forgotten after 15 minutes without failures). A success does not clear them: a client
 * holding one good key gains nothing by guessing others.
 */
export const API_KEY_CLIENT_LIMITS: FailureLimits = {
  freeFailures: 10,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxKeys: 10_000,
};

const unauthorized = () =>
  new DomainError(
    401,
    'bad_api_key',
    'Khóa API không hợp lệ, đã bị thu hồi hoặc thiếu (gửi "Authorization: Bearer <khóa>"). (Missing, invalid or revoked API key; send "Authorization: Bearer <key>".)',
  );

/**
 * Lets a request through only with a live key in `Authorization: Bearer …`; a session cookie
 * counts for nothing here. Failures are logged (the client and why, never the key) and slowed
 * down per client address (429 with Retry-After).
 */
export function requireApiKey(keys: ApiKeyService, clock: Clock, limits: FailureLimits = API_KEY_CLIENT_LIMITS): RequestHandler {
  const failures = new FailureCounter(limits);
  return (req, res, next) => {
    const client = clientOf(req);
    const now = clock.now().getTime();
    const wait = failures.waitMs(client, now);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      res.set('Retry-After', String(seconds));
      throw new DomainError(
        429,
        'too_many_key_failures',
        `Sai khóa API nhiều lần. Vui lòng thử lại sau ${seconds} giây. (Too many bad API keys; try again in ${seconds} s.)`,
        { retryAfterSeconds: seconds },
      );
    }
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const found = m?.[1] ? keys.authenticate(m[1]) : null;
    if (!found) {
      failures.fail(client, now);
      const reason = !header ? 'missing' : !m ? 'not_bearer' : 'unknown_or_revoked';
      log.warn({ client, reason, path: req.originalUrl.split('?')[0] }, 'sync API key refused');
      throw unauthorized();
    }
    req.apiKey = found;
    next();
  };
}
