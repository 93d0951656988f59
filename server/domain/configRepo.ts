import type { Db } from '../db/database';
import type { CounterConfig, CounterState, PriorityCategory, ServiceConfig } from '../../shared/contract';
import { MAX_DAY_START_MINUTES, type OpeningInterval } from './time';
import { DomainError, notFound } from './errors';
import { sanitizeOfficeRow, type SettingsFault } from '../config/officeSettings';
import { assertNoNumberingClash } from './numberingClash';
import { checkAndBump, currentVersion, versionsOf, type VersionedKind } from './versions';

export interface Office {
  name: string;
  agencyCode: string;
  timeZone: string;
  dayStartMinutes: number;
  priorityStreakLimit: number;
  callOrder: 'oldest' | 'preference';
  ticketRateLimitPerMinute: number;
  defaultServiceMinutes: number;
  notice: string;
  settings: Record<string, unknown>;
}

/** Fields and counters as configured: the admin API returns these rows as they are. */
export type Service = ServiceConfig;
export type Counter = CounterConfig;

export type ServiceInput = Omit<Service, 'id'>;
export type CounterInput = Omit<Counter, 'id' | 'paused'>;

const officeCols = `name, agency_code AS agencyCode, time_zone AS timeZone, day_start_minutes AS dayStartMinutes,
  priority_streak_limit AS priorityStreakLimit, call_order AS callOrder,
  ticket_rate_limit_per_minute AS ticketRateLimitPerMinute, default_service_minutes AS defaultServiceMinutes,
  notice, settings_json AS settingsJson`;

const serviceCols = `id, code, name, name_en AS nameEn, icon, prefix, first_number AS firstNumber,
  last_number AS lastNumber, step, digits, daily_max AS dailyMax, fixed_counter_id AS fixedCounterId,
  active, sort_order AS sortOrder`;

type Raw<T> = { [K in keyof T]: T[K] extends boolean ? number : T[K] };

const toService = (r: Raw<Service>): Service => ({ ...r, active: r.active === 1 });

/** Reads and writes the office configuration. Every write is one transaction. */
export class ConfigRepo {
  /**
   * Configuration is read on every ticket and call but changes rarely: reads are cached
   * and every write through this class clears the cache (also when the write fails).
   */
  private cache = new Map<string, unknown>();
  private faults: SettingsFault[] = [];

  constructor(private readonly db: Db) {}

  private cached<T>(key: string, load: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = load();
    this.cache.set(key, value);
    return value;
  }

  private write<T>(fn: () => T): T {
    this.cache.clear();
    try {
      return fn();
    } finally {
      this.cache.clear();
    }
  }

  office(): Office {
    return this.cached('office', () => this.loadOffice());
  }

  private loadOffice(): Office {
    const r = this.db.prepare(`SELECT ${officeCols} FROM office WHERE id = 1`).get() as
      | (Omit<Office, 'settings'> & { settingsJson: string })
      | undefined;
    if (!r) throw new DomainError(503, 'not_configured', 'Đơn vị chưa được cấu hình. (Office not configured.)');
    const { settingsJson, ...rest } = r;
    const { office, faults } = sanitizeOfficeRow(rest, settingsJson);
    this.faults = faults;
    return office;
  }

  /** The version of a configuration record (the office, its hours, or one row): raised by every save. */
  version(kind: VersionedKind, id?: number): number {
    return currentVersion(this.db, kind, id) ?? 0;
  }

  /** Every row's version of a kind, by id. */
  versions(kind: Exclude<VersionedKind, 'office' | 'hours'>): Map<number, number> {
    return versionsOf(this.db, kind);
  }

  /** Stored settings of the office that did not validate when last read and fell back to their defaults. */
  settingsFaults(): SettingsFault[] {
    if (this.hasOffice()) this.office();
    return this.faults;
  }

  hasOffice(): boolean {
    return this.db.prepare('SELECT 1 FROM office WHERE id = 1').get() !== undefined;
  }

