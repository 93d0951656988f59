/**
 * `npm run restore -- FILE`: puts a backup in place of the office's database. Refuses while a
 * server runs on the folder and when the backup fails SQLite's integrity check. The database it
 * replaces is kept as `quayso.db.before-restore-<time>`; the replacement is one atomic rename,
 * so at no moment is there no database (a server started meanwhile would create an empty one).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE_NAME, integrityProblem, sealCopy, tempNameOf } from './backupFiles';
import { runningServer } from './serverLock';

export class RestoreRefused extends Error {}

export interface RestoreResult {
  /** The database now in place. */
  database: string;
  /** Where the replaced database was kept, or null when there was none. */
  previous: string | null;
  /** Tickets in the restored database. */
  tickets: number;
}

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/** Folds a database's WAL into its main file (so a plain file copy holds every commit) and closes it. */
function checkpoint(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

export function restoreDatabase(dataDir: string, backupFile: string, now = new Date()): RestoreResult {
  const server = runningServer(dataDir);
  if (server) {
    throw new RestoreRefused(
      `Máy chủ Quầy Số đang chạy (pid ${server.pid}) trên thư mục này: hãy dừng máy chủ trước khi khôi phục. ` +
        `(The server is running, pid ${server.pid}: stop it first.)`,
    );
  }
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new RestoreRefused(`Không tìm thấy tệp ${source}. (File not found.)`);
  const problem = integrityProblem(source);
  if (problem) {
    throw new RestoreRefused(`Tệp sao lưu bị lỗi, không khôi phục: ${problem}. (The backup fails its integrity check.)`);
  }
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, DB_FILE_NAME);
  const tmp = tempNameOf(target);
  rmSync(tmp, { force: true });
  let previous: string | null = null;
  try {
    copyFileSync(source, tmp);
    sealCopy(tmp);
    if (existsSync(target)) {
      previous = `${target}.before-restore-${stamp(now)}`;
      try {
        checkpoint(target);
      } catch {
        // An unreadable database is kept as it is, with its WAL beside it.
        for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) copyFileSync(target + ext, previous + ext);
      }
      copyFileSync(target, previous);
    }
    // A WAL left beside the database belongs to the old one: SQLite would apply it to the new.
    for (const ext of ['-wal', '-shm', '-journal']) rmSync(target + ext, { force: true });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const db = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const tickets = Number(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get());
    return { database: target, previous, tickets };
  } finally {
    db.close();
  }
}
