/** Wall-clock helpers for the display: the office's time zone, whatever the TV's own setting. */

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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return formatter(DEFAULT_TIME_ZONE);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallTime(now: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = p.value;
  const hh = parts.hour ?? '00';
  const mm = parts.minute ?? '00';
  const ss = parts.second ?? '00';
  const weekday = WEEKDAYS[EN_WEEKDAYS.indexOf(parts.weekday ?? '')] ?? '';
  return {
    hour: Number(hh),
    minute: Number(mm),
    second: Number(ss),
    time: `${hh}:${mm}:${ss}`,
    date: `${weekday}, ${parts.day}/${parts.month}/${parts.year}`,
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
