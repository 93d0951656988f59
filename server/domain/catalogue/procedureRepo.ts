/**
 * The procedure catalogue (thủ tục hành chính): the office's procedures, their search, the
 * office fields they are taken in, and the admin's saves. Search runs on a folded in-memory
 * index (name and code without diacritics), rebuilt after every change made through this class.
 */
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import { DomainError, notFound } from '../errors';
import { staleVersion } from '../versions';
import {
  foldVietnamese,
  type Procedure,
  type ProcedureChannel,
  type ProcedureDocument,
  type ProcedureField,
  type ProcedureImportResult,
  type ProcedureLevel,
  type ProcedureRecord,
  type ProcedureSummary,
} from '../../../shared/catalogue';

/** A procedure to save, its office field already resolved to this office's service id. */
export interface ProcedureData {
  code: string;
  name: string;
  serviceId: number | null;
  fieldName: string;
  level: ProcedureLevel;
  channels: ProcedureChannel[];
  documents: ProcedureDocument[];
  sets: number;
  applicants: string;
  result: string;
  legalBasis: string;
  active: boolean;
  sortOrder: number;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

export interface SearchOptions {
  serviceId?: number;
  limit?: number;
}

interface Row {
  code: string;
  name: string;
  serviceId: number | null;
  fieldName: string;
  level: string;
  channelsJson: string;
  documentsJson: string;
  sets: number;
  applicants: string;
  result: string;
  legalBasis: string;
  active: number;
  sortOrder: number;
  version: number;
  updatedAt: string;
}

interface IndexEntry {
  summary: ProcedureSummary;
  sortOrder: number;
  /** The folded name's words joined by single spaces (punctuation dropped). */
  words: string;
  /** " words… code": a typed word matches where " " + word occurs. */
  haystack: string;
  code: string;
  /** Position in the list ordered by sortOrder, then name (Vietnamese collation), then code. */
  rank: number;
}

const COLS = `code, name, service_id AS serviceId, field_name AS fieldName, level, channels_json AS channelsJson,
  documents_json AS documentsJson, sets, applicants, result, legal_basis AS legalBasis, active, sort_order AS sortOrder,
  version, updated_at AS updatedAt`;

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;

const collator = new Intl.Collator('vi');

/**
 * Raised by every change of a database's procedures, shared by every ProcedureRepo on that
 * connection: one whose index is older rebuilds it before searching.
 */
const generations = new WeakMap<Db, number>();
const generationOf = (db: Db) => generations.get(db) ?? 0;
const bump = (db: Db) => generations.set(db, generationOf(db) + 1);

const toRecord = (r: Row): ProcedureRecord => ({
  code: r.code,
  name: r.name,
  serviceId: r.serviceId,
  fieldName: r.fieldName,
  level: r.level as ProcedureLevel,
  channels: JSON.parse(r.channelsJson) as ProcedureChannel[],
  documents: JSON.parse(r.documentsJson) as ProcedureDocument[],
  sets: r.sets,
  applicants: r.applicants,
  result: r.result,
  legalBasis: r.legalBasis,
  active: r.active === 1,
  sortOrder: r.sortOrder,
  version: r.version,
  updatedAt: r.updatedAt,
});

/** The saved content of a record, for telling a change from a save that changes nothing. */
const contentOf = (p: ProcedureData | ProcedureRecord): string =>
  JSON.stringify([
    p.code,
    p.name,
    p.serviceId,
    p.fieldName,
    p.level,
    p.channels.map((c) => [c.channel, c.time, c.fee]),
    p.documents.map((d) => [d.name, d.form, d.copies]),
    p.sets,
    p.applicants,
    p.result,
    p.legalBasis,
    p.active,
    p.sortOrder,
  ]);

/** Folded words of a name: no diacritics, lower case, split on anything but letters and digits. */
export const nameWords = (name: string): string[] => foldVietnamese(name).split(/[^a-z0-9]+/).filter(Boolean);

/** The typed words of a query: folded, dots kept (codes such as 1.001193), other punctuation dropped. */
export const queryWords = (q: string): string[] =>
  foldVietnamese(q)
    .split(/[\s,;:/]+/)
    .map((t) => t.replace(/[^a-z0-9.]/g, '').replace(/^\.+|\.+$/g, ''))
    .filter(Boolean)
    .slice(0, 12);

export class ProcedureRepo {
  private index: IndexEntry[] | null = null;
  private indexGeneration = -1;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** One procedure (active or not) by its code, or null. */
  byCode(code: string): Procedure | null {
    const r = this.record(code);
    if (!r) return null;
    const { sortOrder: _s, version: _v, updatedAt: _u, ...p } = r;
    return p;
  }

