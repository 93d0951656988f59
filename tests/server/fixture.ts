import { openDatabase, type Db } from '../../server/db/database';
import { ManualClock } from '../../server/domain/clock';
import { ConfigRepo, type ServiceInput } from '../../server/domain/configRepo';
import { QueueEvents, type QueueEvent } from '../../server/domain/events';
import { QueueService } from '../../server/domain/queue';
import { DomainError } from '../../server/domain/errors';
import type { TicketRow } from '../../server/domain/ticketRepo';
import type { OfficerInfo } from '../../shared/contract';

/** 2026-11-23 is a Monday; 09:00 in Hanoi is 02:00 UTC. */
export const MONDAY_9AM = '2026-11-23T02:00:00.000Z';

export interface Fixture {
  db: Db;
  clock: ManualClock;
  config: ConfigRepo;
  queue: QueueService;
  events: QueueEvent[];
  officer: OfficerInfo;
  admin: OfficerInfo;
  services: { a: number; b: number };
  counters: { c1: number; c2: number };
  priorityId: number;
}

const baseService: Omit<ServiceInput, 'code' | 'name' | 'prefix' | 'sortOrder'> = {
  nameEn: '',
  icon: 'document',
  firstNumber: 1,
  lastNumber: 999,
  step: 1,
  digits: 3,
  dailyMax: null,
  fixedCounterId: null,
  active: true,
};

/** An office with two fields (A, B), counter 1 serving A then B, counter 2 serving B, weekday hours. */
export function makeFixture(start = MONDAY_9AM): Fixture {
  const db = openDatabase(':memory:');
  const clock = new ManualClock(start);
  const config = new ConfigRepo(db);
  config.saveOffice({
    name: 'UBND xã Thử Nghiệm',
    agencyCode: '000.00.06.H56',
    timeZone: 'Asia/Ho_Chi_Minh',
    dayStartMinutes: 0,
    priorityStreakLimit: 3,
    callOrder: 'oldest',
    ticketRateLimitPerMinute: 0,
    defaultServiceMinutes: 5,
    notice: '',
    settings: {},
  });
  // Monday–Friday 07:30–11:30 and 13:30–17:00, Saturday morning.
  config.setOpeningHours([
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, openMinutes: 450, closeMinutes: 690 },
      { weekday, openMinutes: 810, closeMinutes: 1020 },
    ]),
    { weekday: 6, openMinutes: 450, closeMinutes: 690 },
  ]);
  const a = config.saveService({ ...baseService, code: 'A', name: 'Tư pháp – Hộ tịch', prefix: 'A', sortOrder: 1 }).id;
  const b = config.saveService({
    ...baseService,
    code: 'B',
    name: 'Đất đai',
    prefix: '',
    firstNumber: 1001,
    lastNumber: 1999,
    digits: 4,
    sortOrder: 2,
  }).id;
  const c1 = config.saveCounter({ number: 1, name: 'Quầy 1', active: true, serviceIds: [a, b] }).id;
  const c2 = config.saveCounter({ number: 2, name: 'Quầy 2', active: true, serviceIds: [b] }).id;
  const priorityId = config.savePriority({ name: 'Người cao tuổi', nameEn: 'Elderly', active: true, sortOrder: 1 }).id;
  const insertOfficer = db.prepare(
    "INSERT INTO officers (name, username, password_hash, role, active, created_at) VALUES (?, ?, 'x', ?, 1, ?)",
  );
  const oid = Number(insertOfficer.run('Cán bộ Một', 'canbo', 'officer', start).lastInsertRowid);
  const aid = Number(insertOfficer.run('Quản trị', 'admin', 'admin', start).lastInsertRowid);
  const events: QueueEvent[] = [];
  const bus = new QueueEvents();
  bus.on((batch) => events.push(...batch));
  return {
    db,
    clock,
    config,
    queue: new QueueService(db, config, clock, bus),
    events,
    officer: { id: oid, name: 'Cán bộ Một', username: 'canbo', role: 'officer', active: true, counterIds: [] },
    admin: { id: aid, name: 'Quản trị', username: 'admin', role: 'admin', active: true, counterIds: [] },
    services: { a, b },
    counters: { c1, c2 },
    priorityId,
  };
}

/** Issues a ticket and moves the clock on a second, so that tickets have distinct issue times. */
export function issueOn(f: Fixture, serviceId: number, priorityId?: number): TicketRow {
  const r = f.queue.issueTicket({ serviceId, priorityId });
  f.clock.advance(1000);
  return r.ticket;
}

/** The "status code" of the DomainError that `fn` throws; fails the test when it throws none. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.status} ${e.code}`;
    throw e;
  }
  throw new Error('expected an error');
}
