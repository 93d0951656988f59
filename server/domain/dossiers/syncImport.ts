/**
 * Dossiers from the province's one-stop system: the sync API (POST /api/sync/*) and the admin's
 * CSV import both come here. Every row is checked before anything is kept; one bad row and the
 * whole request is refused (400 `sync_invalid`, each bad row with its index, code and reason)
 * inside one transaction, so nothing is half written. Replaying a request changes nothing.
 *
 * Rules (docs/api.md):
 * - A new dossier may arrive in any status (the province holds its history): one event
 *   `null → status` is recorded at `statusAt` (or `receivedAt`).
 * - A known dossier whose status differs moves along the shortest path the state machine
 *   allows (stateMachine.ts), one event per step at the same instant; no path = refused.
 * - A change already recorded (an event to that status at that instant) or to the status the
 *   dossier has is a no-op, so a replay adds no event.
 * - Optional fields left out of an update keep their stored value.
 * - A code of the office's own agency raises that day's dossier sequence, so the counter never
 *   gives the same code again.
 */
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import { DomainError } from '../errors';
import { addDays, serviceDayOf, zonedInstant } from '../time';
import { CHANNELS, foldVietnamese, type Channel, type ProcedureChannel, type ProcessingTime } from '../../../shared/catalogue';
import {
  DOSSIER_CODE_RE,
  DOSSIER_STATUSES,
  DOSSIER_STATUS_LABELS,
  timeliness,
  type DossierDocument,
  type DossierListItem,
  type DossierPage,
  type DossierStatus,
  type StaffDossier,
  type Timeliness,
} from '../../../shared/dossiers';
import { DOSSIER_TRANSITIONS, assertMove } from './stateMachine';
import { ApiKeyService } from './apiKeys';
import { CodeSequence } from './codeSequence';
import { DossierRepo } from './dossierRepo';
import { WorkingCalendar } from '../calendar/workingCalendar';

/** At most this many rows (dossiers or status changes) per request or CSV file. */
export const MAX_SYNC_ROWS = 5000;

/** A status instant may be at most this far ahead of the server's clock (clocks differ a little). */
const FUTURE_SLACK_MS = 24 * 3600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO 8601 instant with its offset (Z or ±hh:mm), a real calendar date. */
export function isInstant(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() && Number.isFinite(Date.parse(s));
}

const instant = z.string().max(40).refine(isInstant, 'ISO 8601 with offset, e.g. 2026-11-23T08:30:00+07:00');
const text = (max: number) => z.string().trim().max(max);

export const syncDossierSchema = z
  .object({
    code: z.string().trim().regex(DOSSIER_CODE_RE, 'agency-yyMMdd-sequence'),
    procedureCode: text(40).min(1),
    procedureName: text(500).min(1).optional(),
    applicant: z
      .object({
        name: text(200).min(1),
        phone: z
          .string()
          .trim()
          .regex(/^[0-9+() .-]{0,20}$/, 'digits, + ( ) . - and spaces, at most 20')
          .optional(),
        address: text(500).optional(),
      })
      .strict(),
    channel: z.enum(CHANNELS),
    receivedAt: instant,
    dueAt: instant.nullable().optional(),
    status: z.enum(DOSSIER_STATUSES),
    statusAt: instant.optional(),
    sets: z.number().int().min(1).max(100).optional(),
    documents: z
      .array(z.object({ name: text(500).min(1), form: text(100), copies: z.number().int().min(0).max(1000) }).strict())
      .max(100)
      .optional(),
    collectAt: text(500).optional(),
    note: text(1000).optional(),
  })
  .strict();
export type SyncDossier = z.infer<typeof syncDossierSchema>;

