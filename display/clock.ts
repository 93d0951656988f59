/** Wall-clock helpers for the display: the office's time zone, whatever the TV's own setting. */

import { pad2, zonedParts, type ZonedParts } from '../shared/zonedTime';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export interface WallTime {
  hour: number;
  minute: number;
  second: number;
  /** "08:05:09" */
  time: string;
  /** "Thứ Hai, 12/05/2025" */
  date: string;
}

/** The wall time in the office's zone; an unknown zone falls back to Hồ Chí Minh City's. */
export function wallTime(now: Date, timeZone: string): WallTime {
  let p: ZonedParts;
  try {
    p = zonedParts(now, timeZone);
  } catch {
    p = zonedParts(now, DEFAULT_TIME_ZONE);
  }
  const time = `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
  return {
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    time,
    date: `${WEEKDAYS[p.weekday] ?? ''}, ${pad2(p.day)}/${pad2(p.month)}/${p.year}`,
  };
}

/**
 * Belt and braces for a display left on for weeks: reload the page once a day during the
 * 03:00 hour (office time), but only after it has been up for a few hours and only when the
 * server answers, so a reload never leaves a blank screen.
 */
export class DailyReload {
  private readonly startedAt = Date.now();
  private checking = false;

  constructor(
    private readonly reload: () => void = () => location.reload(),
    private readonly minUptimeMs = 3 * 3600_000,
  ) {}

  /** Called every second by the clock. */
  tick(t: WallTime): void {
    if (t.hour !== 3 || t.second !== 0 || this.checking) return;
    if (Date.now() - this.startedAt < this.minUptimeMs) return;
    this.checking = true;
    fetch('/display/', { method: 'HEAD', cache: 'no-store' })
      .then((res) => {
        if (res.ok) this.reload();
      })
      .catch(() => undefined)
      .finally(() => {
        this.checking = false;
      });
  }
}
