/**
 * Satisfaction ratings: one per visit (ticket) and one per dossier. A tablet names the
 * ticket it woke for; a button box or keypad press is tied to its counter's last finished
 * ticket when that ended within the office's window, otherwise it is kept as an anonymous
 * rating of the counter (ticket NULL), counted apart in reports.
 */
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import type { QueueService } from '../queue';
import { DomainError, conflict } from '../errors';
import { addDays } from '../time';
import {
  REASON_LEVELS,
  RATING_LEVELS,
  SATISFIED_LEVELS,
  SCALE_LEVELS,
  type RatingLevel,
  type RatingRecord,
  type RatingSource,
  type RatingSummary,
  type ScaleSize,
} from '../../../shared/ratings';
import { readRatingsSettings, scaleView, type RatingsSettings } from './settings';

export interface RateInput {
  counterId: number;
  level: RatingLevel;
  reasons?: string[];
  reasonText?: string;
  source: RatingSource;
  /** The visit a tablet woke for; buttons and keypads leave it out. */
  ticketId?: number | null;
}

export interface StoredRating {
  id: number;
  ticketId: number | null;
  dossierId: number | null;
  counterId: number;
  level: RatingLevel;
  source: RatingSource;
  at: string;
}

/** Reasons may be added this long after the rating (the citizen is still at the tablet). */
const REASONS_WINDOW_MS = 10 * 60_000;
export const MAX_REASON_TEXT = 200;

export const alreadyRated = () =>
  conflict('already_rated', 'Lượt này đã được đánh giá. Cảm ơn quý khách! (This visit has already been rated.)');

const notOnScale = (level: string, size: number) =>
  new DomainError(
    400,
    'level_not_on_scale',
    `Mức "${level}" không có trong thang đánh giá ${size} mức của đơn vị. (This level is not on the office's ${size}-level scale.)`,
  );

const notRateable = () =>
  conflict(
    'ticket_not_rateable',
    'Lượt này không đánh giá được tại quầy này (chưa xong, của quầy khác hoặc của ngày khác). ' +
      '(This visit cannot be rated at this counter: not finished, another counter or another day.)',
  );

const nothingToRate = () =>
  conflict(
    'nothing_to_rate',
    'Chưa có lượt phục vụ nào vừa kết thúc tại quầy này để đánh giá. (No visit has just ended at this counter.)',
  );

const isUnique = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT');

interface TicketFacts {
  id: number;
  counterId: number | null;
  officerId: number | null;
  serviceId: number;
  status: string;
  finishedAt: string | null;
  serviceDay: string;
  number: string;
}

export type RatedListener = (r: StoredRating) => void;

export class RatingService {
  private readonly listeners = new Set<RatedListener>();

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  settings(): RatingsSettings {
    return readRatingsSettings(this.config.office().settings);
  }

  scale() {
    return scaleView(this.settings());
  }

