import type { Report, ReportTable } from '../../server/domain/reports/types';
import { cellText, headerText } from './format';

/** One report table, with its CSV download (UTF-8 with BOM, opens in Excel). */
export function ReportTableView({ table, csvHref, compact }: { table: ReportTable; csvHref?: string; compact?: boolean }) {
  return (
    <div class="report-table" data-testid={`table-${table.key}`}>
      <div class="report-table-head">
        <h3>
          {table.vi} <span class="en">{table.en}</span>
        </h3>
        {csvHref && (
          <a class="btn btn-small no-print" href={csvHref} download data-testid={`csv-${table.key}`}>
            Tải CSV <span class="en">CSV</span>
          </a>
        )}
      </div>
      <div class="report-scroll">
        <table class={compact ? 'rows report-rows compact' : 'rows report-rows'}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} class={c.kind === 'text' ? '' : 'num'} title={c.en}>
                  {headerText(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={table.columns.length} class="muted">
                  Không có số liệu trong khoảng thời gian này. <span class="en">No figures in this range.</span>
                </td>
              </tr>
            )}
            {table.rows.map((r, i) => (
              <tr key={i} class={r[0] === 'Tổng cộng' ? 'total' : ''}>
                {table.columns.map((c, j) => (
                  <td key={c.key} class={c.kind === 'text' ? '' : 'num'}>
                    {cellText(c, r[j] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const tableOf = (r: Report, key: string): ReportTable | undefined => r.tables.find((t) => t.key === key);

/** The rows of a table without its "Tổng cộng" line, and a column's values. */
export function columnOf(t: ReportTable | undefined, key: string, opts: { withTotal?: boolean } = {}): (number | null)[] {
  if (!t) return [];
  const i = t.columns.findIndex((c) => c.key === key);
  return t.rows.filter((r) => opts.withTotal || r[0] !== 'Tổng cộng').map((r) => (typeof r[i] === 'number' ? (r[i] as number) : null));
}

export function labelsOf(t: ReportTable | undefined): string[] {
  return t ? t.rows.filter((r) => r[0] !== 'Tổng cộng').map((r) => String(r[0])) : [];
}