  /**
   * Saves the office. A changed time zone or day start applies from the next service day
   * (QueueService.serviceDay); the day starts between 00:00 and 23:59. `expectedVersion`:
   * the version the edit was based on (409 stale_version when outdated).
   */
  saveOffice(o: Office, expectedVersion?: number): void {
    if (!Number.isInteger(o.dayStartMinutes) || o.dayStartMinutes < 0 || o.dayStartMinutes > MAX_DAY_START_MINUTES) {
      throw new DomainError(
        400,
        'invalid_input',
        'Giờ bắt đầu ngày làm việc phải từ 00:00 đến 23:59. (The day start must be between 00:00 and 23:59.)',
      );
    }
    this.write(() => this.db.transaction(() => {
      checkAndBump(this.db, 'office', undefined, expectedVersion);
      this.db
        .prepare(
          `INSERT INTO office (id, name, agency_code, time_zone, day_start_minutes, priority_streak_limit, call_order,
             ticket_rate_limit_per_minute, default_service_minutes, notice, settings_json)
           VALUES (1, @name, @agencyCode, @timeZone, @dayStartMinutes, @priorityStreakLimit, @callOrder,
             @ticketRateLimitPerMinute, @defaultServiceMinutes, @notice, @settingsJson)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, agency_code = excluded.agency_code,
             time_zone = excluded.time_zone, day_start_minutes = excluded.day_start_minutes,
             priority_streak_limit = excluded.priority_streak_limit, call_order = excluded.call_order,
             ticket_rate_limit_per_minute = excluded.ticket_rate_limit_per_minute,
             default_service_minutes = excluded.default_service_minutes, notice = excluded.notice,
             settings_json = excluded.settings_json`,
        )
        .run({ ...o, settingsJson: JSON.stringify(o.settings) });
    })());
  }

  openingHours(): OpeningInterval[] {
    return this.cached('hours', () => this.db
      .prepare(
        'SELECT weekday, open_minutes AS openMinutes, close_minutes AS closeMinutes FROM opening_hours ORDER BY weekday, open_minutes',
      )
      .all() as OpeningInterval[]);
  }

  setOpeningHours(hours: OpeningInterval[], expectedVersion?: number): void {
    this.write(() => this.db.transaction(() => {
      checkAndBump(this.db, 'hours', undefined, expectedVersion);
      this.db.prepare('DELETE FROM opening_hours').run();
      const ins = this.db.prepare(
        'INSERT INTO opening_hours (weekday, open_minutes, close_minutes) VALUES (@weekday, @openMinutes, @closeMinutes)',
      );
      for (const h of hours) ins.run(h);
    })());
  }

  services(): Service[] {
    return this.cached('services', () =>
      (this.db.prepare(`SELECT ${serviceCols} FROM services ORDER BY sort_order, id`).all() as Raw<Service>[]).map(
        toService,
      ),
    );
  }

  service(id: number): Service {
    const s = this.services().find((x) => x.id === id);
    if (!s) throw notFound(`lĩnh vực ${id}`, 'service_not_found');
    return s;
  }

  saveService(input: ServiceInput, id?: number, expectedVersion?: number): Service {
    return this.write(() =>
      this.db.transaction(() => {
        checkAndBump(this.db, 'service', id, expectedVersion);
        return this.saveServiceRow(input, id);
      })(),
    );
  }

  private saveServiceRow(input: ServiceInput, id?: number): Service {
    if (input.fixedCounterId != null) this.counter(input.fixedCounterId);
    assertNoNumberingClash(input, id, this.services());
    const params = { ...input, active: input.active ? 1 : 0, id: id ?? null };
    try {
      if (id === undefined) {
        const info = this.db
          .prepare(
            `INSERT INTO services (code, name, name_en, icon, prefix, first_number, last_number, step, digits, daily_max,
               fixed_counter_id, active, sort_order)
             VALUES (@code, @name, @nameEn, @icon, @prefix, @firstNumber, @lastNumber, @step, @digits, @dailyMax,
               @fixedCounterId, @active, @sortOrder)`,
          )
          .run(params);
        this.cache.clear();
        return this.service(Number(info.lastInsertRowid));
      }
      this.service(id);
      this.db
        .prepare(
          `UPDATE services SET code = @code, name = @name, name_en = @nameEn, icon = @icon, prefix = @prefix,
             first_number = @firstNumber, last_number = @lastNumber, step = @step, digits = @digits,
             daily_max = @dailyMax, fixed_counter_id = @fixedCounterId, active = @active, sort_order = @sortOrder
           WHERE id = @id`,
        )
        .run(params);
      this.cache.clear();
      return this.service(id);
    } catch (e) {
      throw uniqueToConflict(e, `Mã lĩnh vực "${input.code}" đã tồn tại. (Field code already exists.)`);
    }
  }