export const statusChangeSchema = z
  .object({
    code: z.string().trim().regex(DOSSIER_CODE_RE, 'agency-yyMMdd-sequence'),
    status: z.enum(DOSSIER_STATUSES),
    at: instant,
    note: text(1000).optional(),
  })
  .strict();
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** Names of the fields in errors: Vietnamese (as on the CSV header) and the JSON name. */
const FIELD_NAMES: Record<string, string> = {
  code: 'Mã hồ sơ',
  procedureCode: 'Mã thủ tục',
  procedureName: 'Tên thủ tục',
  'applicant.name': 'Họ tên người nộp',
  'applicant.phone': 'Điện thoại',
  'applicant.address': 'Địa chỉ',
  applicant: 'Người nộp',
  channel: 'Kênh tiếp nhận',
  receivedAt: 'Ngày tiếp nhận',
  dueAt: 'Hạn trả kết quả',
  status: 'Trạng thái',
  statusAt: 'Thời điểm trạng thái',
  at: 'Thời điểm',
  sets: 'Số bộ',
  documents: 'Giấy tờ',
  collectAt: 'Nơi nhận kết quả',
  note: 'Ghi chú',
};

export interface RowProblem {
  /** The row's place in the request (0-based). */
  index: number;
  /** The CSV line, for an imported file (the header is line 1). */
  line?: number;
  code: string;
  reason: string;
}

export interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  events: number;
  /** True when nothing was kept (a CSV check before the import). */
  dryRun?: boolean;
}

/** The working calendar's due date for a processing time (server/domain/calendar/workingCalendar.ts). */
export type DueAtFn = (receivedAt: Date, time: ProcessingTime) => Date | string | null;

type Source = 'sync' | 'csv';

interface DossierRow {
  id: number;
  code: string;
  procedureId: number | null;
  procedureCode: string;
  procedureName: string;
  serviceId: number | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  channel: Channel;
  documentsJson: string;
  sets: number;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  collectAt: string;
}

const rowCols = `id, code, procedure_id AS procedureId, procedure_code AS procedureCode, procedure_name AS procedureName,
  service_id AS serviceId, applicant_name AS applicantName, applicant_phone AS applicantPhone,
  applicant_address AS applicantAddress, channel, documents_json AS documentsJson, sets, status,
  received_at AS receivedAt, due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt, collect_at AS collectAt`;

/** The fields compared to tell an update from a replay. */
const COMPARED = [
  'procedureId',
  'procedureCode',
  'procedureName',
  'serviceId',
  'applicantName',
  'applicantPhone',
  'applicantAddress',
  'channel',
  'documentsJson',
  'sets',
  'receivedAt',
  'dueAt',
  'collectAt',
] as const;

