import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import type { OfficerInfo, Role } from '../../shared/contract';
import { conflict, notFound } from '../domain/errors';
import { uniqueToConflict } from '../domain/configRepo';
import type { Clock } from '../domain/clock';
import { checkAndBump } from '../domain/versions';

export interface OfficerInput {
  name: string;
  username: string;
  role: Role;
  active: boolean;
  counterIds: number[];
  password?: string;
}

/** A session lasts one long working day and is extended while it is used. */
export const SESSION_HOURS = 14;
const EXTEND_EVERY_MS = 10 * 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Sessions that just ended: one by its token (logout), or all of an officer's (deactivated,
 * new password), but the one in `exceptToken` (the officer who changed their own password).
 */
export type EndedSessions = { token: string } | { officerId: number; exceptToken?: string };

export interface SaveOptions {
  /** The version the edit was based on: 409 stale_version when outdated. */
  expectedVersion?: number;
  /** When a password is set: its owner must change it at the next login (generated or set by an admin). */
  mustChangePassword?: boolean;
}

/** Officers, their password hashes (Argon2id) and their login sessions. */
export class OfficerRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private readonly endedListeners = new Set<(ended: EndedSessions) => void>();

  /** Calls `listener` after sessions are ended (e.g. to close their live sockets); returns an unsubscribe function. */
  onSessionsEnded(listener: (ended: EndedSessions) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private sessionsEnded(ended: EndedSessions): void {
    for (const listener of this.endedListeners) listener(ended);
  }

  list(): OfficerInfo[] {
    const rows = this.db
      .prepare('SELECT id, name, username, role, active, must_change_password AS mustChange FROM officers ORDER BY id')
      .all() as (Omit<OfficerInfo, 'active' | 'counterIds' | 'mustChangePassword'> & { active: number; mustChange: number })[];
    const links = this.db.prepare('SELECT officer_id AS o, counter_id AS c FROM officer_counters').all() as {
      o: number;
      c: number;
    }[];
    return rows.map(({ mustChange, ...r }) => ({
      ...r,
      active: r.active === 1,
      counterIds: links.filter((l) => l.o === r.id).map((l) => l.c),
      mustChangePassword: mustChange === 1,
    }));
  }

  get(id: number): OfficerInfo {
    const o = this.list().find((x) => x.id === id);
    if (!o) throw notFound(`cán bộ ${id}`);
    return o;
  }

  /**
   * Creates or updates an officer. A new password ends the officer's sessions; it must be
   * changed at the next login only when `opts.mustChangePassword` says so.
   */
  async save(input: OfficerInput, id?: number, opts: SaveOptions = {}): Promise<OfficerInfo> {
    const passwordHash = input.password ? await hash(input.password) : null;
    const mustChange = opts.mustChangePassword ? 1 : 0;
    const now = this.clock.now().toISOString();
    const saved = this.db.transaction(() => {
      let officerId = id;
      try {
        if (officerId === undefined) {
          if (!passwordHash) throw new Error('password required');
          officerId = Number(
            this.db
              .prepare(
                `INSERT INTO officers (name, username, password_hash, role, active, created_at, must_change_password)
                 VALUES (?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(input.name, input.username, passwordHash, input.role, input.active ? 1 : 0, now, mustChange)
              .lastInsertRowid,
          );
        } else {
          const before = this.get(officerId);
          checkAndBump(this.db, 'officer', officerId, opts.expectedVersion);
          this.keepAnActiveAdmin(before, input);
          this.db
            .prepare('UPDATE officers SET name = ?, username = ?, role = ?, active = ? WHERE id = ?')
            .run(input.name, input.username, input.role, input.active ? 1 : 0, officerId);
          if (passwordHash) {
            this.db
              .prepare('UPDATE officers SET password_hash = ?, must_change_password = ? WHERE id = ?')
              .run(passwordHash, mustChange, officerId);
            this.db.prepare('DELETE FROM sessions WHERE officer_id = ?').run(officerId);
          }
          if (!input.active) this.db.prepare('DELETE FROM sessions WHERE officer_id = ?').run(officerId);
        }
      } catch (e) {
        throw uniqueToConflict(e, `Tên đăng nhập "${input.username}" đã tồn tại. (Username already exists.)`);
      }
      this.db.prepare('DELETE FROM officer_counters WHERE officer_id = ?').run(officerId);
      const ins = this.db.prepare('INSERT INTO officer_counters (officer_id, counter_id) VALUES (?, ?)');
      for (const c of input.counterIds) ins.run(officerId, c);
      return this.get(officerId);
    })();
    if (id !== undefined && (passwordHash || !input.active)) this.sessionsEnded({ officerId: id });
    return saved;
  }

  /** Refuses (409) to demote or deactivate the last active admin: someone must still be able to configure the office. */
  private keepAnActiveAdmin(before: OfficerInfo, after: OfficerInput): void {
    if (before.role !== 'admin' || !before.active || (after.role === 'admin' && after.active)) return;
    const admins = Number(
      this.db.prepare("SELECT COUNT(*) FROM officers WHERE role = 'admin' AND active = 1").pluck().get(),
    );
    if (admins <= 1) {
      throw conflict(
        'last_admin',
        `"${before.name}" là quản trị viên đang hoạt động cuối cùng: hãy cấp quyền quản trị cho một tài khoản khác trước. ` +
          '(This is the last active admin; make another officer admin first.)',
      );
    }
  }

  /**
   * An officer changes their own password: `current` must be right (false otherwise). The
   * must-change flag is cleared, and every other session of theirs ends; `keepToken` stays.
   */
  async changeOwnPassword(officerId: number, current: string, next: string, keepToken: string): Promise<boolean> {
    const row = this.db.prepare('SELECT password_hash FROM officers WHERE id = ?').pluck().get(officerId) as
      | string
      | undefined;
    if (!row || !(await verify(row, current).catch(() => false))) return false;
    const nextHash = await hash(next);
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE officers SET password_hash = ?, must_change_password = 0 WHERE id = ?')
        .run(nextHash, officerId);
      this.db.prepare('DELETE FROM sessions WHERE officer_id = ? AND token_hash <> ?').run(officerId, sha256(keepToken));
    })();
    this.sessionsEnded({ officerId, exceptToken: keepToken });
    return true;
  }

  /** Checks a username and password; returns the officer or null. Constant work for unknown users. */
  async verifyLogin(username: string, password: string): Promise<OfficerInfo | null> {
    const row = this.db
      .prepare('SELECT id, password_hash AS h, active FROM officers WHERE username = ?')
      .get(username) as { id: number; h: string; active: number } | undefined;
    const ok = await verify(row?.h ?? (await dummyHash()), password).catch(() => false);
    if (!row || !ok || row.active !== 1) return null;
    return this.get(row.id);
  }

  createSession(officerId: number): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO sessions (token_hash, officer_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(sha256(token), officerId, now.toISOString(), new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString());
    return token;
  }

  /**
   * The officer a session token belongs to, extending the session; null when unknown or
   * expired. The expiry is moved at most every 10 minutes, so that ordinary requests (an
   * officer's every key press) cost no database write.
   */
  sessionOfficer(token: string | undefined): OfficerInfo | null {
    if (!token) return null;
    const now = this.clock.now();
    const hash = sha256(token);
    const row = this.db
      .prepare(
        `SELECT s.officer_id AS id, s.expires_at AS expiresAt FROM sessions s JOIN officers o ON o.id = s.officer_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND o.active = 1`,
      )
      .get(hash, now.toISOString()) as { id: number; expiresAt: string } | undefined;
    if (!row) return null;
    const fresh = now.getTime() + SESSION_HOURS * 3600_000;
    if (fresh - Date.parse(row.expiresAt) > EXTEND_EVERY_MS) {
      this.db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(new Date(fresh).toISOString(), hash);
    }
    return this.get(row.id);
  }

  deleteSession(token: string | undefined): void {
    if (!token) return;
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(sha256(token));
    this.sessionsEnded({ token });
  }

  purgeExpiredSessions(): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.clock.now().toISOString());
  }

  count(): number {
    return Number(this.db.prepare('SELECT COUNT(*) FROM officers').pluck().get());
  }
}

// Unknown usernames are checked against a real hash, so they cost as much as known ones.
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex')));
