import { pad2, zonedParts } from '../../shared/zonedTime';

/** "dd/mm/yyyy HH:mm:ss" in the given zone (throws RangeError on an unknown zone or invalid date). */
export function formatTicketTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** "yyyy-mm-dd" in the given zone. */
export function formatDateKey(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}
