import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { backupDirOf, backupSync } from './backupFiles';
import { log } from '../log';

/**
 * The backup taken before migrations change a database that holds data, in the backups folder
 * next to it. When it cannot be made the migrations do not run: the server does not start, and
 * says why (a full disk, a read-only folder), rather than change the data without a way back.
 */
export function backupBeforeMigration(db: Database.Database, file: string): string {
  const dir = backupDirOf(dirname(file));
  try {
    mkdirSync(dir, { recursive: true });
    const path = backupSync(db, dir, 'migration');
    log.info({ file: path }, 'backup before migration');
    return path;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(
      `Không sao lưu được cơ sở dữ liệu trước khi nâng cấp (${why}); chưa thay đổi gì. ` +
        '(Could not back up the database before migrating it; nothing was changed.)',
    );
  }
}
