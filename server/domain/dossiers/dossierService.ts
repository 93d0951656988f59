import { z } from 'zod';
import type { Db } from '../../db/database';
import { CHANNELS, foldVietnamese, type Channel, type ProcessingTime, type Procedure, type ProcedureSummary } from '../../../shared/catalogue';
import {
  DOSSIER_STATUSES,
  type DossierDocument,
  type DossierStatus,
  type PublicDossierStatus,
  type StaffDossier,
} from '../../../shared/dossiers';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import { DomainError, notFound } from '../errors';
import { parse } from '../../http/validate';
import { CodeSequence } from './codeSequence';
import { DossierRepo, type DossierRow, type DossierSource, type TicketRole } from './dossierRepo';
import { assertMove } from './stateMachine';
import { publicStatus } from './publicView';
import { buildSlip, type ReceiptSlip } from './slip';

/** The procedure catalogue as the dossier side needs it (server/domain/catalogue/procedureRepo.ts). */
export interface ProcedureSource {
  byCode(code: string): Procedure | null;
  search(q: string, opts?: { limit?: number }): ProcedureSummary[];
}

/** The working calendar as the dossier side needs it (server/domain/calendar/workingCalendar.ts). */
export interface DueCalendar {
  dueAt(receivedAt: Date, time: ProcessingTime): Date;
}

/** Who acts: the officer and the counter (either may be null for imports). */
export interface DossierActor {
  officerId: number | null;
  counterId: number | null;
}

export type MoveActor = DossierActor & { source: DossierSource };

const documentSchema = z.object({
  name: z.string().trim().min(1, 'tên giấy tờ không được để trống').max(300),
  form: z.string().trim().max(60).default(''),
  copies: z.number().int().min(1).max(99).default(1),
});

/** What a counter registration carries (validated again here, whoever calls). */
export const registerInputSchema = z.object({
  ticketId: z.number().int().positive().nullable(),
  procedureCode: z.string().trim().min(1, 'chưa chọn thủ tục').max(40),
  applicant: z.object({
    name: z.string().trim().min(1, 'chưa nhập tên người nộp').max(200),
    phone: z
      .string()
      .trim()
      .max(20)
      .regex(/^[0-9+ .()-]*$/, 'số điện thoại chỉ gồm chữ số, dấu cách, + . ( ) -')
      .default(''),
    address: z.string().trim().max(300).default(''),
  }),
  citizenId: z.number().int().positive().nullish(),
  channel: z.enum(CHANNELS).default('truc_tiep'),
  documents: z.array(documentSchema).max(60),
  sets: z.number().int().min(1).max(99),
  collectAt: z.string().trim().max(300).optional(),
});

export type RegisterInput = z.input<typeof registerInputSchema>;

const noteSchema = z.string().trim().max(500, 'ghi chú tối đa 500 ký tự');

/** Where the result is collected when the registration does not say. */
export function defaultCollectAt(officeName: string): string {
  return /bộ phận|trung tâm/iu.test(officeName) ? officeName : `Bộ phận Tiếp nhận và Trả kết quả – ${officeName}`;
}

/**
 * Dossiers (hồ sơ): registration at the counter with a code from the daily sequence, the
 * status machine with its history, and the tickets that touched each dossier. Every change
 * is one transaction.
 */
