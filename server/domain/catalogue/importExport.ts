/**
 * Import and export of the catalogue, as JSON (an array of procedures, or { procedures: [...] })
 * or CSV (one row per procedure; documents and channels in a sub-format inside one cell). Every
 * row is validated before anything is saved: one bad row refuses the whole file (400
 * import_invalid with each problem's line), and a good file is saved in one transaction.
 * The columns and the sub-formats are described in docs/catalogue.md.
 */
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import {
  CHANNEL_LABELS,
  CHANNELS,
  DOCUMENT_FORM_LABELS,
  DOCUMENT_FORMS,
  foldVietnamese,
  type ImportProblem,
  type ProcedureChannel,
  type ProcedureDocument,
  type ProcedureImportResult,
  type ProcedureRecord,
  type ProcessingTime,
} from '../../../shared/catalogue';
import { DomainError } from '../errors';
import { issuesText, procedureInput, type ProcedureInput } from './schema';
import type { ProcedureData, ProcedureRepo } from './procedureRepo';

export type ImportFormat = 'json' | 'csv';

/** The CSV columns, in the order an export writes them. */
export const CSV_COLUMNS = [
  'code',
  'name',
  'field',
  'fieldName',
  'level',
  'channels',
  'documents',
  'sets',
  'applicants',
  'result',
  'legalBasis',
  'active',
  'sortOrder',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Vietnamese headings an office's own spreadsheet may use instead (compared folded). */
const HEADER_ALIASES: Record<Column, string[]> = {
  code: ['ma', 'ma thu tuc', 'ma tthc'],
  name: ['ten', 'ten thu tuc', 'ten tthc'],
  field: ['linh vuc cua don vi', 'quay', 'nhom'],
  fieldName: ['linh vuc', 'field name'],
  level: ['muc do', 'dich vu cong'],
  channels: ['cach thuc', 'cach thuc thuc hien'],
  documents: ['thanh phan ho so', 'giay to'],
  sets: ['so bo', 'so bo ho so'],
  applicants: ['doi tuong', 'doi tuong thuc hien'],
  result: ['ket qua', 'ket qua thuc hien'],
  legalBasis: ['can cu phap ly', 'can cu'],
  active: ['dang ap dung', 'hieu luc'],
  sortOrder: ['thu tu', 'stt'],
};

const MAX_PROBLEMS = 500;

interface RawRow {
  line: number;
  value: unknown;
  /** A problem found before validation (a CSV cell that does not parse). */
  problems: string[];
}

/** Reads a file into rows, validates every row and resolves its field; throws import_invalid listing every bad row. */
export function readImport(format: ImportFormat, content: string, repo: ProcedureRepo): ProcedureData[] {
  const rows = format === 'json' ? jsonRows(content) : csvRows(content);
  const problems: ImportProblem[] = [];
  const out: ProcedureData[] = [];
  const seen = new Map<string, number>();
  const services = repo.services();
  for (const row of rows) {
    const codeOf = (v: unknown) => {
      const c = (v as { code?: unknown } | null)?.code;
      return typeof c === 'string' && c.trim() ? c.trim() : undefined;
    };
    const code = codeOf(row.value);
    const fail = (reason: string) => problems.push({ line: row.line, ...(code ? { code } : {}), reason });
    if (row.problems.length > 0) {
      fail(row.problems.join('; '));
      continue;
    }
    const r = procedureInput.safeParse(row.value);
    if (!r.success) {
      fail(issuesText(r.error));
      continue;
    }
    const first = seen.get(r.data.code);
    if (first !== undefined) {
      fail(`mã ${r.data.code} trùng với dòng ${first} (duplicate code, first at line ${first})`);
      continue;
    }
    seen.set(r.data.code, row.line);
    const field = resolveField(r.data, services);
    if (typeof field === 'string') {
      fail(field);
      continue;
    }
    out.push(toData(r.data, field.serviceId));
  }
  if (rows.length === 0) problems.push({ line: 0, reason: 'Tệp không có thủ tục nào. (The file holds no procedure.)' });
  if (problems.length > 0) throw importInvalid(problems);
  return out;
}

/** Validates and saves a file: all rows or none. */
export function importProcedures(repo: ProcedureRepo, format: ImportFormat, content: string, dryRun = false): ProcedureImportResult {
  return repo.saveMany(readImport(format, content, repo), dryRun);
}

export function importInvalid(problems: ImportProblem[]): DomainError {
  const n = problems.length;
  const shown = problems.slice(0, MAX_PROBLEMS);
  const first = shown[0];
  return new DomainError(
    400,
    'import_invalid',
    `Tệp có ${n} dòng không hợp lệ, chưa nhập thủ tục nào${first ? ` (dòng ${first.line}: ${first.reason})` : ''}. ` +
      `(${n} invalid row${n === 1 ? '' : 's'}; nothing was imported.)`,
    shown,
  );
}

/** The office field of a row: `serviceId` or `field` (code or name of one of this office's fields). */
export function resolveField(
  p: Pick<ProcedureInput, 'serviceId' | 'field'>,
  services: { id: number; code: string; name: string }[],
): { serviceId: number | null } | string {
  let byField: number | null | undefined;
  if (p.field !== undefined && p.field !== '') {
    const f = foldVietnamese(p.field);
    const s = services.find((x) => foldVietnamese(x.code) === f) ?? services.find((x) => foldVietnamese(x.name) === f);
    if (!s) return `không có lĩnh vực "${p.field}" trong đơn vị (no office field "${p.field}")`;
    byField = s.id;
  } else if (p.field === '') {
    byField = null;
  }
  if (p.serviceId != null && !services.some((s) => s.id === p.serviceId)) {
    return `không có lĩnh vực số ${p.serviceId} (no office field ${p.serviceId})`;
  }
  if (byField !== undefined && p.serviceId !== undefined && byField !== p.serviceId) {
    return `field và serviceId chỉ hai lĩnh vực khác nhau (field and serviceId disagree)`;
  }
  return { serviceId: byField !== undefined ? byField : (p.serviceId ?? null) };
}

export function toData(p: ProcedureInput, serviceId: number | null): ProcedureData {
  return {
    code: p.code,
    name: p.name,
    serviceId,
    fieldName: p.fieldName,
    level: p.level,
    channels: p.channels,
    documents: p.documents,
    sets: p.sets,
    applicants: p.applicants,
    result: p.result,
    legalBasis: p.legalBasis,
    active: p.active,
    sortOrder: p.sortOrder,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON

function jsonRows(content: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw importInvalid([
      { line: 0, reason: `tệp JSON không đọc được: ${e instanceof Error ? e.message : String(e)} (not valid JSON)` },
    ]);
  }
  const list = Array.isArray(data) ? data : (data as { procedures?: unknown } | null)?.procedures;
  if (!Array.isArray(list)) {
    throw importInvalid([
      { line: 0, reason: 'tệp JSON phải là một mảng thủ tục hoặc { "procedures": [...] } (expected an array or { procedures: [...] })' },
    ]);
  }
  return list.map((value, i) => ({ line: i + 1, value, problems: [] }));
}

// ---------------------------------------------------------------------------------------------
// CSV

function csvRows(content: string): RawRow[] {
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parseCsv(content, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = e instanceof CsvError ? Number((e as CsvError & { lines?: number }).lines ?? 0) : 0;
    throw importInvalid([{ line, reason: `tệp CSV không đọc được: ${e instanceof Error ? e.message : String(e)} (CSV syntax error)` }]);
  }
  const [head, ...body] = records;
  if (!head) return [];
  const columns = head.record.map(headerColumn);
  const unknown = head.record.filter((_h, i) => columns[i] === null);
  const problems: ImportProblem[] = [];
  if (unknown.length > 0) {
    problems.push({ line: startLine(head), reason: `cột không biết: ${unknown.join(', ')} (unknown columns); các cột: ${CSV_COLUMNS.join(', ')}` });
  }
  for (const need of ['code', 'name'] as const) {
    if (!columns.includes(need)) problems.push({ line: startLine(head), reason: `thiếu cột ${need} (missing column ${need})` });
  }
  if (problems.length > 0) throw importInvalid(problems);
  return body.map((rec) => {
    const line = startLine(rec);
    const cells: Partial<Record<Column, string>> = {};
    columns.forEach((c, i) => {
      if (c) cells[c] = rec.record[i] ?? '';
    });
    const rowProblems: string[] = [];
    if (rec.record.length > columns.length && rec.record.slice(columns.length).some((x) => x.trim() !== '')) {
      rowProblems.push(`dòng có ${rec.record.length} ô, tiêu đề có ${columns.length} cột (more cells than columns)`);
    }
    return { line, value: csvRecord(cells, rowProblems), problems: rowProblems };
  });
}

/** The line of the file where a record starts (a quoted cell may span lines). */
function startLine(rec: { info: { lines: number }; raw: string }): number {
  const inner = rec.raw.replace(/\r?\n$/, '');
  return rec.info.lines - (inner.match(/\n/g)?.length ?? 0);
}

function headerColumn(h: string): Column | null {
  const key = h.trim();
  const exact = CSV_COLUMNS.find((c) => c.toLowerCase() === key.toLowerCase());
  if (exact) return exact;
  const f = foldVietnamese(key);
  return (Object.keys(HEADER_ALIASES) as Column[]).find((c) => HEADER_ALIASES[c].includes(f)) ?? null;
}

/** One CSV row as the object the JSON import would hold; cells that do not parse add to `problems`. */
function csvRecord(cells: Partial<Record<Column, string>>, problems: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { code: cells.code ?? '', name: cells.name ?? '' };
  if (cells.field !== undefined) out.field = cells.field.trim();
  for (const c of ['fieldName', 'applicants', 'result', 'legalBasis'] as const) if (cells[c] !== undefined) out[c] = cells[c];
  if (cells.level !== undefined) out.level = levelCell(cells.level);
  if (cells.channels !== undefined) out.channels = channelsCell(cells.channels, problems);
  if (cells.documents !== undefined) out.documents = documentsCell(cells.documents, problems);
  for (const c of ['sets', 'sortOrder'] as const) {
    const v = cells[c]?.trim();
    if (v) {
      if (!/^-?\d+$/.test(v)) problems.push(`${c}: "${v}" không phải số nguyên (not a whole number)`);
      else out[c] = Number(v);
    }
  }
  const active = cells.active?.trim();
  if (active) {
    const f = foldVietnamese(active);
    if (['1', 'true', 'co', 'x', 'yes'].includes(f)) out.active = true;
    else if (['0', 'false', 'khong', 'no'].includes(f)) out.active = false;
    else problems.push(`active: "${active}" – ghi 1 hoặc 0 (write 1 or 0)`);
  }
  return out;
}

function levelCell(v: string): string {
  const f = foldVietnamese(v).replace(/[\s-]+/g, '_');
  return f === 'toan_trinh' || f === 'mot_phan' || f === '' ? f : v.trim();
}

/** Splits on `sep` not preceded by a backslash, and unescapes \; \| \\ in the parts. */
export function splitEscaped(s: string, sep: ';' | '|'): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\' && i + 1 < s.length) {
      cur += s[i + 1];
      i++;
    } else if (ch === sep) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

const escapeCell = (s: string) => s.replace(/[\\|;]/g, (c) => `\\${c}`);

/** Keeps the separators of a part escaped so that the item-level split leaves them for the part-level split. */
function splitItems(s: string): string[] {
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + (s[i + 1] as string);
      i++;
    } else if (ch === ';') {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  items.push(cur);
  return items.map((x) => x.trim()).filter(Boolean);
}

const channelKey = (v: string) => {
  const f = foldVietnamese(v).replace(/[\s-]+/g, '_');
  return CHANNELS.find((c) => c === f || foldVietnamese(CHANNEL_LABELS[c].vi).replace(/\s+/g, '_') === f);
};

const formKey = (v: string) => {
  const f = foldVietnamese(v).replace(/[\s-]+/g, '_');
  return DOCUMENT_FORMS.find((d) => d === f || foldVietnamese(DOCUMENT_FORM_LABELS[d].vi).replace(/\s+/g, '_') === f);
};

/** `working_days:3`, `working_hours:8`, `same_day`; also "3 ngày làm việc", "8 giờ làm việc", "trong ngày". */
export function parseTime(v: string): ProcessingTime | null {
  const t = v.trim();
  const f = foldVietnamese(t);
  if (f === 'same_day' || f === 'trong ngay') return { unit: 'same_day' };
  let m = /^(working_days|working_hours):(\d+)$/.exec(f);
  if (m) return { unit: m[1] as 'working_days' | 'working_hours', value: Number(m[2]) };
  m = /^(\d+) (ngay|gio) lam viec$/.exec(f);
  if (m) return { unit: m[2] === 'ngay' ? 'working_days' : 'working_hours', value: Number(m[1]) };
  return null;
}

export function formatTime(t: ProcessingTime): string {
  return t.unit === 'same_day' ? 'same_day' : `${t.unit}:${t.value}`;
}

function channelsCell(cell: string, problems: string[]): unknown[] {
  return splitItems(cell).map((item, i) => {
    const [ch = '', time = '', ...fee] = splitEscaped(item, '|');
    const channel = channelKey(ch);
    const parsed = parseTime(time);
    if (!channel) problems.push(`channels ${i + 1}: cách thức "${ch.trim()}" không biết, dùng ${CHANNELS.join(', ')} (unknown channel)`);
    if (!parsed) {
      problems.push(`channels ${i + 1}: thời hạn "${time.trim()}" không hiểu, dùng working_days:N, working_hours:N hoặc same_day (unknown time)`);
    }
    return { channel: channel ?? ch.trim(), time: parsed ?? { unit: time.trim() }, fee: fee.join('|').trim() };
  });
}

function documentsCell(cell: string, problems: string[]): unknown[] {
  return splitItems(cell).map((item, i) => {
    const [name = '', form, copies, ...rest] = splitEscaped(item, '|');
    if (rest.length > 0) problems.push(`documents ${i + 1}: quá nhiều phần, dạng tên|hình thức|số bản (name|form|copies)`);
    const doc: Record<string, unknown> = { name: name.trim() };
    if (form !== undefined && form.trim() !== '') {
      const k = formKey(form);
      if (!k) problems.push(`documents ${i + 1}: hình thức "${form.trim()}" không biết, dùng ${DOCUMENT_FORMS.join(', ')} (unknown form)`);
      doc.form = k ?? form.trim();
    }
    if (copies !== undefined && copies.trim() !== '') {
      if (!/^\d+$/.test(copies.trim())) problems.push(`documents ${i + 1}: số bản "${copies.trim()}" không phải số (copies not a number)`);
      doc.copies = Number(copies.trim());
    }
    return doc;
  });
}

// ---------------------------------------------------------------------------------------------
// Export

/** A procedure as an export writes it: the field as this office's field code. */
export function exportRecord(p: ProcedureRecord, serviceCodes: Map<number, string>) {
  return {
    code: p.code,
    name: p.name,
    field: p.serviceId === null ? '' : (serviceCodes.get(p.serviceId) ?? ''),
    fieldName: p.fieldName,
    level: p.level,
    channels: p.channels.map((c): ProcedureChannel => ({ channel: c.channel, time: c.time, fee: c.fee })),
    documents: p.documents.map((d): ProcedureDocument => ({ name: d.name, form: d.form, copies: d.copies })),
    sets: p.sets,
    applicants: p.applicants,
    result: p.result,
    legalBasis: p.legalBasis,
    active: p.active,
    sortOrder: p.sortOrder,
  };
}

export function exportProcedures(repo: ProcedureRepo, format: ImportFormat): string {
  const codes = new Map(repo.services().map((s) => [s.id, s.code]));
  const records = repo.all().map((p) => exportRecord(p, codes));
  if (format === 'json') return `${JSON.stringify({ procedures: records }, null, 2)}\n`;
  const rows = records.map((r) => ({
    ...r,
    channels: r.channels.map((c) => [c.channel, formatTime(c.time), escapeCell(c.fee)].join('|')).join('; '),
    documents: r.documents.map((d) => [escapeCell(d.name), d.form, String(d.copies)].join('|')).join('; '),
    active: r.active ? '1' : '0',
    sets: String(r.sets),
    sortOrder: String(r.sortOrder),
  }));
  return `\uFEFF${stringifyCsv(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' })}`;
}
