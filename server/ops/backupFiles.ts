/**
 * Backup files of the database in `DATA_DIR/backups`: their names, the check every copy
 * passes before it gets its final name, retention, and the copy to a second folder.
 * Only files whose names this module gives are ever listed, served or deleted.
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const DB_FILE_NAME = 'quayso.db';
export const BACKUP_DIR_NAME = 'backups';

/** Why a backup was made: the daily schedule, the admin's button, `npm run backup`, or before a migration. */
export type BackupReason = 'daily' | 'manual' | 'cli' | 'migration';

export interface BackupFile {
  name: string;
  /** When it was taken (from its name). */
  createdAt: string;
  reason: BackupReason;
  size: number;
}

const NAME = /^quayso-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(daily|manual|cli|migration)\.db$/;

export const backupDirOf = (dataDir: string) => join(dataDir, BACKUP_DIR_NAME);

/** quayso-2026-11-30T05-00-00-000Z-daily.db: sorts by time, and says when and why. */
export function backupName(at: Date, reason: BackupReason): string {
  return `quayso-${at.toISOString().replace(/[:.]/g, '-')}-${reason}.db`;
}

/** The time and reason in a backup's name, or null for any other name. */
export function parseBackupName(name: string): { createdAt: Date; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const createdAt = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, reason: m[6] as BackupReason };
}

/** The backups in `dir`, newest first; a missing folder has none. */
export async function listBackups(dir: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      const s = await stat(join(dir, name));
      if (s.isFile()) out.push({ name, createdAt: parsed.createdAt.toISOString(), reason: parsed.reason, size: s.size });
    } catch {
      // Deleted meanwhile (retention in another process).
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The result of SQLite's `PRAGMA integrity_check` on a database file: null when it is sound, else why not. */
export function integrityProblem(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const first = rows[0]?.integrity_check;
    if (first !== 'ok') return rows.map((r) => r.integrity_check).slice(0, 3).join('; ') || 'không đọc được';
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const t of ['schema_migrations', 'office', 'tickets']) {
      if (!tables.includes(t)) return `không phải cơ sở dữ liệu Quầy Số (thiếu bảng ${t})`;
    }
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    db?.close();
  }
}

/**
 * Makes a fresh copy self-contained (rollback journal, no -wal to carry along), checks its
 * integrity and flushes it to disk. Throws with the reason when the copy is not sound.
 */
export function sealCopy(tmp: string): void {
  const db = new Database(tmp, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  const problem = integrityProblem(tmp);
  if (problem) throw new Error(`bản sao lỗi (integrity_check): ${problem}`);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A temporary name next to the final one; listings never show it. */
export const tempNameOf = (final: string) => `${final}.tmp-${process.pid}`;

/**
 * A consistent copy of an open database, taken synchronously with `VACUUM INTO` (used at start,
 * before migrations, when nothing else runs). Returns the backup's path.
 */
export function backupSync(db: Database.Database, dir: string, reason: BackupReason, at = new Date()): string {
  const final = join(dir, backupName(at, reason));
  const tmp = tempNameOf(final);
  rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    sealCopy(tmp);
    renameSync(tmp, final);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return final;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the backups in `dir` older than `keepDays` (by the time in their names), but
 * never the newest one. Returns the names deleted.
 */
export async function pruneBackups(dir: string, keepDays: number, now: Date): Promise<string[]> {
  const all = await listBackups(dir);
  const cutoff = now.getTime() - keepDays * DAY_MS;
  const old = all.slice(1).filter((b) => Date.parse(b.createdAt) < cutoff);
  for (const b of old) await rm(join(dir, b.name), { force: true });
  return old.map((b) => b.name);
}

/** Copies a finished backup into `folder` under the same name (temporary name, then rename). */
export async function copyBackupTo(file: string, name: string, folder: string): Promise<void> {
  const final = join(folder, name);
  const tmp = tempNameOf(final);
  try {
    await copyFile(file, tmp);
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, final);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