export class DossierService {
  readonly repo: DossierRepo;
  readonly codes: CodeSequence;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
    private readonly procedures: ProcedureSource,
    private readonly calendar: DueCalendar,
  ) {
    this.repo = new DossierRepo(db);
    this.codes = new CodeSequence(db);
  }

  /** The processing time of a procedure for a channel (the first channel's when that one is not listed). */
  static processingTime(p: Procedure, channel: Channel): ProcessingTime | null {
    return (p.channels.find((c) => c.channel === channel) ?? p.channels[0])?.time ?? null;
  }

  /**
   * Registers a dossier received at a counter: status `accepted`, received now, due by the
   * working calendar from the procedure's processing time for the channel; the ticket (if any)
   * is linked as the one that brought it. Returns the new dossier.
   */
  register(raw: RegisterInput, actor: DossierActor): StaffDossier {
    const input = parse(registerInputSchema, raw);
    const proc = this.procedures.byCode(input.procedureCode);
    if (!proc) throw notFound(`thủ tục ${input.procedureCode}`, 'procedure_not_found');
    if (!proc.active) {
      throw new DomainError(409, 'procedure_inactive', `Thủ tục ${proc.code} không còn áp dụng. (This procedure is no longer offered.)`);
    }
    const ticket = input.ticketId != null ? this.ticketRow(input.ticketId) : null;
    const citizenId = input.citizenId ?? null;
    if (citizenId != null && !this.db.prepare('SELECT 1 FROM citizens WHERE id = ?').get(citizenId)) {
      throw notFound('công dân', 'citizen_not_found');
    }
    const office = this.config.office();
    const now = this.clock.now();
    const at = now.toISOString();
    const time = DossierService.processingTime(proc, input.channel);
    const dueAt = time ? this.calendar.dueAt(now, time).toISOString() : null;
    const procedureId = this.db.prepare('SELECT id FROM procedures WHERE code = ?').pluck().get(proc.code) as number | undefined;
    const code = this.db.transaction(() => {
      const code = this.codes.next(office.agencyCode, now, office.timeZone);
      const id = this.repo.insert({
        code,
        procedureId: procedureId ?? null,
        procedureCode: proc.code,
        procedureName: proc.name,
        serviceId: proc.serviceId ?? ticket?.serviceId ?? null,
        applicantName: input.applicant.name,
        applicantPhone: input.applicant.phone,
        applicantAddress: input.applicant.address,
        citizenId,
        channel: input.channel,
        documents: input.documents.map((d): DossierDocument => ({ name: d.name, form: d.form, copies: d.copies })),
        sets: input.sets,
        status: 'accepted',
        receivedAt: at,
        dueAt,
        resolvedAt: null,
        returnedAt: null,
        receivedBy: actor.officerId,
        counterId: actor.counterId,
        source: 'counter',
        collectAt: input.collectAt || defaultCollectAt(office.name),
        createdAt: at,
      });
      this.repo.addEvent(id, { from: null, to: 'accepted', at, officerId: actor.officerId, counterId: actor.counterId, source: 'counter', note: '' });
      if (ticket) this.repo.link(id, ticket.id, 'receive', at, actor.officerId);
      return code;
    }).immediate();
    return this.get(code)!;
  }

  /** The dossier with this code as staff see it, or null. */
  get(code: string): StaffDossier | null {
    const row = this.repo.byCode(code.trim());
    return row ? this.staffView(row) : null;
  }

  /** Like `get`, or a 404 `dossier_not_found` naming the code. */
  require(code: string): StaffDossier {
    const d = this.get(code);
    if (!d) throw notFound(`hồ sơ ${code.trim()}`, 'dossier_not_found');
    return d;
  }

  /** Links a ticket to a dossier (a visit about it); an existing link keeps its role unless it was 'other'. */
  link(ticketId: number, code: string, role: TicketRole, actor: DossierActor): StaffDossier {
    const ticket = this.ticketRow(ticketId);
    const row = this.requireRow(code);
    this.repo.link(row.id, ticket.id, role, this.clock.now().toISOString(), actor.officerId);
    return this.get(row.code)!;
  }

  /** Moves a dossier to `to` when the state machine allows it, recording who, where and when. */
  move(code: string, to: DossierStatus, actor: MoveActor, note = ''): StaffDossier {
    if (!DOSSIER_STATUSES.includes(to)) {
      throw new DomainError(400, 'invalid_input', `Trạng thái "${String(to)}" không tồn tại. (Unknown status.)`);
    }
    const text = parse(noteSchema, note);
    const row = this.db.transaction(() => this.moveRow(this.requireRow(code), to, actor, text)).immediate();
    return this.get(row.code)!;
  }

  /**
   * Hands the result over: → `returned` (resolved at the same time when the result had not been
   * marked ready), and links the ticket of the visit with role 'return'.
   */
  returnResult(code: string, ticketId: number | null, actor: DossierActor): StaffDossier {
    const ticket = ticketId != null ? this.ticketRow(ticketId) : null;
    const row = this.db.transaction(() => {
      const row = this.moveRow(this.requireRow(code), 'returned', { ...actor, source: 'counter' }, '');
      if (ticket) this.repo.link(row.id, ticket.id, 'return', this.clock.now().toISOString(), actor.officerId);
      return row;
    }).immediate();
    return this.get(row.code)!;
  }

  /** The dossiers a ticket touched, oldest link first. */
  forTicket(ticketId: number): StaffDossier[] {
    return this.repo.forTicket(ticketId).map((r) => this.staffView(r));
  }

  /** Staff search by code, applicant name, procedure or phone; the newest when `q` is empty. */
  search(q: string, limit = 50): StaffDossier[] {
    const text = q.trim();
    const rows = text ? this.repo.search(text, foldVietnamese, limit) : this.repo.latest(limit);
    return rows.map((r) => this.staffView(r));
  }

  /** The receipt slip of a dossier; its QR points at `<baseUrl>/h/<code>`. */
  slip(code: string, baseUrl: string): ReceiptSlip {
    const d = this.require(code);
    const proc = d.procedureCode ? this.procedures.byCode(d.procedureCode) : null;
    const processingTime = proc ? DossierService.processingTime(proc, d.channel) : null;
    return buildSlip(d, { db: this.db, config: this.config, baseUrl, processingTime });
  }

  /** Procedures for the counter's search, and one with its documents. */
  searchProcedures(q: string, limit = 15): ProcedureSummary[] {
    return this.procedures.search(q, { limit });
  }

  procedure(code: string): Procedure {
    const p = this.procedures.byCode(code.trim());
    if (!p || !p.active) throw notFound(`thủ tục ${code.trim()}`, 'procedure_not_found');
    return p;
  }

  /** What anyone may see: no name, phone or address. */
  publicView(d: StaffDossier): PublicDossierStatus {
    return {
      code: d.code,
      procedureName: d.procedureName,
      status: d.status,
      statusLabel: d.statusLabel,
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      resolvedAt: d.resolvedAt,
      returnedAt: d.returnedAt,
      timeliness: d.timeliness,
      collectAt: d.collectAt,
    };
  }

  private moveRow(row: DossierRow, to: DossierStatus, actor: MoveActor, note: string): DossierRow {
    assertMove(row.status, to);
    const at = this.clock.now().toISOString();
    const resolvedAt = to === 'resolved' || (to === 'returned' && !row.resolvedAt) ? at : null;
    const returnedAt = to === 'returned' ? at : null;
    if (!this.repo.setStatus({ id: row.id, from: row.status, to, at, resolvedAt, returnedAt })) {
      throw new DomainError(409, 'stale_status', `Hồ sơ ${row.code} vừa được cập nhật ở nơi khác; tải lại rồi thử lại. (The dossier changed meanwhile.)`);
    }
    this.repo.addEvent(row.id, { from: row.status, to, at, officerId: actor.officerId, counterId: actor.counterId, source: actor.source, note });
    return row;
  }

  private requireRow(code: string): DossierRow {
    const row = this.repo.byCode(code.trim());
    if (!row) throw notFound(`hồ sơ ${code.trim()}`, 'dossier_not_found');
    return row;
  }

  private ticketRow(ticketId: number): { id: number; serviceId: number } {
    const t = this.db.prepare('SELECT id, service_id AS serviceId FROM tickets WHERE id = ?').get(ticketId) as
      | { id: number; serviceId: number }
      | undefined;
    if (!t) throw notFound(`vé ${ticketId}`, 'ticket_not_found');
    return t;
  }

  private staffView(r: DossierRow): StaffDossier {
    return {
      ...publicStatus(r, this.config.office().timeZone, this.clock.now()),
      id: r.id,
      procedureCode: r.procedureCode,
      serviceId: r.serviceId,
      applicantName: r.applicantName,
      applicantPhone: r.applicantPhone,
      applicantAddress: r.applicantAddress,
      citizenId: r.citizenId,
      channel: r.channel,
      documents: r.documents,
      sets: r.sets,
      receivedBy: r.receivedBy,
      counterId: r.counterId,
      source: r.source,
      version: r.version,
      tickets: this.repo.tickets(r.id).map((t) => ({ ticketId: t.ticketId, number: t.number, role: t.role, linkedAt: t.linkedAt })),
      events: this.repo.events(r.id).map((e) => ({ from: e.from, to: e.to, at: e.at, officerId: e.officerId, source: e.source, note: e.note })),
    };
  }
}
