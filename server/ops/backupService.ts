/**
 * The office's backups while the server runs: an online copy of the live database with
 * SQLite's backup API (requests keep being served), every day at `settings.backup.time` in the
 * office's zone (or as soon as the server is up when that moment passed while it was off), and
 * on demand. Each copy is checked before it gets its final name, old ones are deleted after
 * `keepDays`, and a copy goes to `copyTo` when set. A failure is logged and shown in health;
 * it never stops the server.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Db } from '../db/database';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import { addDays, localParts, zonedInstant } from '../domain/time';
import { pad2 } from '../../shared/zonedTime';
import { readBackupSettings, type BackupSettings } from '../config/backupSettings';
import {
  backupDirOf,
  backupName,
  copyBackupTo,
  listBackups,
  parseBackupName,
  pruneBackups,
  tempNameOf,
  type BackupFile,
  type BackupReason,
} from './backupFiles';
import { sealCopyOffThread } from './sealWorker';
import { errorMessage, log } from '../log';

export interface BackupProblem {
  at: string;
  message: string;
}

/** GET /api/admin/backups. */
export interface BackupStatus {
  settings: BackupSettings;
  /** The next scheduled daily backup. */
  nextAt: string | null;
  last: BackupFile | null;
  backups: BackupFile[];
  /** The last backup that failed, until one succeeds. */
  lastError: BackupProblem | null;
  /** The last copy to the second folder that failed, until one succeeds. */
  copyError: BackupProblem | null;
}

/** The result of checking backup settings before they are saved. */
export type BackupCheck = { ok: true } | { ok: false; setting: string; reason: string; english: string };

const HOUR_MS = 60 * 60 * 1000;

