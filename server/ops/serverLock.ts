/**
 * `DATA_DIR/server.pid`: written by the server when it starts, removed when it stops, so that
 * `npm run restore` can refuse while a server uses the database. A file left behind by a
 * crash or `kill -9` is recognised as stale: its process no longer exists (or is no Node).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'server.pid';

interface LockContent {
  pid: number;
  startedAt: string;
}

const lockPath = (dataDir: string) => join(dataDir, LOCK_FILE_NAME);

function readLock(dataDir: string): LockContent | null {
  try {
    const v = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as Partial<LockContent>;
    return typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0
      ? { pid: v.pid, startedAt: String(v.startedAt ?? '') }
      : null;
  } catch {
    return null;
  }
}

/** Whether process `pid` exists and, where /proc tells, runs Node (a reused pid of another program is not a server). */
function isLiveServer(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|tsx/i.test(cmdline);
  } catch {
    // No /proc (not Linux) or no access: trust the signal check.
    return true;
  }
}

/** The server running on `dataDir`, if any: the pid in its lock file, when that process still runs. */
export function runningServer(dataDir: string): { pid: number; startedAt: string } | null {
  const lock = readLock(dataDir);
  return lock && isLiveServer(lock.pid) ? lock : null;
}

/** Writes the lock file for this process; `release` removes it if it is still ours. */
export function acquireServerLock(dataDir: string, now = new Date()): { release: () => void } {
  const mine: LockContent = { pid: process.pid, startedAt: now.toISOString() };
  writeFileSync(lockPath(dataDir), `${JSON.stringify(mine)}\n`);
  return {
    release: () => {
      const lock = readLock(dataDir);
      if (lock?.pid === mine.pid && lock.startedAt === mine.startedAt) rmSync(lockPath(dataDir), { force: true });
    },
  };
}
