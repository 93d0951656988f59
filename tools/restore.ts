/**
 * `npm run restore -- FILE`: replaces the office's database with a backup. Refuses while the
 * server runs and when FILE fails SQLite's integrity check; keeps the replaced database as
 * `quayso.db.before-restore-<time>`.
 */
import { resolve } from 'node:path';
import { readEnv } from '../server/config/env';
import { RestoreRefused, restoreDatabase } from '../server/ops/restore';

function main(args: string[]): number {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('Cách dùng (usage): npm run restore -- DATA_DIR/backups/quayso-….db');
    return 64;
  }
  const dataDir = readEnv(process.env).dataDir;
  try {
    const r = restoreDatabase(dataDir, file);
    console.log(`Đã khôi phục (restored) ${resolve(file)} → ${resolve(r.database)}: ${r.tickets} phiếu (tickets).`);
    if (r.previous) console.log(`Cơ sở dữ liệu cũ được giữ tại (previous database kept as) ${resolve(r.previous)}`);
    return 0;
  } catch (e) {
    console.error(e instanceof RestoreRefused ? e.message : `Khôi phục không thành công (restore failed): ${String(e)}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
