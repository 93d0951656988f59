import { DOSSIER_STATUS_LABELS, timeliness, type DossierStatus, type PublicDossierStatus } from '../../../shared/dossiers';
import { pad2, zonedParts } from '../../../shared/zonedTime';

/** The columns of a dossier that anyone may see (no name, phone, address or ID number). */
export interface PublicDossierFields {
  code: string;
  procedureName: string;
  status: DossierStatus;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  collectAt: string;
}

/** A dossier's public status, its timeliness judged at `now` by local days in `timeZone`. */
export function publicStatus(r: PublicDossierFields, timeZone: string, now: Date): PublicDossierStatus {
  const dayOf = (iso: string) => {
    const p = zonedParts(new Date(iso), timeZone);
    return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  };
  return {
    code: r.code,
    procedureName: r.procedureName,
    status: r.status,
    statusLabel: DOSSIER_STATUS_LABELS[r.status].vi,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    resolvedAt: r.resolvedAt,
    returnedAt: r.returnedAt,
    timeliness: timeliness(r, now, dayOf),
    collectAt: r.collectAt,
  };
}