  counters(): Counter[] {
    return this.cached('counters', () => this.loadCounters());
  }

  private loadCounters(): Counter[] {
    const rows = this.db
      .prepare('SELECT id, number, name, active, paused FROM counters ORDER BY number')
      .all() as Raw<Omit<Counter, 'serviceIds'>>[];
    const links = this.db
      .prepare('SELECT counter_id AS counterId, service_id AS serviceId FROM counter_services ORDER BY counter_id, rank')
      .all() as { counterId: number; serviceId: number }[];
    return rows.map((r) => ({
      ...r,
      active: r.active === 1,
      paused: r.paused === 1,
      serviceIds: links.filter((l) => l.counterId === r.id).map((l) => l.serviceId),
    }));
  }

  counter(id: number): Counter {
    const c = this.counters().find((x) => x.id === id);
    if (!c) throw notFound(`quầy ${id}`, 'counter_not_found');
    return c;
  }

  saveCounter(input: CounterInput, id?: number, expectedVersion?: number): Counter {
    for (const s of input.serviceIds) this.service(s);
    return this.write(() => this.db.transaction(() => {
      checkAndBump(this.db, 'counter', id, expectedVersion);
      let counterId = id;
      try {
        if (counterId === undefined) {
          counterId = Number(
            this.db
              .prepare('INSERT INTO counters (number, name, active) VALUES (?, ?, ?)')
              .run(input.number, input.name, input.active ? 1 : 0).lastInsertRowid,
          );
        } else {
          this.counter(counterId);
          this.db
            .prepare('UPDATE counters SET number = ?, name = ?, active = ? WHERE id = ?')
            .run(input.number, input.name, input.active ? 1 : 0, counterId);
        }
      } catch (e) {
        throw uniqueToConflict(e, `Quầy số ${input.number} đã tồn tại. (Counter number already exists.)`);
      }
      this.db.prepare('DELETE FROM counter_services WHERE counter_id = ?').run(counterId);
      const ins = this.db.prepare('INSERT INTO counter_services (counter_id, service_id, rank) VALUES (?, ?, ?)');
      input.serviceIds.forEach((s, rank) => ins.run(counterId, s, rank));
      this.cache.clear();
      return this.counter(counterId);
    })());
  }

  setCounterPaused(id: number, paused: boolean): void {
    this.write(() => this.db.prepare('UPDATE counters SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id));
  }

  counterState(c: Counter): CounterState {
    return !c.active ? 'closed' : c.paused ? 'paused' : 'open';
  }

  priorities(): PriorityCategory[] {
    return this.cached('priorities', () => (
      this.db
        .prepare(
          'SELECT id, name, name_en AS nameEn, active, sort_order AS sortOrder FROM priority_categories ORDER BY sort_order, id',
        )
        .all() as Raw<PriorityCategory>[]
    ).map((r) => ({ ...r, active: r.active === 1 })));
  }

  priority(id: number): PriorityCategory {
    const p = this.priorities().find((x) => x.id === id);
    if (!p) throw notFound(`diện ưu tiên ${id}`, 'priority_not_found');
    return p;
  }

  savePriority(input: Omit<PriorityCategory, 'id'>, id?: number, expectedVersion?: number): PriorityCategory {
    return this.write(() =>
      this.db.transaction(() => {
        checkAndBump(this.db, 'priority', id, expectedVersion);
        return this.savePriorityRow(input, id);
      })(),
    );
  }

  private savePriorityRow(input: Omit<PriorityCategory, 'id'>, id?: number): PriorityCategory {
    const params = { ...input, active: input.active ? 1 : 0, id: id ?? null };
    if (id === undefined) {
      const info = this.db
        .prepare(
          'INSERT INTO priority_categories (name, name_en, active, sort_order) VALUES (@name, @nameEn, @active, @sortOrder)',
        )
        .run(params);
      this.cache.clear();
      return this.priority(Number(info.lastInsertRowid));
    }
    this.priority(id);
    this.db
      .prepare(
        'UPDATE priority_categories SET name = @name, name_en = @nameEn, active = @active, sort_order = @sortOrder WHERE id = @id',
      )
      .run(params);
    this.cache.clear();
    return this.priority(id);
  }
}

export function uniqueToConflict(e: unknown, message: string): unknown {
  if (e instanceof Error && /UNIQUE constraint failed/.test(e.message)) {
    return new DomainError(409, 'duplicate', message);
  }
  return e;
}
