/**
 * Days as Vietnamese offices write them: dd/mm/yyyy, whatever the browser's language (a
 * native date field shows mm/dd/yyyy on an English browser, where 11/12 reads both ways).
 * The API and the database keep yyyy-mm-dd.
 */

/** yyyy-mm-dd → dd/mm/yyyy ('' stays ''). */
export function dayToText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/**
 * dd/mm/yyyy (also d/m/yyyy, and '.' or '-' between) → yyyy-mm-dd, or null when it is not a
 * real calendar date (31/02/2026, 00/01/2026) or the year is not 1900–2999.
 */
export function textToDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
