/**
 * Report tables as files: CSV (UTF-8 with a byte-order mark, so Excel reads the diacritics)
 * and XLSX (one sheet per table). Durations are written in minutes with one decimal, shares
 * as percentages with one decimal.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell, Report, ReportColumn, ReportTable } from './types';

const BOM = '\uFEFF';

/** A cell as written to a file: seconds → minutes, share → percent, both to one decimal. */
export function exportValue(c: ReportColumn, v: Cell): string | number | null {
  if (v === null) return null;
  if (typeof v === 'number' && c.kind === 'seconds') return Math.round((v / 60) * 10) / 10;
  if (typeof v === 'number' && c.kind === 'share') return Math.round(v * 1000) / 10;
  return v;
}

export function columnHeader(c: ReportColumn): string {
  const unit = c.kind === 'seconds' ? ' (phút)' : c.kind === 'share' ? ' (%)' : '';
  return `${c.vi}${unit}`;
}

export function tableCsv(table: ReportTable): string {
  return (
    BOM +
    stringify([table.columns.map(columnHeader), ...table.rows.map((r) => table.columns.map((c, i) => exportValue(c, r[i] ?? null)))], {
      record_delimiter: '\r\n',
    })
  );
}

/** A sheet title: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (t: ReportTable, used: Set<string>) => {
  let name = t.vi.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim();
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 27)} (${i})`;
  used.add(name);
  return name;
};

export async function reportXlsx(report: Report, heading: { officeName: string; period: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Quầy Số';
  wb.created = new Date(report.generatedAt);
  const used = new Set<string>();
  for (const t of report.tables) {
    const ws = wb.addWorksheet(sheetName(t, used));
    ws.addRow([heading.officeName]).font = { bold: true };
    ws.addRow([`${report.vi.toUpperCase()} – ${t.vi}`]).font = { bold: true };
    ws.addRow([heading.period]);
    ws.addRow([]);
    const head = ws.addRow(t.columns.map(columnHeader));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle' };
    for (const r of t.rows) ws.addRow(t.columns.map((c, i) => exportValue(c, r[i] ?? null)));
    t.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.kind === 'text' ? 34 : 14;
      if (c.kind === 'seconds' || c.kind === 'share') ws.getColumn(i + 1).numFmt = '0.0';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
