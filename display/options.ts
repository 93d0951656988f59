/**
 * URL options of the TV display (all optional, combine freely):
 *
 *   /display/?profile=tang-1    a display profile from the office settings (settings.display.profiles):
 *                               its counters, fields and mute; URL options below override it
 *   /display/?counters=1,2      only counters 1 and 2 (counter numbers as written on the counters)
 *   /display/?services=1,3      only fields 1 and 3 (field ids, or field codes/prefixes: services=TP,B)
 *   /display/?mute=1            no voice announcements (calls are still shown); mute=0 forces sound on
 *   /display/?repeat=3          say each call 3 times (1–5; default: the office setting, else 2)
 *   /display/?en=1              after each Vietnamese announcement, say it in English too (en=0: never)
 *
 * On the TV, start Chromium so the voice may play without a click, e.g.
 *   chromium --kiosk --autoplay-policy=no-user-gesture-required "http://<server>:3000/display/?profile=tang-1"
 *
 * With `counters`, the display shows those counters, their calls and their announcements only,
 * and the waiting counts of the fields they serve.
 * With `services`, it shows the waiting counts of those fields, the calls of those fields,
 * and (unless `counters` is also given) the counters that serve one of them.
 * Profiles and the office's voice settings are read from the live snapshot, so an admin's
 * change reaches every TV without touching it.
 */
import type { CallRecord, DisplaySettings, PublicCounter, PublicService, QueueSnapshot } from '../shared/contract';

/** What the TV's URL asks for; null = not given (the office settings decide). */
export interface UrlOptions {
  profile: string | null;
  counters: number[] | null;
  services: string[] | null;
  muted: boolean | null;
  repeat: number | null;
  english: boolean | null;
}

/** What this display does: the URL over its profile over the office settings. */
export interface DisplayOptions {
  counters: number[] | null;
  services: string[] | null;
  muted: boolean;
  repeat: number;
  english: boolean;
  voice: DisplaySettings['voice'];
  /** The profile's name, shown small in the header. */
  profileName: string | null;
  /** A `?profile=` that the office settings do not have (the TV then shows everything). */
  missingProfile: string | null;
}

const list = (v: string | null): string[] | null => {
  const items = (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : null;
};

const flag = (v: string | null): boolean | null => (v == null ? null : v !== '0' && v !== 'false');

const clampRepeat = (n: number) => Math.min(5, Math.max(1, Math.round(n)));

export function parseOptions(search: string): UrlOptions {
  const p = new URLSearchParams(search);
  const counters = list(p.get('counters'))
    ?.map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isFinite(n));
  const repeat = Number.parseInt(p.get('repeat') ?? '', 10);
  return {
    profile: p.get('profile')?.trim().toLowerCase() || null,
    counters: counters?.length ? counters : null,
    services: list(p.get('services'))?.map((s) => s.toUpperCase()) ?? null,
    muted: flag(p.get('mute')),
    repeat: Number.isFinite(repeat) ? clampRepeat(repeat) : null,
    english: flag(p.get('en')),
  };
}

const DEFAULT_SETTINGS: DisplaySettings = { voice: 'clips', repeat: 2, english: false, profiles: [] };

export function effectiveOptions(url: UrlOptions, settings: DisplaySettings | undefined): DisplayOptions {
  const s = settings ?? DEFAULT_SETTINGS;
  const profile = url.profile ? (s.profiles.find((p) => p.key === url.profile) ?? null) : null;
  const nonEmpty = <T>(a: T[] | undefined): T[] | null => (a && a.length ? a : null);
  return {
    counters: url.counters ?? nonEmpty(profile?.counters),
    services: url.services ?? nonEmpty(profile?.services.map((x) => x.toUpperCase())),
    muted: url.muted ?? profile?.muted ?? false,
    repeat: url.repeat ?? clampRepeat(s.repeat),
    english: url.english ?? s.english,
    voice: s.voice,
    profileName: profile?.name ?? null,
    missingProfile: url.profile && !profile ? url.profile : null,
  };
}

/** Same options (by value)? Keeps the TV from re-rendering on every snapshot. */
export const sameOptions = (a: DisplayOptions, b: DisplayOptions) => JSON.stringify(a) === JSON.stringify(b);

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

export function resolveScope(snap: QueueSnapshot, o: Pick<DisplayOptions, 'counters' | 'services'>): DisplayScope {
  const chosen = o.services ? snap.services.filter((s) => serviceMatches(s, o.services as string[])) : null;
  const chosenIds = new Set((chosen ?? []).map((s) => s.id));
  const counters = snap.counters
    .filter((c) => (o.counters ? o.counters.includes(c.number) : !chosen || c.serviceIds.some((id) => chosenIds.has(id))))
    .sort((a, b) => a.number - b.number);
  // A TV for some counters lists the waiting of the fields those counters serve.
  const served = o.counters && counters.length ? snap.services.filter((s) => counters.some((c) => c.serviceIds.includes(s.id))) : null;
  const services = chosen ?? served ?? snap.services;
  return {
    services: [...services].sort((a, b) => a.sortOrder - b.sortOrder),
    counters,
    serviceIds: new Set(services.map((s) => s.id)),
    counterIds: new Set(counters.map((c) => c.id)),
    showsCall: (call) =>
      (!o.counters || o.counters.includes(call.counterNumber)) && (!chosen || chosenIds.has(call.serviceId)),
  };
}
