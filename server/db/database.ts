import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupBeforeMigration } from '../ops/migrationBackup';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the SQLite database with the settings the queue relies on:
 * WAL (readers never block the writer), foreign keys, a busy timeout, and
 * synchronous=FULL so that a committed ticket survives a power cut.
 */
export function openDatabase(file: string, opts: { migrationsDir?: string } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A database that already holds data is backed up before pending migrations change it.
  migrate(db, opts.migrationsDir, file === ':memory:' ? undefined : () => backupBeforeMigration(db, file));
  return db;
}

/**
 * Applies numbered migrations (NNN_name.sql) not yet recorded in schema_migrations. When some
 * are pending and others were applied before, `beforeApply` runs first (the backup).
 */
export function migrate(db: Db, dir = MIGRATIONS_DIR, beforeApply?: () => void): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const pending = files.some((f) => !applied.has(Number(f.slice(0, 3))));
  if (pending && applied.size > 0) beforeApply?.();
  const done: number[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (applied.has(version)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        file,
        new Date().toISOString(),
      );
    })();
    done.push(version);
  }
  return done;
}
