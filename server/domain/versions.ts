import type { Db } from '../db/database';
import { conflict } from './errors';

/**
 * Configuration records that carry a version: each save raises it by one, and a save based
 * on an older version is refused. `office` and `hours` are two columns of the office row.
 */
export const VERSIONED = {
  office: { table: 'office', column: 'version' },
  hours: { table: 'office', column: 'hours_version' },
  service: { table: 'services', column: 'version' },
  counter: { table: 'counters', column: 'version' },
  officer: { table: 'officers', column: 'version' },
  priority: { table: 'priority_categories', column: 'version' },
} as const;

export type VersionedKind = keyof typeof VERSIONED;

/** The office row has id 1; the other kinds are looked up by their own id. */
const rowId = (kind: VersionedKind, id: number | undefined) => (kind === 'office' || kind === 'hours' ? 1 : id);

export const staleVersion = (current: number, sent: number) =>
  conflict(
    'stale_version',
    'Dữ liệu đã được người khác thay đổi sau khi bạn mở trang. Tải lại để xem bản mới nhất rồi sửa lại. ' +
      '(Someone else changed this record after you opened it; reload to see the latest version.)',
    { currentVersion: current, sentVersion: sent },
  );

/** The current version of one record, or null when it does not exist (yet). */
export function currentVersion(db: Db, kind: VersionedKind, id?: number): number | null {
  const { table, column } = VERSIONED[kind];
  const v = db.prepare(`SELECT ${column} FROM ${table} WHERE id = ?`).pluck().get(rowId(kind, id));
  return v === undefined ? null : Number(v);
}

/** Every record's version of a kind, by id. */
export function versionsOf(db: Db, kind: Exclude<VersionedKind, 'office' | 'hours'>): Map<number, number> {
  const { table, column } = VERSIONED[kind];
  const rows = db.prepare(`SELECT id, ${column} AS v FROM ${table}`).all() as { id: number; v: number }[];
  return new Map(rows.map((r) => [r.id, r.v]));
}

/**
 * Inside a save's transaction: refuses (409 stale_version) when `expected` is given and is
 * not the record's current version; otherwise raises the version. A save without a version
 * (older API clients, the seed) is accepted. Does nothing for a record that does not exist.
 */
export function checkAndBump(db: Db, kind: VersionedKind, id: number | undefined, expected: number | undefined): void {
  const current = currentVersion(db, kind, id);
  if (current === null) return;
  if (expected !== undefined && expected !== current) throw staleVersion(current, expected);
  const { table, column } = VERSIONED[kind];
  db.prepare(`UPDATE ${table} SET ${column} = ${column} + 1 WHERE id = ?`).run(rowId(kind, id));
}
