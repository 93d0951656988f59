import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * `sealCopy` (backupFiles.ts) in a worker thread, so that checking a large copy never holds up
 * a request: the copy switches to a rollback journal, passes `PRAGMA integrity_check`, has the
 * tables of a Quầy Số database, and is flushed to disk. Resolves when sound, rejects with why not.
 */
export function sealCopyOffThread(file: string): Promise<void> {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const fs = require('node:fs');
    const Database = require(workerData.module);
    let result = null;
    try {
      let db = new Database(workerData.file, { fileMustExist: true });
      db.pragma('journal_mode = DELETE');
      db.close();
      db = new Database(workerData.file, { readonly: true, fileMustExist: true });
      const rows = db.pragma('integrity_check', { simple: false });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      db.close();
      if (!rows[0] || rows[0].integrity_check !== 'ok') result = rows.map((r) => r.integrity_check).slice(0, 3).join('; ');
      else if (!tables.includes('tickets')) result = 'không phải cơ sở dữ liệu Quầy Số';
      else { const fd = fs.openSync(workerData.file, 'r+'); fs.fsyncSync(fd); fs.closeSync(fd); }
    } catch (e) { result = String((e && e.message) || e); }
    parentPort.postMessage(result);
    `,
    { eval: true, workerData: { file, module: require.resolve('better-sqlite3') } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (problem: string | null) => {
      if (problem === null) resolve();
      else reject(new Error(`bản sao lỗi (integrity_check): ${problem}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`integrity check stopped (${code})`)));
  });
}
