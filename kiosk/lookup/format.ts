/**
 * Formatting of dossier dates and codes for the kiosk and the phone pages: dates in the
 * office's time zone as Vietnamese write them (dd/mm/yyyy hh:mm), timeliness in words.
 */
import { TIMELINESS_LABELS, type PublicDossierStatus, type Timeliness } from '../../shared/dossiers';
import { pad2, zonedParts } from '../../shared/zonedTime';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** "27/10/2023 14:30" in the office's time zone; '' for a missing or invalid date. */
export function formatDateTime(iso: string | null, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  let p;
  try {
    p = zonedParts(at, timeZone);
  } catch {
    p = zonedParts(at, DEFAULT_TIME_ZONE);
  }
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Late or not, for a badge: the words and a tone (good, bad, none). */
export function timelinessBadge(t: Timeliness): { vi: string; en: string; tone: 'good' | 'bad' | 'none' } {
  const label = TIMELINESS_LABELS[t];
  const tone = t === 'overdue' || t === 'overdue_open' ? 'bad' : t === 'none' ? 'none' : 'good';
  return { ...label, tone };
}

/** The status's colour group: waiting on the office, waiting on the citizen, ready, closed. */
export function statusTone(d: PublicDossierStatus): 'progress' | 'action' | 'ready' | 'closed' {
  switch (d.status) {
    case 'supplement_requested':
    case 'payment_requested':
      return 'action';
    case 'resolved':
      return 'ready';
    case 'returned':
    case 'rejected':
    case 'withdrawn':
    case 'stopped':
      return 'closed';
    default:
      return 'progress';
  }
}

/**
 * What was typed or scanned, as the path segment of /api/dossier-status/: the code of a slip's
 * QR link (<base>/h/<code>) or the text itself, trimmed. Empty when nothing usable.
 */
export function dossierCodeFromInput(input: string): string {
  const text = input.trim();
  const m = /\/h\/([^/?#\s]+)/.exec(text);
  if (!m?.[1]) return text;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