export class BackupService {
  readonly dir: string;
  private running: Promise<BackupFile> | null = null;
  private lastSuccessAt: number | null = null;
  /** When this server started: a database that was never backed up is first backed up at the next scheduled time. */
  private startedAt = 0;
  private lastAttemptAt: number | null = null;
  private lastError: BackupProblem | null = null;
  private copyError: BackupProblem | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    dataDir: string,
  ) {
    this.dir = backupDirOf(dataDir);
  }

  /** The office's backup settings; the defaults when there is no office (or it cannot be read). */
  settings(): BackupSettings {
    try {
      if (this.config.hasOffice()) return readBackupSettings(this.config.office().settings);
    } catch {
      // An older database read by `npm run backup`: the defaults are good enough for one copy.
    }
    return readBackupSettings({});
  }

  private zone(): string {
    try {
      if (this.config.hasOffice()) return this.config.office().timeZone;
    } catch {
      // As above.
    }
    return 'Asia/Ho_Chi_Minh';
  }

  /** Starts the daily schedule, checked every `everyMs`, after removing copies a crash left half-made. */
  async start(everyMs = 30_000): Promise<void> {
    this.startedAt = this.clock.now().getTime();
    await removeStaleTemps(this.dir);
    const newest = (await listBackups(this.dir).catch(() => []))[0];
    this.lastSuccessAt = newest ? Date.parse(newest.createdAt) : null;
    this.timer = setInterval(() => void this.runIfDue(), everyMs);
    this.timer.unref();
  }

  /** Waits for a backup in progress, so that the database can be closed. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** The latest moment the daily backup was due: today's time in the office's zone, or yesterday's. */
  dueAt(now = this.clock.now()): Date {
    const zone = this.zone();
    const [h = 0, m = 0] = this.settings().time.split(':').map(Number);
    const p = localParts(now, zone);
    const today = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
    const due = zonedInstant(today, h * 60 + m, zone);
    return due.getTime() <= now.getTime() ? due : zonedInstant(addDays(today, -1), h * 60 + m, zone);
  }

  private nextAt(now = this.clock.now()): Date {
    const due = this.dueAt(now);
    const zone = this.zone();
    const p = localParts(due, zone);
    const [h = 0, m = 0] = this.settings().time.split(':').map(Number);
    return zonedInstant(addDays(`${p.year}-${pad2(p.month)}-${pad2(p.day)}`, 1), h * 60 + m, zone);
  }

  /**
   * Takes the daily backup when it is due: no backup since the scheduled moment (or, when there
   * is none at all, that moment came after the server started). After a failure it tries again
   * an hour later. Resolves to the backup taken, or null.
   */
  async runIfDue(): Promise<BackupFile | null> {
    if (this.running || !this.config.hasOffice()) return null;
    const now = this.clock.now().getTime();
    const due = this.dueAt().getTime();
    if ((this.lastSuccessAt ?? this.startedAt) >= due) return null;
    if (this.lastAttemptAt !== null && this.lastAttemptAt >= due && now - this.lastAttemptAt < HOUR_MS) return null;
    return this.backupNow('daily').catch(() => null);
  }

  /** Takes a backup now (one at a time: a request during one gets that one). */
  backupNow(reason: BackupReason = 'manual'): Promise<BackupFile> {
    if (this.running) return this.running;
    const run = this.take(reason).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async take(reason: BackupReason): Promise<BackupFile> {
    const at = this.clock.now();
    this.lastAttemptAt = at.getTime();
    const settings = this.settings();
    const name = backupName(at, reason);
    const file = join(this.dir, name);
    const tmp = tempNameOf(file);
    try {
      await mkdir(this.dir, { recursive: true });
      await this.db.backup(tmp);
      await sealCopyOffThread(tmp);
      await rename(tmp, file);
      await pruneBackups(this.dir, settings.keepDays, at);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      this.lastError = { at: at.toISOString(), message: errorMessage(e) };
      log.error({ err: errorMessage(e), reason }, 'backup failed');
      throw e;
    }
    this.lastError = null;
    this.lastSuccessAt = at.getTime();
    const size = (await stat(file)).size;
    log.info({ file: name, bytes: size }, 'backup written');
    if (settings.copyTo) await this.copyTo(file, name, settings);
    return { name, createdAt: at.toISOString(), reason, size };
  }

  /** The copy to the second folder: its failure is recorded and logged, the backup itself stands. */
  private async copyTo(file: string, name: string, settings: BackupSettings): Promise<void> {
    const folder = settings.copyTo as string;
    try {
      await copyBackupTo(file, name, folder);
      await pruneBackups(folder, settings.keepDays, this.clock.now());
      this.copyError = null;
    } catch (e) {
      this.copyError = { at: this.clock.now().toISOString(), message: `${folder}: ${errorMessage(e)}` };
      log.warn({ err: errorMessage(e), folder }, 'backup copy to the second folder failed');
    }
  }

  async status(): Promise<BackupStatus> {
    const backups = await listBackups(this.dir);
    const settings = this.settings();
    return {
      settings,
      nextAt: this.config.hasOffice() ? this.nextAt().toISOString() : null,
      last: backups[0] ?? null,
      backups,
      lastError: this.lastError,
      copyError: settings.copyTo ? this.copyError : null,
    };
  }

  /** For /api/health: fault codes, and the admin's details. */
  health(): { faults: string[]; lastBackupAt: string | null; lastError: BackupProblem | null; copyError: BackupProblem | null } {
    const copyError = this.settings().copyTo ? this.copyError : null;
    const faults = [...(this.lastError ? ['backup_failed'] : []), ...(copyError ? ['backup_copy_failed'] : [])];
    const lastBackupAt = this.lastSuccessAt === null ? null : new Date(this.lastSuccessAt).toISOString();
    return { faults, lastBackupAt, lastError: this.lastError, copyError };
  }

  /** The second folder, before it is saved: an existing, writable folder other than the backups' own. */
  async check(stored: Partial<BackupSettings> | undefined): Promise<BackupCheck> {
    const folder = stored?.copyTo;
    if (!folder) return { ok: true };
    const bad = (reason: string, english: string): BackupCheck => ({ ok: false, setting: 'settings.backup.copyTo', reason, english });
    try {
      if (!(await stat(folder)).isDirectory()) return bad(`${folder} không phải thư mục`, 'Not a folder.');
    } catch {
      return bad(`không tìm thấy thư mục ${folder} (ổ USB đã cắm chưa?)`, 'Folder not found.');
    }
    if (resolve(folder) === resolve(this.dir)) {
      return bad('thư mục thứ hai phải khác thư mục sao lưu chính', 'The second folder must differ from the backups folder.');
    }
    const probe = join(folder, `.quayso-write-test-${process.pid}`);
    try {
      await writeFile(probe, 'quayso');
      await rm(probe, { force: true });
    } catch {
      return bad(`không ghi được vào thư mục ${folder}`, 'Folder not writable.');
    }
    return { ok: true };
  }
}

/** Removes `*.db.tmp-<pid>` files of backups interrupted by a crash or a power cut. */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (/\.db\.tmp-\d+$/.test(name) && parseBackupName(name.replace(/\.tmp-\d+$/, ''))) {
      await rm(join(dir, name), { force: true }).catch(() => undefined);
    }
  }
}