/** The shortest path of allowed moves from one status to another (excluding `from`), or null. */
export function shortestPath(from: DossierStatus, to: DossierStatus): DossierStatus[] | null {
  if (from === to) return [];
  const prev = new Map<DossierStatus, DossierStatus>();
  const queue: DossierStatus[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    for (const next of DOSSIER_TRANSITIONS[s]) {
      if (next === from || prev.has(next)) continue;
      prev.set(next, s);
      if (next === to) {
        const path: DossierStatus[] = [to];
        for (let p = s; p !== from; p = prev.get(p)!) path.unshift(p);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

const iso = (s: string) => new Date(s).toISOString();
const INTERMEDIATE_NOTE = 'Bước trung gian khi đồng bộ (intermediate step of a sync)';

class Problems {
  readonly list: RowProblem[] = [];
  constructor(private readonly lines?: readonly number[]) {}
  sorted(): RowProblem[] {
    return [...this.list].sort((a, b) => a.index - b.index);
  }
  add(index: number, code: unknown, reason: string): void {
    const line = this.lines?.[index];
    this.list.push({ index, ...(line !== undefined ? { line } : {}), code: typeof code === 'string' ? code : '', reason });
  }
}

/** The reason a row failed its schema, Vietnamese first: "Ngày tiếp nhận không hợp lệ (receivedAt: …)". */
function schemaReason(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path.join('.');
      const vi = FIELD_NAMES[path] ?? (path || 'Dòng');
      const missing = i.code === 'invalid_type' && /received undefined/.test(i.message);
      if (i.code === 'unrecognized_keys') return `Có trường không được phép: ${i.keys.join(', ')} (unknown fields)`;
      return `${vi} ${missing ? 'bị thiếu' : 'không hợp lệ'} (${path || 'row'}: ${missing ? 'required' : i.message})`;
    })
    .join('; ');
}

class DryRun extends Error {
  constructor(readonly result: SyncResult) {
    super('dry run');
  }
}

export function invalidRows(problems: RowProblem[], what: 'row' | 'line' = 'row'): DomainError {
  const first = problems[0]!;
  const where = what === 'line' && first.line !== undefined ? `dòng ${first.line}` : `mục ${first.index}`;
  return new DomainError(
    400,
    'sync_invalid',
    `Có ${problems.length} ${what === 'line' ? 'dòng' : 'mục'} không hợp lệ, không ghi gì cả. Lỗi đầu tiên, ${where}${first.code ? ` (${first.code})` : ''}: ${first.reason}. (${problems.length} invalid ${what === 'line' ? 'line' : 'row'}${problems.length > 1 ? 's' : ''}; nothing was written.)`,
    problems,
  );
}

export const tooManyRows = (n: number) =>
  new DomainError(
    400,
    'too_many_rows',
    `Quá nhiều dòng: ${n}, tối đa ${MAX_SYNC_ROWS} mỗi lần; hãy chia nhỏ. (Too many rows: ${n}; at most ${MAX_SYNC_ROWS} per request, split it.)`,
    { max: MAX_SYNC_ROWS, got: n },
  );

/** The due date from the procedure's processing time for the channel (its first channel's when not listed). */
function computeDue(dueAtOf: DueAtFn, channelsJson: string | undefined, channel: Channel, receivedAt: string): string | null {
  if (!channelsJson) return null;
  let channels: ProcedureChannel[];
  try {
    channels = JSON.parse(channelsJson) as ProcedureChannel[];
  } catch {
    return null;
  }
  const time = (channels.find((c) => c.channel === channel) ?? channels[0])?.time;
  if (!time) return null;
  const due = dueAtOf(new Date(receivedAt), time);
  return due === null ? null : new Date(due).toISOString();
}

export class SyncImporter {
  private readonly repo: DossierRepo;
  private readonly sequence: CodeSequence;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    /** A due-date calculator reading the calendar as it is now: made once per request. */
    private readonly newDueAt: () => DueAtFn,
  ) {
    this.repo = new DossierRepo(db);
    this.sequence = new CodeSequence(db);
  }

  /**
   * Creates or updates dossiers by code. `lines`: the CSV line of each row, for errors;
   * `rowProblems`: rows the CSV reader already found bad (index → reason), reported with the rest.
   */
  upsertDossiers(
    rows: readonly unknown[],
    source: Source,
    opts: { dryRun?: boolean; lines?: readonly number[]; rowProblems?: ReadonlyMap<number, string> } = {},
  ): SyncResult {
    if (rows.length > MAX_SYNC_ROWS) throw tooManyRows(rows.length);
    const problems = new Problems(opts.lines);
    const parsed: (SyncDossier | undefined)[] = [];
    const seen = new Map<string, number>();
    rows.forEach((raw, index) => {
      const code = (raw as { code?: unknown } | null)?.code;
      const early = opts.rowProblems?.get(index);
      if (early) return problems.add(index, code, early);
      const r = syncDossierSchema.safeParse(raw);
      if (!r.success) return problems.add(index, code, schemaReason(r.error.issues));
      const earlier = seen.get(r.data.code);
      if (earlier !== undefined) {
        const where = opts.lines ? `dòng ${opts.lines[earlier]}` : `mục ${earlier}`;
        return problems.add(index, r.data.code, `Mã hồ sơ đã có ở ${where} (duplicate code in this request)`);
      }
      seen.set(r.data.code, index);
      parsed[index] = r.data;
    });
    return this.inTransaction(opts.dryRun, problems, opts.lines ? 'line' : 'row', (result) => {
      const dueAt = this.newDueAt();
      parsed.forEach((row, index) => row && this.upsertOne(row, index, source, problems, result, dueAt));
    });
  }

  /** Moves dossiers to new statuses, in order (the same code may appear several times). */
  changeStatuses(rows: readonly unknown[], source: Source): SyncResult {
    if (rows.length > MAX_SYNC_ROWS) throw tooManyRows(rows.length);
    const problems = new Problems();
    const parsed: (StatusChange | undefined)[] = [];
    rows.forEach((raw, index) => {
      const r = statusChangeSchema.safeParse(raw);
      if (!r.success) return problems.add(index, (raw as { code?: unknown } | null)?.code, schemaReason(r.error.issues));
      parsed[index] = r.data;
    });
    return this.inTransaction(false, problems, 'row', (result) => {
      parsed.forEach((c, index) => {
        if (!c) return;
        const d = this.byCode(c.code);
        if (!d) return problems.add(index, c.code, `Không có hồ sơ mã ${c.code} (unknown dossier code)`);
        const at = iso(c.at);
        const timeProblem = this.instantProblem(at, d.receivedAt);
        if (timeProblem) return problems.add(index, c.code, timeProblem);
        const moved = this.moveTo(d, c.status, at, c.note ?? '', source, true);
        if (typeof moved === 'string') return problems.add(index, c.code, moved);
        if (moved === 0) result.unchanged++;
        else {
          result.updated++;
          result.events += moved;
        }
      });
    });
  }

  private inTransaction(dryRun: boolean | undefined, problems: Problems, what: 'row' | 'line', work: (r: SyncResult) => void): SyncResult {
    try {
      return this.db.transaction(() => {
        const result: SyncResult = { created: 0, updated: 0, unchanged: 0, events: 0 };
        work(result);
        // Throwing undoes everything written for the earlier rows.
        if (problems.list.length) throw invalidRows(problems.sorted(), what);
        if (dryRun) throw new DryRun({ ...result, dryRun: true });
        return result;
      })();
    } catch (e) {
      if (e instanceof DryRun) return e.result;
      throw e;
    }
  }

  private byCode(code: string): DossierRow | null {
    return (this.db.prepare(`SELECT ${rowCols} FROM dossiers WHERE code = ?`).get(code) ?? null) as DossierRow | null;
  }

  /** Why an instant cannot be a status time, or null. */
  private instantProblem(at: string, receivedAt: string): string | null {
    if (at < receivedAt) return 'Thời điểm trạng thái trước ngày tiếp nhận (status time before the receipt)';
    if (Date.parse(at) - this.clock.now().getTime() > FUTURE_SLACK_MS) return 'Thời điểm ở tương lai (time in the future)';
    return null;
  }

  private upsertOne(row: SyncDossier, index: number, source: Source, problems: Problems, result: SyncResult, dueAtOf: DueAtFn): void {
    const existing = this.byCode(row.code);
    const proc = this.db
      .prepare('SELECT id, name, service_id AS serviceId, channels_json AS channelsJson FROM procedures WHERE code = ?')
      .get(row.procedureCode) as { id: number; name: string; serviceId: number | null; channelsJson: string } | undefined;
    const procedureName = row.procedureName ?? proc?.name ?? (existing?.procedureCode === row.procedureCode ? existing.procedureName : undefined);
    if (!procedureName) {
      return problems.add(
        index,
        row.code,
        `Thủ tục ${row.procedureCode} không có trong danh mục: cần tên thủ tục (procedure not in the catalogue: give its name)`,
      );
    }
    const receivedAt = iso(row.receivedAt);
    if (Date.parse(receivedAt) - this.clock.now().getTime() > FUTURE_SLACK_MS) {
      return problems.add(index, row.code, 'Ngày tiếp nhận ở tương lai (receipt time in the future)');
    }
    let dueAt: string | null;
    if (row.dueAt !== undefined) dueAt = row.dueAt === null ? null : iso(row.dueAt);
    else if (existing) dueAt = existing.dueAt;
    else dueAt = computeDue(dueAtOf, proc?.channelsJson, row.channel, receivedAt);
    if (dueAt !== null && dueAt < receivedAt) {
      return problems.add(index, row.code, 'Hạn trả kết quả trước ngày tiếp nhận (due before the receipt)');
    }
    const statusAt = row.statusAt ? iso(row.statusAt) : existing ? this.clock.now().toISOString() : receivedAt;
    const timeProblem = this.instantProblem(statusAt, receivedAt);
    if (timeProblem) return problems.add(index, row.code, timeProblem);

    const fields = {
      procedureId: proc?.id ?? null,
      procedureCode: row.procedureCode,
      procedureName,
      serviceId: proc?.serviceId ?? null,
      applicantName: row.applicant.name,
      applicantPhone: row.applicant.phone ?? existing?.applicantPhone ?? '',
      applicantAddress: row.applicant.address ?? existing?.applicantAddress ?? '',
      channel: row.channel,
      documentsJson: row.documents ? JSON.stringify(row.documents satisfies DossierDocument[]) : (existing?.documentsJson ?? '[]'),
      sets: row.sets ?? existing?.sets ?? 1,
      receivedAt,
      dueAt,
      collectAt: row.collectAt ?? existing?.collectAt ?? '',
    };
    const now = this.clock.now().toISOString();
    this.raiseSequence(row.code);

    if (!existing) {
      const closedAt = {
        resolvedAt: row.status === 'resolved' || row.status === 'returned' ? statusAt : null,
        returnedAt: row.status === 'returned' ? statusAt : null,
      };
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO dossiers (code, procedure_id, procedure_code, procedure_name, service_id, applicant_name, applicant_phone,
               applicant_address, channel, documents_json, sets, status, received_at, due_at, resolved_at, returned_at, source,
               collect_at, created_at, updated_at)
             VALUES (@code, @procedureId, @procedureCode, @procedureName, @serviceId, @applicantName, @applicantPhone,
               @applicantAddress, @channel, @documentsJson, @sets, @status, @receivedAt, @dueAt, @resolvedAt, @returnedAt, @source,
               @collectAt, @now, @now)`,
          )
          .run({ ...fields, ...closedAt, code: row.code, status: row.status, source, now }).lastInsertRowid,
      );
      this.repo.addEvent(id, { from: null, to: row.status, at: statusAt, officerId: null, counterId: null, source, note: row.note ?? '' });
      result.created++;
      result.events++;
      return;
    }

    const changed = COMPARED.some((k) => fields[k] !== existing[k]);
    if (changed) {
      this.db
        .prepare(
          `UPDATE dossiers SET procedure_id = @procedureId, procedure_code = @procedureCode, procedure_name = @procedureName,
             service_id = @serviceId, applicant_name = @applicantName, applicant_phone = @applicantPhone,
             applicant_address = @applicantAddress, channel = @channel, documents_json = @documentsJson, sets = @sets,
             received_at = @receivedAt, due_at = @dueAt, collect_at = @collectAt, version = version + 1, updated_at = @now
           WHERE id = @id`,
        )
        .run({ ...fields, id: existing.id, now });
    }
    const moved = this.moveTo(existing, row.status, statusAt, row.note ?? '', source, row.statusAt !== undefined);
    if (typeof moved === 'string') return problems.add(index, row.code, moved);
    if (changed || moved > 0) result.updated++;
    else result.unchanged++;
    result.events += moved;
  }

  /**
   * Moves a dossier to `to` along the shortest allowed path; returns the events written, or the
   * reason it cannot. `exactAt`: `at` came from the sender, so an event to `to` at `at` means
   * the change was already applied (a replay).
   */
  private moveTo(d: DossierRow, to: DossierStatus, at: string, note: string, source: Source, exactAt: boolean): number | string {
    const current = this.db.prepare('SELECT status FROM dossiers WHERE id = ?').pluck().get(d.id) as DossierStatus;
    if (current === to) return 0;
    if (exactAt && this.db.prepare('SELECT 1 FROM dossier_events WHERE dossier_id = ? AND to_status = ? AND at = ?').get(d.id, to, at)) {
      return 0;
    }
    const path = shortestPath(current, to);
    if (!path) {
      try {
        assertMove(current, to);
      } catch (e) {
        return (e as Error).message;
      }
      return `Không thể chuyển từ "${DOSSIER_STATUS_LABELS[current].vi}" sang "${DOSSIER_STATUS_LABELS[to].vi}" (move refused)`;
    }
    let from = current;
    path.forEach((step, i) => {
      this.repo.addEvent(d.id, { from, to: step, at, officerId: null, counterId: null, source, note: i === path.length - 1 ? note : INTERMEDIATE_NOTE });
      from = step;
    });
    // Handed over straight from an open status: the result was ready at the handover (stateMachine.ts).
    this.db
      .prepare(
        `UPDATE dossiers SET status = @to,
           resolved_at = CASE WHEN @to = 'resolved' THEN @at WHEN @to = 'returned' THEN COALESCE(resolved_at, @at) ELSE resolved_at END,
           returned_at = CASE WHEN @to = 'returned' THEN @at ELSE returned_at END,
           version = version + 1, updated_at = @now
         WHERE id = @id`,
      )
      .run({ to, at, id: d.id, now: this.clock.now().toISOString() });
    return path.length;
  }

  /** A code of this office's agency takes its sequence number out of the counter's reach. */
  private raiseSequence(code: string): void {
    const [, agency, day, seq] = DOSSIER_CODE_RE.exec(code) ?? [];
    if (!agency || !day || !seq || agency !== this.config.office().agencyCode) return;
    this.sequence.raiseTo(agency, day, Number(seq));
  }
}

/** The admin's list of dossiers. */
export interface DossierListQuery {
  q?: string;
  status?: DossierStatus;
  timeliness?: Timeliness;
  /** Days (YYYY-MM-DD, both included) of receipt, in the office's time zone. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The admin page's read side: the list with filters, and one dossier with its events and tickets. */
export class DossierBrowser {
  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
  ) {
    // Names are searched without diacritics or case, as the kiosk's search: "nguyen van" finds "Nguyễn Văn".
    db.function('fold_vi', { deterministic: true }, (text: unknown) => foldVietnamese(typeof text === 'string' ? text : ''));
  }

  private dayOf = (at: string) => serviceDayOf(new Date(at), this.config.office().timeZone, 0);

  list(f: DossierListQuery): DossierPage {
    const tz = this.config.office().timeZone;
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.q) {
      const plain = ['code', 'procedure_code', 'applicant_phone'];
      const folded = ['procedure_name', 'applicant_name'];
      where.push(`(${[...plain, ...folded.map((c) => `fold_vi(${c})`)].map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      params.push(...plain.map(() => `%${likeEscape(f.q!)}%`), ...folded.map(() => `%${likeEscape(foldVietnamese(f.q!))}%`));
    }
    if (f.status) {
      where.push('status = ?');
      params.push(f.status);
    }
    if (f.from) {
      where.push('received_at >= ?');
      params.push(zonedInstant(f.from, 0, tz).toISOString());
    }
    if (f.to) {
      where.push('received_at < ?');
      params.push(zonedInstant(addDays(f.to, 1), 0, tz).toISOString());
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const cols = `id, code, procedure_code AS procedureCode, procedure_name AS procedureName, applicant_name AS applicantName,
      channel, status, received_at AS receivedAt, due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt, source`;
    const now = this.clock.now();
    const withTimeliness = (r: Omit<DossierListItem, 'timeliness'>): DossierListItem => ({ ...r, timeliness: timeliness(r, now, this.dayOf) });
    if (!f.timeliness) {
      const total = Number(this.db.prepare(`SELECT COUNT(*) FROM dossiers ${clause}`).pluck().get(...params));
      const rows = this.db
        .prepare(`SELECT ${cols} FROM dossiers ${clause} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...params, f.limit, f.offset) as Omit<DossierListItem, 'timeliness'>[];
      return { dossiers: rows.map(withTimeliness), total, limit: f.limit, offset: f.offset };
    }
    // Timeliness depends on the local day of two instants: computed here, as everywhere, by shared/dossiers.ts.
    const all = (this.db.prepare(`SELECT ${cols} FROM dossiers ${clause} ORDER BY received_at DESC, id DESC`).all(...params) as Omit<
      DossierListItem,
      'timeliness'
    >[])
      .map(withTimeliness)
      .filter((d) => d.timeliness === f.timeliness || (f.timeliness === 'overdue' && d.timeliness === 'overdue_open'));
    return { dossiers: all.slice(f.offset, f.offset + f.limit), total: all.length, limit: f.limit, offset: f.offset };
  }

  get(id: number): StaffDossier | null {
    const d = this.db
      .prepare(
        `SELECT id, code, procedure_code AS procedureCode, procedure_name AS procedureName, service_id AS serviceId,
           applicant_name AS applicantName, applicant_phone AS applicantPhone, applicant_address AS applicantAddress,
           citizen_id AS citizenId, channel, documents_json AS documentsJson, sets, status, received_at AS receivedAt,
           due_at AS dueAt, resolved_at AS resolvedAt, returned_at AS returnedAt, received_by AS receivedBy,
           counter_id AS counterId, source, collect_at AS collectAt, version
         FROM dossiers WHERE id = ?`,
      )
      .get(id) as (Omit<StaffDossier, 'documents' | 'tickets' | 'events' | 'statusLabel' | 'timeliness'> & { documentsJson: string }) | undefined;
    if (!d) return null;
    const { documentsJson, ...rest } = d;
    const tickets = this.db
      .prepare(
        `SELECT dt.ticket_id AS ticketId, t.number, dt.role, dt.linked_at AS linkedAt
         FROM dossier_tickets dt JOIN tickets t ON t.id = dt.ticket_id WHERE dt.dossier_id = ? ORDER BY dt.linked_at`,
      )
      .all(id) as StaffDossier['tickets'];
    const events = this.db
      .prepare(
        `SELECT from_status AS "from", to_status AS "to", at, officer_id AS officerId, source, note
         FROM dossier_events WHERE dossier_id = ? ORDER BY at, id`,
      )
      .all(id) as StaffDossier['events'];
    return {
      ...rest,
      statusLabel: DOSSIER_STATUS_LABELS[rest.status].vi,
      timeliness: timeliness(rest, this.clock.now(), this.dayOf),
      documents: JSON.parse(documentsJson) as DossierDocument[],
      tickets,
      events,
    };
  }
}

/** The sync API's parts, as the HTTP layer is given them (AppContext.dossierSync). */
export interface DossierSync {
  keys: ApiKeyService;
  importer: SyncImporter;
  browser: DossierBrowser;
}

export function createDossierSync(db: Db, config: ConfigRepo, clock: Clock): DossierSync {
  return {
    keys: new ApiKeyService(db, clock),
    importer: new SyncImporter(db, config, clock, () => {
      const calendar = new WorkingCalendar(db, config);
      return (at, time) => calendar.dueAt(at, time);
    }),
    browser: new DossierBrowser(db, config, clock),
  };
}
