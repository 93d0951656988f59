/**
 * URL options of the TV display (all optional, combine freely):
 *
 *   /display/?counters=1,2      only counters 1 and 2 (counter numbers as written on the counters)
 *   /display/?services=1,3      only fields 1 and 3 (field ids, or field codes/prefixes: services=TP,B)
 *   /display/?mute=1            no voice announcements (calls are still shown)
 *   /display/?repeat=3          say each call 3 times (1–5, default 2)
 *   /display/?en=1              after each Vietnamese announcement, say it in English too
 *
 * On the TV, start Chromium so the voice may play without a click, e.g.
 *   chromium --kiosk --autoplay-policy=no-user-gesture-required "http://<server>:3000/display/?counters=1,2"
 *
 * With `counters`, the display shows those counters, their calls and their announcements only.
 * With `services`, it shows the waiting counts of those fields, the calls of those fields,
 * and (unless `counters` is also given) the counters that serve one of them.
 */
import type { CallRecord, PublicCounter, PublicService, QueueSnapshot } from '../shared/contract';

export interface DisplayOptions {
  counters: number[] | null;
  services: string[] | null;
  muted: boolean;
  repeat: number;
  english: boolean;
}

const list = (v: string | null): string[] | null => {
  const items = (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : null;
};

const flag = (v: string | null) => v != null && v !== '0' && v !== 'false';

export function parseOptions(search: string): DisplayOptions {
  const p = new URLSearchParams(search);
  const counters = list(p.get('counters'))
    ?.map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isFinite(n));
  const repeat = Number.parseInt(p.get('repeat') ?? '', 10);
  return {
    counters: counters?.length ? counters : null,
    services: list(p.get('services'))?.map((s) => s.toUpperCase()) ?? null,
    muted: flag(p.get('mute')),
    repeat: Number.isFinite(repeat) ? Math.min(5, Math.max(1, repeat)) : 2,
    english: flag(p.get('en')),
  };
}

/** What this display shows, resolved against a snapshot. */
export interface DisplayScope {
  services: PublicService[];
  counters: PublicCounter[];
  serviceIds: Set<number>;
  counterIds: Set<number>;
  showsCall(call: Pick<CallRecord, 'counterNumber' | 'serviceId'>): boolean;
}

const serviceMatches = (s: PublicService, keys: string[]) =>
  keys.includes(String(s.id)) || keys.includes(s.code.toUpperCase()) || keys.includes(s.prefix.toUpperCase());

export function resolveScope(snap: QueueSnapshot, o: DisplayOptions): DisplayScope {
  const services = o.services ? snap.services.filter((s) => serviceMatches(s, o.services as string[])) : snap.services;
  const serviceIds = new Set(services.map((s) => s.id));
  const counters = snap.counters
    .filter((c) =>
      o.counters ? o.counters.includes(c.number) : !o.services || c.serviceIds.some((id) => serviceIds.has(id)),
    )
    .sort((a, b) => a.number - b.number);
  const counterIds = new Set(counters.map((c) => c.id));
  return {
    services: [...services].sort((a, b) => a.sortOrder - b.sortOrder),
    counters,
    serviceIds,
    counterIds,
    showsCall: (call) =>
      (!o.counters || o.counters.includes(call.counterNumber)) && (!o.services || serviceIds.has(call.serviceId)),
  };
}
