import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';
import { log } from '../log';

const require = createRequire(import.meta.url);

/**
 * Moves WAL checkpoints off the event loop. With automatic checkpoints, the commit that
 * crosses the WAL threshold copies pages into the database file and fsyncs it while every
 * request waits. Instead the main connection never checkpoints (wal_autocheckpoint=0) and
 * a worker thread with its own connection runs a PASSIVE checkpoint every few seconds
 * (PASSIVE never blocks the writer).
 */
export function startCheckpointer(db: Db, file: string, everyMs = 2000): { stop: () => Promise<void> } {
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    const timer = setInterval(() => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message || e)); }
    }, workerData.everyMs);
    parentPort.on('message', (m) => {
      if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.close(); }
    });
    `,
    { eval: true, workerData: { file, everyMs, module: require.resolve('better-sqlite3') } },
  );
  worker.on('message', (m: string) => log.error({ err: m }, 'WAL checkpoint failed'));
  worker.on('error', (e) => log.error({ err: e.message }, 'WAL checkpointer stopped'));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate().then(() => resolve()), 2000).unref();
      }),
  };
}
