import { readDisplaySettings } from '../config/officeSettings';
import type {
  OfficeInfo,
  PriorityCategory,
  PublicCounter,
  PublicService,
  PublicTicket,
  QueueSnapshot,
  StaffTicket,
} from '../../shared/contract';
import type { Clock } from './clock';
import type { Counter, Service } from './configRepo';
import type { QueueService } from './queue';
import type { TicketRow } from './ticketRepo';
import { openingState } from './time';

/** How many recent calls a snapshot carries (the TV history). */
export const LAST_CALLS = 10;

/** Maps rows to what the public and staff may see. Holds lookups for one request. */
export class Views {
  private readonly counters: Map<number, Counter>;
  private readonly priorities: Map<number, PriorityCategory>;
  private readonly day: string;

  constructor(private readonly queue: QueueService) {
    this.counters = new Map(queue.config.counters().map((c) => [c.id, c]));
    this.priorities = new Map(queue.config.priorities().map((p) => [p.id, p]));
    this.day = queue.serviceDay();
  }

  /**
   * The ticket called or serving at a counter. One of a past service day is never shown, even
   * in the moments before the day rollover closes it.
   */
  activeAt(counterId: number): TicketRow | undefined {
    const active = this.queue.tickets.activeAtCounter(counterId);
    return active && active.serviceDay >= this.day ? active : undefined;
  }

  publicTicket(t: TicketRow): PublicTicket {
    return {
      id: t.id,
      number: t.number,
      serviceId: t.serviceId,
      status: t.status,
      priority: t.priorityId != null,
      priorityName: t.priorityId != null ? (this.priorities.get(t.priorityId)?.name ?? null) : null,
      counterId: t.counterId,
      counterNumber: t.counterId != null ? (this.counters.get(t.counterId)?.number ?? null) : null,
      targetCounterId: t.targetCounterId,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt,
    };
  }

  staffTicket(t: TicketRow): StaffTicket {
    return {
      ...this.publicTicket(t),
      serviceDay: t.serviceDay,
      priorityId: t.priorityId,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
      callCount: t.callCount,
      officerId: t.officerId,
      printed: t.printed === 1,
    };
  }

  publicCounter(c: Counter): PublicCounter {
    const active = this.activeAt(c.id);
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      serviceIds: c.serviceIds,
      state: this.queue.config.counterState(c),
      currentTicket: active ? this.publicTicket(active) : null,
    };
  }
}

export function publicService(s: Service): PublicService {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    prefix: s.prefix,
    icon: s.icon,
    active: s.active,
    sortOrder: s.sortOrder,
    fixedCounterId: s.fixedCounterId,
  };
}

export function officeInfo(queue: QueueService, clock: Clock): OfficeInfo {
  const o = queue.config.office();
  const now = clock.now();
  const opening = openingState(now, o.timeZone, queue.config.openingHours());
  return {
    name: o.name,
    agencyCode: o.agencyCode,
    timeZone: o.timeZone,
    notice: o.notice,
    openNow: opening.open,
    closedMessage: opening.message,
    serviceDay: queue.serviceDay(now),
    display: readDisplaySettings(o.settings),
  };
}

/** The full public state: what a display or kiosk receives on every (re)connect. */
export function buildSnapshot(queue: QueueService, clock: Clock): QueueSnapshot {
  const now = clock.now();
  const day = queue.serviceDay(now);
  const views = new Views(queue);
  const dayStart = queue.tickets.ofDay(day, ['waiting', 'called', 'serving']);
  return {
    office: officeInfo(queue, clock),
    services: queue.config.services().filter((s) => s.active).map(publicService),
    counters: queue.config.counters().filter((c) => c.active).map((c) => views.publicCounter(c)),
    priorities: queue.config.priorities().filter((p) => p.active),
    stats: queue.stats.forDay(day, now),
    tickets: dayStart.filter((t) => t.status === 'waiting' || t.status === 'called').map((t) => views.publicTicket(t)),
    lastCalls: queue.tickets.lastCalls(day, LAST_CALLS),
    generatedAt: now.toISOString(),
  };
}
