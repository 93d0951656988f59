import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/database';
import { DOSSIER_CODE_RE } from '../../../shared/dossiers';
import { pad2, zonedParts } from '../../../shared/zonedTime';
import { DomainError } from '../errors';

/** yyMMdd of an instant in the office's time zone: the day part of a dossier code. */
export function codeDay(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${pad2(p.year % 100)}${pad2(p.month)}${pad2(p.day)}`;
}

/** `{agency}-{yyMMdd}-{seq}`: the sequence has at least 4 digits (0361), more beyond 9999 (10000). */
export function formatDossierCode(agencyCode: string, day: string, seq: number): string {
  return `${agencyCode}-${day}-${String(seq).padStart(4, '0')}`;
}

/**
 * The daily sequence of dossier codes per (agency, local day), in `dossier_sequences`. `next`
 * must run inside the transaction that inserts the dossier: the sequence and the dossier are
 * committed together (WAL, synchronous=FULL), so no code is ever given twice, even after a
 * kill -9 or a power cut between two registrations.
 */
export class CodeSequence {
  private readonly bump: Statement;
  private readonly raise: Statement;

  constructor(private readonly db: Db) {
    this.raise = db.prepare(
      `INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
    );
    this.bump = db.prepare(
      `INSERT INTO dossier_sequences (agency_code, day, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    );
  }

  /** The next code for `at` (the office's local day). Call inside a transaction. */
  next(agencyCode: string, at: Date, timeZone: string): string {
    if (!this.db.inTransaction) throw new Error('CodeSequence.next must run inside the registering transaction');
    const agency = agencyCode.trim();
    if (!/^[0-9A-Za-z.]{1,40}$/.test(agency)) {
      throw new DomainError(
        409,
        'agency_code_missing',
        'Đơn vị chưa có mã định danh hợp lệ (dạng 000.00.00.H56): quản trị viên cần nhập trong trang Quản trị → Đơn vị. (The office has no valid agency code.)',
      );
    }
    const day = codeDay(at, timeZone);
    const seq = this.bump.pluck().get(agency, day) as number;
    const code = formatDossierCode(agency, day, seq);
    if (!DOSSIER_CODE_RE.test(code)) throw new Error(`generated dossier code does not match the pattern: ${code}`);
    return code;
  }

  /**
   * Takes `seq` of (agency, yyMMdd) out of `next`'s reach: a code of this office that arrived
   * from elsewhere (the province's system) is never given again at the counter.
   */
  raiseTo(agencyCode: string, day: string, seq: number): void {
    this.raise.run(agencyCode, day, seq);
  }

  /** The last number given for (agency, yyMMdd), 0 when none yet. */
  last(agencyCode: string, day: string): number {
    const v = this.db.prepare('SELECT last_seq FROM dossier_sequences WHERE agency_code = ? AND day = ?').pluck().get(agencyCode, day);
    return typeof v === 'number' ? v : 0;
  }
}
