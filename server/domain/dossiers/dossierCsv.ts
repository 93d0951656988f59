/**
 * The dossier CSV file of the admin's import (docs/api.md, "CSV import"): read into the rows of
 * the sync API, each with its line number, so that the same rules (syncImport.ts) apply.
 *
 * - UTF-8 with or without BOM; comma, semicolon or tab separated (guessed from the header line);
 *   quoted fields may hold separators and line breaks.
 * - The first line names the columns, in Vietnamese (with or without diacritics) or English,
 *   in any order. Unknown columns are refused, so that a typo never drops data silently.
 * - Dates: ISO 8601 with an offset, or the office's local time as `dd/mm/yyyy hh:mm[:ss]` or
 *   `yyyy-mm-dd hh:mm[:ss]`. A due date may be a day alone (`dd/mm/yyyy`): the end of that day.
 * - Channel and status: the code (`truc_tiep`, `processing`) or the label (`Trực tiếp`,
 *   `Đang xử lý`), with or without diacritics.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { CHANNELS, CHANNEL_LABELS, foldVietnamese, type Channel } from '../../../shared/catalogue';
import { DOSSIER_STATUSES, DOSSIER_STATUS_LABELS, type DossierStatus } from '../../../shared/dossiers';
import { DomainError } from '../errors';
import { zonedInstant } from '../time';
import { isInstant, MAX_SYNC_ROWS, tooManyRows } from './syncImport';

type Column =
  | 'code'
  | 'procedureCode'
  | 'procedureName'
  | 'applicantName'
  | 'phone'
  | 'address'
  | 'channel'
  | 'receivedAt'
  | 'dueAt'
  | 'status'
  | 'statusAt'
  | 'note';

/** Each column: the header in the documentation, and every spelling accepted (folded: a-z0-9 only). */
export const CSV_COLUMNS: Record<Column, { header: string; required: boolean; aliases: string[] }> = {
  code: { header: 'Mã hồ sơ', required: true, aliases: ['mahoso', 'sohoso', 'code', 'dossiercode'] },
  procedureCode: { header: 'Mã thủ tục', required: true, aliases: ['mathutuc', 'matthc', 'procedurecode'] },
  procedureName: { header: 'Tên thủ tục', required: false, aliases: ['tenthutuc', 'tentthc', 'procedurename'] },
  applicantName: {
    header: 'Người nộp',
    required: true,
    aliases: ['nguoinop', 'hoten', 'hotennguoinop', 'chuhoso', 'applicant', 'applicantname', 'name'],
  },
  phone: { header: 'Điện thoại', required: false, aliases: ['dienthoai', 'sodienthoai', 'phone'] },
  address: { header: 'Địa chỉ', required: false, aliases: ['diachi', 'address'] },
  channel: { header: 'Kênh', required: true, aliases: ['kenh', 'kenhtiepnhan', 'hinhthuc', 'hinhthucnop', 'channel'] },
  receivedAt: { header: 'Ngày tiếp nhận', required: true, aliases: ['ngaytiepnhan', 'ngaynhan', 'thoigiantiepnhan', 'receivedat'] },
  dueAt: { header: 'Hạn trả', required: false, aliases: ['hantra', 'hantraketqua', 'ngayhentra', 'ngayhentraketqua', 'dueat'] },
  status: { header: 'Trạng thái', required: true, aliases: ['trangthai', 'status'] },
  statusAt: {
    header: 'Ngày trạng thái',
    required: false,
    aliases: ['ngaytrangthai', 'thoidiemtrangthai', 'ngaycapnhat', 'statusat'],
  },
  note: { header: 'Ghi chú', required: false, aliases: ['ghichu', 'note'] },
};

const fold = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]/g, '');

const byAlias = new Map<string, Column>(
  Object.entries(CSV_COLUMNS).flatMap(([col, c]) => c.aliases.map((a) => [a, col as Column] as const)),
);

const channelByText = new Map<string, Channel>(
  CHANNELS.flatMap((c) => [
    [fold(c), c],
    [fold(CHANNEL_LABELS[c].vi), c],
    [fold(CHANNEL_LABELS[c].en), c],
  ]),
);
const statusByText = new Map<string, DossierStatus>(
  DOSSIER_STATUSES.flatMap((s) => [
    [fold(s), s],
    [fold(DOSSIER_STATUS_LABELS[s].vi), s],
    [fold(DOSSIER_STATUS_LABELS[s].en), s],
  ]),
);

const LOCAL_DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const LOCAL_YMD = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A CSV date as an ISO instant, or null when unreadable. Local times are in `timeZone`; a day
 * without a time is accepted only when `endOfDay` (a due date: 23:59:59 that day).
 */
