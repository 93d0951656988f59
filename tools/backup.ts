/**
 * `npm run backup`: a consistent backup of the office's database now, into DATA_DIR/backups
 * (and the office's second folder, when set), whether the server runs or not. Old backups are
 * deleted after the office's `keepDays`.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readEnv } from '../server/config/env';
import { BackupService } from '../server/ops/backupService';
import { ConfigRepo } from '../server/domain/configRepo';
import { systemClock } from '../server/domain/clock';
import { DB_FILE_NAME } from '../server/ops/backupFiles';
import { log } from '../server/log';

async function main(): Promise<number> {
  const dataDir = readEnv(process.env).dataDir;
  const file = join(dataDir, DB_FILE_NAME);
  if (!existsSync(file)) {
    console.error(`Không có cơ sở dữ liệu ${resolve(file)}. (No database found; set DATA_DIR.)`);
    return 1;
  }
  // This tool says what happened in its own words below.
  log.level = 'silent';
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    const service = new BackupService(db, new ConfigRepo(db), systemClock, dataDir);
    const made = await service.backupNow('cli');
    console.log(`Đã sao lưu (backup written): ${join(resolve(service.dir), made.name)} (${made.size} bytes)`);
    const { copyError } = service.health();
    if (copyError) console.error(`Chưa chép được sang thư mục thứ hai (second copy failed): ${copyError.message}`);
    return copyError ? 2 : 0;
  } catch (e) {
    console.error(`Sao lưu không thành công (backup failed): ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
