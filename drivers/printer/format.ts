export interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Calendar fields of `date` in `timeZone` (throws RangeError on an unknown zone or invalid date). */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid ticket date');
  const out: ZonedParts = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type in out) out[part.type as keyof ZonedParts] = part.value;
  }
  return out;
}

/** "dd/mm/yyyy HH:mm:ss" in the given zone. */
export function formatTicketTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** "yyyy-mm-dd" in the given zone. */
export function formatDateKey(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