export function csvInstant(value: string, timeZone: string, endOfDay: boolean): string | null {
  if (isInstant(value)) return new Date(value).toISOString();
  let y: number, mo: number, d: number, h: string | undefined, mi: string | undefined, se: string | undefined;
  const dmy = LOCAL_DMY.exec(value);
  const ymd = LOCAL_YMD.exec(value);
  if (dmy) [d, mo, y, h, mi, se] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3]), dmy[4], dmy[5], dmy[6]];
  else if (ymd) [y, mo, d, h, mi, se] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), ymd[4], ymd[5], ymd[6]];
  else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const day = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (h === undefined) return endOfDay ? new Date(zonedInstant(day, 1440, timeZone).getTime() - 1000).toISOString() : null;
  const [hh, mm, ss] = [Number(h), Number(mi), Number(se ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return new Date(zonedInstant(day, hh * 60 + mm, timeZone).getTime() + ss * 1000).toISOString();
}

export interface CsvDossiers {
  /** The rows in the shape of POST /api/sync/dossiers. */
  rows: Record<string, unknown>[];
  /** The line each row starts on (the header is line 1). */
  lines: number[];
  /** Rows already known bad here (index → reason): unreadable dates, channels, statuses, cell counts. */
  problems: Map<number, string>;
}

const badFile = (message: string, english: string, line = 1) =>
  new DomainError(400, 'csv_invalid', `Tệp CSV không đọc được, dòng ${line}: ${message}. (${english})`, [
    { index: -1, line, code: '', reason: `${message} (${english})` },
  ]);

function separatorOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((s) => [s, headerLine.split(s).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** Reads the file; a file that cannot be read as a table at all is one 400 `csv_invalid`. */
export function readDossierCsv(content: string, timeZone: string): CsvDossiers {
  const text = content.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.trim()) throw badFile('thiếu dòng tiêu đề', 'missing header line');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter: separatorOf(firstLine),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw badFile('sai định dạng CSV (dấu ngoặc kép chưa đóng?)', (e as Error).message, line);
  }
  const [head, ...body] = records;
  if (!head) throw badFile('thiếu dòng tiêu đề', 'missing header line');
  if (body.length > MAX_SYNC_ROWS) throw tooManyRows(body.length);

  const columns: (Column | null)[] = head.record.map((h) => byAlias.get(fold(h)) ?? null);
  const unknown = head.record.filter((_, i) => columns[i] === null);
  if (unknown.length) {
    throw badFile(
      `cột không nhận ra: ${unknown.map((u) => `"${u}"`).join(', ')}; các cột dùng được: ${Object.values(CSV_COLUMNS)
        .map((c) => c.header)
        .join(', ')}`,
      'unknown columns; see docs/api.md',
    );
  }
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw badFile(`cột "${CSV_COLUMNS[dup].header}" có hai lần`, 'a column appears twice');
  const missing = (Object.keys(CSV_COLUMNS) as Column[]).filter((c) => CSV_COLUMNS[c].required && !columns.includes(c));
  if (missing.length) {
    throw badFile(`thiếu cột ${missing.map((c) => `"${CSV_COLUMNS[c].header}"`).join(', ')}`, 'required columns missing');
  }

  const out: CsvDossiers = { rows: [], lines: [], problems: new Map() };
  body.forEach(({ record, info }, index) => {
    // info.lines is the record's last line; a quoted cell may span several.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    out.lines.push(line);
    const cell = (c: Column): string | undefined => {
      const i = columns.indexOf(c);
      const v = i >= 0 ? record[i] : undefined;
      return v === undefined || v === '' ? undefined : v;
    };
    const reasons: string[] = [];
    if (record.length !== head.record.length) {
      reasons.push(`Có ${record.length} ô, tiêu đề có ${head.record.length} (${record.length} cells, the header has ${head.record.length})`);
    }
    const date = (c: 'receivedAt' | 'dueAt' | 'statusAt'): string | undefined => {
      const v = cell(c);
      if (v === undefined) return undefined;
      const at = csvInstant(v, timeZone, c === 'dueAt');
      if (!at) {
        reasons.push(
          `${CSV_COLUMNS[c].header} không đọc được: "${v}", cần dd/mm/yyyy hh:mm${c === 'dueAt' ? ' hoặc dd/mm/yyyy' : ''} (unreadable date)`,
        );
      }
      return at ?? undefined;
    };
    const channelText = cell('channel');
    const channel = channelText === undefined ? undefined : channelByText.get(fold(channelText));
    if (channelText !== undefined && !channel) {
      reasons.push(`Kênh không hợp lệ: "${channelText}", cần Trực tiếp, Trực tuyến hoặc Bưu chính (unknown channel)`);
    }
    const statusText = cell('status');
    const status = statusText === undefined ? undefined : statusByText.get(fold(statusText));
    if (statusText !== undefined && !status) reasons.push(`Trạng thái không hợp lệ: "${statusText}" (unknown status)`);
    const phone = cell('phone');
    const address = cell('address');
    const row: Record<string, unknown> = {
      code: cell('code'),
      procedureCode: cell('procedureCode'),
      procedureName: cell('procedureName'),
      applicant: { name: cell('applicantName'), ...(phone !== undefined ? { phone } : {}), ...(address !== undefined ? { address } : {}) },
      channel,
      receivedAt: date('receivedAt'),
      dueAt: date('dueAt'),
      status,
      statusAt: date('statusAt'),
      note: cell('note'),
    };
    for (const k of Object.keys(row)) if (row[k] === undefined) delete row[k];
    out.rows.push(row);
    if (reasons.length) out.problems.set(index, reasons.join('; '));
  });
  return out;
}