  onRated(l: RatedListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** The level at a position of the current scale (1 = best), or null when off the scale. */
  levelAt(position: number): RatingLevel | null {
    const levels = SCALE_LEVELS[this.settings().scaleSize as ScaleSize];
    return levels[position - 1] ?? null;
  }

  private ticket(id: number): TicketFacts | undefined {
    return this.db
      .prepare(
        `SELECT id, counter_id AS counterId, officer_id AS officerId, service_id AS serviceId, status,
           finished_at AS finishedAt, service_day AS serviceDay, number FROM tickets WHERE id = ?`,
      )
      .get(id) as TicketFacts | undefined;
  }

  /** The counter's last finished ticket if it ended within the window (rated or not). */
  lastFinished(counterId: number, windowSeconds = this.settings().windowSeconds): TicketFacts | null {
    const since = new Date(this.clock.now().getTime() - windowSeconds * 1000).toISOString();
    const row = this.db
      .prepare(
        `SELECT id FROM tickets WHERE counter_id = ? AND status = 'done' AND finished_at >= ?
         ORDER BY finished_at DESC, id DESC LIMIT 1`,
      )
      .pluck()
      .get(counterId, since) as number | undefined;
    return row === undefined ? null : (this.ticket(row) ?? null);
  }

  private checkReasons(level: RatingLevel, reasons: string[], text: string, s: RatingsSettings): void {
    if (reasons.length === 0 && text === '') return;
    if (!REASON_LEVELS.includes(level)) {
      throw new DomainError(400, 'invalid_input', 'Chỉ hỏi lý do khi không hài lòng. (Reasons only go with an unsatisfied level.)');
    }
    const known = new Set(s.reasons.map((r) => r.key));
    const bad = reasons.find((r) => !known.has(r));
    if (bad !== undefined) {
      throw new DomainError(400, 'invalid_input', `Lý do "${bad}" không có trong danh sách của đơn vị. (Unknown reason.)`);
    }
    if (new Set(reasons).size !== reasons.length) {
      throw new DomainError(400, 'invalid_input', 'Lý do bị lặp. (A reason is repeated.)');
    }
    if (text !== '' && !s.allowText) {
      throw new DomainError(400, 'invalid_input', 'Đơn vị không nhận ý kiến ghi bằng chữ. (The office takes no free text.)');
    }
    if (text.length > MAX_REASON_TEXT) {
      throw new DomainError(400, 'invalid_input', `Ý kiến dài quá ${MAX_REASON_TEXT} ký tự. (Text too long.)`);
    }
  }

  /** Records one rating; see the class comment. Throws already_rated for a visit or dossier rated before. */
  rate(input: RateInput): StoredRating {
    const s = this.settings();
    const size = s.scaleSize as ScaleSize;
    this.config.counter(input.counterId);
    if (!(RATING_LEVELS as readonly string[]).includes(input.level) || !SCALE_LEVELS[size].includes(input.level)) {
      throw notOnScale(input.level, size);
    }
    const reasons = input.reasons ?? [];
    const text = (input.reasonText ?? '').trim();
    this.checkReasons(input.level, reasons, text, s);
    const now = this.clock.now();
    const at = now.toISOString();
    const stored = this.db.transaction((): StoredRating => {
      let ticket: TicketFacts | null;
      if (input.ticketId != null) {
        ticket = this.ticket(input.ticketId) ?? null;
        if (!ticket || ticket.status !== 'done' || ticket.counterId !== input.counterId || ticket.serviceDay !== this.queue.serviceDay(now)) {
          throw notRateable();
        }
      } else {
        ticket = this.lastFinished(input.counterId, s.windowSeconds);
        // A touch on an idle tablet rates the visit that just ended, never nobody.
        if (!ticket && input.source === 'tablet') throw nothingToRate();
      }
      let dossierId: number | null = null;
      if (ticket) {
        if (this.db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?').get(ticket.id)) throw alreadyRated();
        dossierId =
          (this.db
            .prepare('SELECT dossier_id FROM dossier_tickets WHERE ticket_id = ? ORDER BY linked_at, dossier_id LIMIT 1')
            .pluck()
            .get(ticket.id) as number | undefined) ?? null;
        if (dossierId !== null && this.db.prepare('SELECT 1 FROM ratings WHERE dossier_id = ?').get(dossierId)) {
          throw alreadyRated();
        }
      }
      try {
        const info = this.db
          .prepare(
            `INSERT INTO ratings (ticket_id, dossier_id, counter_id, officer_id, service_id, level, scale_size,
               reasons_json, reason_text, source, at, service_day)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            ticket?.id ?? null,
            dossierId,
            input.counterId,
            ticket?.officerId ?? null,
            ticket?.serviceId ?? null,
            input.level,
            size,
            JSON.stringify(reasons),
            text,
            input.source,
            at,
            ticket?.serviceDay ?? this.queue.serviceDay(now),
          );
        return {
          id: Number(info.lastInsertRowid),
          ticketId: ticket?.id ?? null,
          dossierId,
          counterId: input.counterId,
          level: input.level,
          source: input.source,
          at,
        };
      } catch (e) {
        if (isUnique(e)) throw alreadyRated();
        throw e;
      }
    })();
    for (const l of [...this.listeners]) {
      try {
        l(stored);
      } catch {
        // Listeners (the tablets' sockets) never undo a rating.
      }
    }
    return stored;
  }

  /** The reasons of an unsatisfied rating given at `counterId`, added once, shortly after it. */
  addReasons(ratingId: number, counterId: number, reasons: string[], reasonText: string): void {
    const row = this.db
      .prepare('SELECT counter_id AS counterId, level, at, reasons_json AS r, reason_text AS t FROM ratings WHERE id = ?')
      .get(ratingId) as { counterId: number; level: RatingLevel; at: string; r: string; t: string } | undefined;
    if (!row || row.counterId !== counterId) throw new DomainError(404, 'rating_not_found', 'Không tìm thấy lượt đánh giá. (Rating not found.)');
    if (!REASON_LEVELS.includes(row.level)) {
      throw new DomainError(400, 'invalid_input', 'Chỉ hỏi lý do khi không hài lòng. (Reasons only go with an unsatisfied level.)');
    }
    if (row.r !== '[]' || row.t !== '' || this.clock.now().getTime() - new Date(row.at).getTime() > REASONS_WINDOW_MS) {
      throw conflict('reasons_closed', 'Đã ghi nhận ý kiến cho lượt này. Cảm ơn quý khách! (Reasons already given or too late.)');
    }
    const text = reasonText.trim();
    this.checkReasons(row.level, reasons, text, this.settings());
    this.db.prepare('UPDATE ratings SET reasons_json = ?, reason_text = ? WHERE id = ?').run(JSON.stringify(reasons), text, ratingId);
  }

  /** The name of the officer who called last at the counter today (who serves there now). */
  officerAt(counterId: number): string | null {
    const day = this.queue.serviceDay(this.clock.now());
    const name = this.db
      .prepare(
        `SELECT o.name FROM call_log c JOIN tickets t ON t.id = c.ticket_id JOIN officers o ON o.id = c.officer_id
         WHERE c.counter_id = ? AND t.service_day = ? ORDER BY c.id DESC LIMIT 1`,
      )
      .pluck()
      .get(counterId, day) as string | undefined;
    return name ?? null;
  }

  /** Counts by level of the days from..to (service days), anonymous presses apart, and the latest ratings. */
  summary(from?: string, to?: string, limit = 100): RatingSummary {
    const today = this.queue.serviceDay(this.clock.now());
    const end = to ?? today;
    const start = from ?? addDays(end, -29);
    const rows = this.db
      .prepare(
        `SELECT level, ticket_id IS NULL AS anon, COUNT(*) AS n FROM ratings
         WHERE service_day BETWEEN ? AND ? GROUP BY level, anon`,
      )
      .all(start, end) as { level: RatingLevel; anon: number; n: number }[];
    const counts: Partial<Record<RatingLevel, number>> = {};
    const anonymous: Partial<Record<RatingLevel, number>> = {};
    for (const r of rows) (r.anon ? anonymous : counts)[r.level] = r.n;
    const rated = Object.values(counts).reduce((a, b) => a + b, 0);
    const satisfied = SATISFIED_LEVELS.reduce((a, l) => a + (counts[l] ?? 0), 0);
    const recent = (
      this.db
        .prepare(
          `SELECT r.id, r.at, r.service_day AS serviceDay, c.number AS counterNumber, t.number AS ticketNumber,
             r.dossier_id AS dossierId, o.name AS officerName, s.name AS serviceName, r.level, r.scale_size AS scaleSize,
             r.reasons_json AS reasonsJson, r.reason_text AS reasonText, r.source
           FROM ratings r JOIN counters c ON c.id = r.counter_id LEFT JOIN tickets t ON t.id = r.ticket_id
           LEFT JOIN officers o ON o.id = r.officer_id LEFT JOIN services s ON s.id = r.service_id
           WHERE r.service_day BETWEEN ? AND ? ORDER BY r.id DESC LIMIT ?`,
        )
        .all(start, end, limit) as (Omit<RatingRecord, 'reasons'> & { reasonsJson: string })[]
    ).map(({ reasonsJson, ...r }) => ({ ...r, reasons: JSON.parse(reasonsJson) as string[] }));
    return { from: start, to: end, counts, anonymous, satisfiedShare: rated ? satisfied / rated : null, recent };
  }
}