  /** One procedure with its order and version, for the admin. */
  record(code: string): ProcedureRecord | null {
    const r = this.db.prepare(`SELECT ${COLS} FROM procedures WHERE code = ?`).get(code) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  /** Every procedure, inactive ones too, by field order, then their own order and name. */
  all(): ProcedureRecord[] {
    const rows = this.db.prepare(`SELECT ${COLS} FROM procedures`).all() as Row[];
    return rows.map(toRecord).sort((a, b) => a.sortOrder - b.sortOrder || collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  }

  /**
   * Active procedures matching every typed word: each word is the start of a word of the name
   * or of the code, in any order, diacritics and case ignored. Ranked: the name starts with the
   * query, then the query's words appear together in the name, then the others; then by the
   * procedure's order and name. An empty query lists the field's (or every) procedure.
   */
  search(q: string, opts: SearchOptions = {}): ProcedureSummary[] {
    const limit = Math.min(Math.max(1, opts.limit ?? DEFAULT_SEARCH_LIMIT), MAX_SEARCH_LIMIT);
    const words = queryWords(q);
    const phrase = words.join(' ');
    const needles = words.map((w) => ` ${w}`);
    const hits: { e: IndexEntry; tier: number }[] = [];
    for (const e of this.entries()) {
      if (opts.serviceId !== undefined && e.summary.serviceId !== opts.serviceId) continue;
      if (!needles.every((n) => e.haystack.includes(n))) continue;
      const tier =
        words.length === 0 || e.words.startsWith(phrase) || e.code.startsWith(phrase) ? 0 : ` ${e.words}`.includes(` ${phrase}`) ? 1 : 2;
      hits.push({ e, tier });
    }
    hits.sort((a, b) => a.tier - b.tier || a.e.rank - b.e.rank);
    return hits.slice(0, limit).map((h) => h.e.summary);
  }

  /**
   * Active procedures in order: of one field (`serviceId`), of none (`null`: not offered at
   * the kiosk), or all (`undefined`).
   */
  list(serviceId?: number | null): ProcedureSummary[] {
    return this.entries()
      .filter((e) => serviceId === undefined || e.summary.serviceId === serviceId)
      .sort((a, b) => a.rank - b.rank)
      .map((e) => e.summary);
  }

  /** The office's active fields, in their order, with how many active procedures each takes. */
  fields(): ProcedureField[] {
    const counts = new Map<number, number>();
    for (const e of this.entries()) {
      if (e.summary.serviceId !== null) counts.set(e.summary.serviceId, (counts.get(e.summary.serviceId) ?? 0) + 1);
    }
    const services = this.db
      .prepare('SELECT id, name, name_en AS nameEn FROM services WHERE active = 1 ORDER BY sort_order, id')
      .all() as { id: number; name: string; nameEn: string }[];
    return services.map((s) => ({ serviceId: s.id, name: s.name, nameEn: s.nameEn, count: counts.get(s.id) ?? 0 }));
  }

  /** The office's fields (active or not) to resolve a file's field code or name against. */
  services(): { id: number; code: string; name: string }[] {
    return this.db.prepare('SELECT id, code, name FROM services ORDER BY sort_order, id').all() as {
      id: number;
      code: string;
      name: string;
    }[];
  }

  /**
   * Creates or updates one procedure by its code. `expectedVersion`: the version the edit was
   * based on (409 stale_version when the record changed since). A save that changes nothing
   * keeps the version.
   */
  save(p: ProcedureData, expectedVersion?: number): { record: ProcedureRecord; outcome: SaveOutcome } {
    const result = this.db.transaction(() => this.saveRow(p, expectedVersion))();
    if (result.outcome !== 'unchanged') bump(this.db);
    return { record: this.record(p.code) as ProcedureRecord, outcome: result.outcome };
  }

  /**
   * Saves many procedures in one transaction (the import): all or nothing. With `dryRun`
   * only counts what would change.
   */
  saveMany(list: ProcedureData[], dryRun = false): ProcedureImportResult {
    const result: ProcedureImportResult = { created: 0, updated: 0, unchanged: 0 };
    if (dryRun) {
      for (const p of list) {
        const before = this.record(p.code);
        result[!before ? 'created' : contentOf(before) === contentOf(p) ? 'unchanged' : 'updated']++;
      }
      return result;
    }
    this.db.transaction(() => {
      for (const p of list) result[this.saveRow(p, undefined).outcome]++;
    })();
    if (result.created + result.updated > 0) bump(this.db);
    return result;
  }

  /** Stops offering a procedure (kept for the dossiers that name it). 404 when unknown. */
  deactivate(code: string, expectedVersion?: number): { before: ProcedureRecord; after: ProcedureRecord } {
    const before = this.record(code);
    if (!before) throw notFound(`thủ tục ${code}`);
    const { record } = this.save({ ...before, active: false }, expectedVersion);
    return { before, after: record };
  }

  private saveRow(p: ProcedureData, expectedVersion: number | undefined): { outcome: SaveOutcome } {
    const before = this.record(p.code);
    if (before && expectedVersion !== undefined && expectedVersion !== before.version) {
      throw staleVersion(before.version, expectedVersion);
    }
    if (p.serviceId !== null && !this.db.prepare('SELECT 1 FROM services WHERE id = ?').get(p.serviceId)) {
      throw new DomainError(400, 'invalid_input', `Không có lĩnh vực ${p.serviceId}. (No field ${p.serviceId}.)`);
    }
    if (before && contentOf(before) === contentOf(p)) return { outcome: 'unchanged' };
    const params = {
      code: p.code,
      name: p.name,
      searchText: foldVietnamese(`${p.name} ${p.code}`),
      serviceId: p.serviceId,
      fieldName: p.fieldName,
      level: p.level,
      channelsJson: JSON.stringify(p.channels.map((c) => ({ channel: c.channel, time: c.time, fee: c.fee }))),
      documentsJson: JSON.stringify(p.documents.map((d) => ({ name: d.name, form: d.form, copies: d.copies }))),
      sets: p.sets,
      applicants: p.applicants,
      result: p.result,
      legalBasis: p.legalBasis,
      active: p.active ? 1 : 0,
      sortOrder: p.sortOrder,
      updatedAt: this.clock.now().toISOString(),
    };
    if (!before) {
      this.db
        .prepare(
          `INSERT INTO procedures (code, name, search_text, service_id, field_name, level, channels_json, documents_json,
             sets, applicants, result, legal_basis, active, sort_order, version, updated_at)
           VALUES (@code, @name, @searchText, @serviceId, @fieldName, @level, @channelsJson, @documentsJson,
             @sets, @applicants, @result, @legalBasis, @active, @sortOrder, 1, @updatedAt)`,
        )
        .run(params);
      return { outcome: 'created' };
    }
    this.db
      .prepare(
        `UPDATE procedures SET name = @name, search_text = @searchText, service_id = @serviceId, field_name = @fieldName,
           level = @level, channels_json = @channelsJson, documents_json = @documentsJson, sets = @sets,
           applicants = @applicants, result = @result, legal_basis = @legalBasis, active = @active,
           sort_order = @sortOrder, version = version + 1, updated_at = @updatedAt
         WHERE code = @code`,
      )
      .run(params);
    return { outcome: 'updated' };
  }

  /** The active procedures' search entries, built on first use after a change. */
  private entries(): IndexEntry[] {
    const generation = generationOf(this.db);
    if (this.index && this.indexGeneration === generation) return this.index;
    this.indexGeneration = generation;
    const rows = this.db
      .prepare('SELECT code, name, service_id AS serviceId, field_name AS fieldName, sort_order AS sortOrder FROM procedures WHERE active = 1')
      .all() as { code: string; name: string; serviceId: number | null; fieldName: string; sortOrder: number }[];
    const entries = rows.map((r): IndexEntry => {
      const words = nameWords(r.name).join(' ');
      const code = foldVietnamese(r.code);
      return {
        summary: { code: r.code, name: r.name, serviceId: r.serviceId, fieldName: r.fieldName },
        sortOrder: r.sortOrder,
        words,
        haystack: ` ${words} ${code}`,
        code,
        rank: 0,
      };
    });
    entries.sort(compareEntries).forEach((e, i) => (e.rank = i));
    this.index = entries;
    return entries;
  }
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  return a.sortOrder - b.sortOrder || collator.compare(a.summary.name, b.summary.name) || a.summary.code.localeCompare(b.summary.code);
}
