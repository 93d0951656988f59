import { useMemo, useState } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import type { OfficerInfo } from '../../shared/contract';
import type { GroupBy, Report, ReportKind, ReportMeta } from '../../server/domain/reports/types';
import { DEFAULT_LEVEL_LABELS, RATING_LEVELS } from '../../shared/ratings';
import { useLoad } from '../hooks';
import { Bi, DateRangeFields, Loading, SectionHead } from '../form';
import { ChartBox, barChart, doughnutChart, lineChart } from './charts';
import { ReportTableView, columnOf, labelsOf, tableOf } from './ReportTableView';
import { PrintView } from './PrintView';
import { DemoBanner } from './DashboardSection';
import './reports.css';

export interface Filter {
  from: string;
  to: string;
  groupBy: GroupBy;
  serviceId: string;
  counterId: string;
  officerId: string;
}

const KINDS: { id: ReportKind | 'print'; vi: string; en: string }[] = [
  { id: 'tickets', vi: 'Lượt phục vụ', en: 'Tickets' },
  { id: 'times', vi: 'Thời gian chờ', en: 'Times' },
  { id: 'satisfaction', vi: 'Hài lòng', en: 'Satisfaction' },
  { id: 'dossiers', vi: 'Hồ sơ', en: 'Dossiers' },
  { id: 'print', vi: 'Báo cáo quý (in)', en: 'Quarterly (print)' },
];

const GROUPS: { id: GroupBy; vi: string }[] = [
  { id: 'day', vi: 'Ngày' },
  { id: 'week', vi: 'Tuần' },
  { id: 'month', vi: 'Tháng' },
  { id: 'quarter', vi: 'Quý' },
  { id: 'year', vi: 'Năm' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Quick ranges from today's service day. */
function presets(today: string): { id: string; vi: string; from: string; to: string; groupBy: GroupBy }[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.floor((m - 1) / 3) + 1;
  const quarter = (yy: number, qq: number) => ({ from: `${yy}-${pad(qq * 3 - 2)}-01`, to: `${yy}-${pad(qq * 3)}-${lastDayOf(yy, qq * 3)}` });
  const prevQ = q === 1 ? { y: y - 1, q: 4 } : { y, q: q - 1 };
  return [
    { id: 'month', vi: 'Tháng này', from: `${y}-${pad(m)}-01`, to: today, groupBy: 'day' },
    { id: 'quarter', vi: 'Quý này', ...quarter(y, q), groupBy: 'month' },
    { id: 'prev-quarter', vi: 'Quý trước', ...quarter(prevQ.y, prevQ.q), groupBy: 'month' },
    { id: 'year', vi: 'Năm nay', from: `${y}-01-01`, to: `${y}-12-31`, groupBy: 'month' },
    { id: 'last-12', vi: '12 tháng qua', from: `${y - 1}-${pad(m)}-01`, to: today, groupBy: 'month' },
  ];
}

export const queryString = (f: Filter, extra: Record<string, string> = {}) => {
  const p = new URLSearchParams({ from: f.from, to: f.to, groupBy: f.groupBy, ...extra });
  for (const k of ['serviceId', 'counterId', 'officerId'] as const) if (f[k]) p.set(k, f[k]);
  return p.toString();
};

/** Báo cáo: any range of days, grouped and filtered; tables, charts, CSV/XLSX, the quarterly print. */
export function ReportsSection(_props: { officer: OfficerInfo }) {
  const meta = useLoad<ReportMeta>('/api/reports/meta');
  if (!meta.data) return <Loading error={meta.error} onRetry={() => void meta.reload()} />;
  return <Reports meta={meta.data} />;
}

function Reports({ meta }: { meta: ReportMeta }) {
  const start = presets(meta.today)[1]!;
  const [filter, setFilter] = useState<Filter>({ from: start.from, to: start.to, groupBy: start.groupBy, serviceId: '', counterId: '', officerId: '' });
  const [kind, setKind] = useState<ReportKind | 'print'>('tickets');
  return (
    <section class="reports">
      <SectionHead title="Báo cáo" en="Reports">
        Số liệu theo khoảng ngày bất kỳ (ngày phục vụ, giờ Việt Nam), gộp theo ngày, tuần, tháng, quý hoặc năm; lọc theo lĩnh vực,
        quầy, cán bộ. Mỗi bảng tải được dạng CSV; cả báo cáo tải dạng Excel. Trung vị và “90% lượt ≤” tính theo thứ hạng gần nhất.
      </SectionHead>
      <DemoBanner demo={meta.demo} />
      <nav class="report-tabs no-print" aria-label="Loại báo cáo">
        {KINDS.map((k) => (
          <button key={k.id} type="button" class={k.id === kind ? 'tab active' : 'tab'} aria-pressed={k.id === kind} data-testid={`report-kind-${k.id}`} onClick={() => setKind(k.id)}>
            {k.vi} <span class="en">{k.en}</span>
          </button>
        ))}
      </nav>
      {kind === 'print' ? (
        <PrintView meta={meta} />
      ) : (
        <>
          <FilterForm meta={meta} initial={filter} onApply={setFilter} />
          <ReportView kind={kind} filter={filter} />
        </>
      )}
    </section>
  );
}

function FilterForm({ meta, initial, onApply }: { meta: ReportMeta; initial: Filter; onApply: (f: Filter) => void }) {
  const [f, setF] = useState(initial);
  const set = (patch: Partial<Filter>) => setF({ ...f, ...patch });
  const select = (name: 'serviceId' | 'counterId' | 'officerId', vi: string, en: string, options: { id: number; name: string }[]) => (
    <label class="field">
      <span>
        <Bi vi={vi} en={en} />
      </span>
      <select name={name} value={f[name]} onChange={(e) => set({ [name]: e.currentTarget.value })}>
        <option value="">Tất cả</option>
        {options.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      class="report-filter panel no-print"
      data-testid="report-filter"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <div class="report-presets">
        {presets(meta.today).map((p) => (
          <button
            key={p.id}
            type="button"
            class="btn btn-small"
            data-testid={`preset-${p.id}`}
            onClick={() => {
              const next = { ...f, from: p.from, to: p.to, groupBy: p.groupBy };
              setF(next);
              onApply(next);
            }}
          >
            {p.vi}
          </button>
        ))}
      </div>
      <DateRangeFields required from={f.from} to={f.to} onChange={set} />
      <label class="field">
        <span>
          <Bi vi="Gộp theo" en="Group by" />
        </span>
        <select name="groupBy" value={f.groupBy} onChange={(e) => set({ groupBy: e.currentTarget.value as GroupBy })}>
          {GROUPS.map((g) => (
            <option key={g.id} value={g.id}>
              {g.vi}
            </option>
          ))}
        </select>
      </label>
      {select('serviceId', 'Lĩnh vực', 'Field', meta.services)}
      {select('counterId', 'Quầy', 'Counter', meta.counters)}
      {select('officerId', 'Cán bộ', 'Officer', meta.officers)}
      <button type="submit" class="btn btn-primary" data-testid="report-apply">
        Xem <span class="en">Show</span>
      </button>
    </form>
  );
}

function ReportView({ kind, filter }: { kind: ReportKind; filter: Filter }) {
  const qs = queryString(filter);
  const report = useLoad<Report>(`/api/reports/${kind}?${qs}`);
  const charts = useMemo(() => (report.data ? chartsOf(report.data) : []), [report.data]);
  if (!report.data) return <Loading error={report.error} onRetry={() => void report.reload()} />;
  const r = report.data;
  return (
    <div class="report" data-testid={`report-${kind}`}>
      {report.error && (
        <p class="status status-error" role="alert">
          {report.error}
        </p>
      )}
      <div class="report-actions no-print">
        <a class="btn" href={`/api/reports/${kind}?${queryString(filter, { format: 'xlsx' })}`} download data-testid="xlsx">
          Tải Excel (XLSX) <span class="en">Download XLSX</span>
        </a>
        <button type="button" class="btn" onClick={() => window.print()}>
          In <span class="en">Print</span>
        </button>
      </div>
      <div class="chart-grid">
        {charts.map((c) => (
          <ChartBox key={c.label} config={c.config} label={c.label} testId="report-chart" />
        ))}
      </div>
      {r.tables.map((t) => (
        <ReportTableView key={t.key} table={t} csvHref={`/api/reports/${kind}?${queryString(filter, { format: 'csv', table: t.key })}`} />
      ))}
    </div>
  );
}

const toMinutes = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : Math.round((x / 60) * 10) / 10));
const toPercent = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : Math.round(x * 1000) / 10));

/** The charts of a report, drawn from its tables. */
export function chartsOf(r: Report): { label: string; config: ChartConfiguration }[] {
  switch (r.kind) {
    case 'tickets': {
      const per = tableOf(r, 'tickets_by_period');
      const hours = tableOf(r, 'tickets_by_hour');
      const fields = tableOf(r, 'tickets_by_field');
      return [
        { label: 'Lấy số và đã phục vụ theo kỳ', config: barChart(labelsOf(per), [{ label: 'Lấy số', data: columnOf(per, 'issued') }, { label: 'Đã phục vụ', data: columnOf(per, 'served') }, { label: 'Vắng mặt', data: columnOf(per, 'noShow') }]) },
        { label: 'Lấy số theo giờ trong ngày', config: barChart(labelsOf(hours).map((h) => h.slice(0, 2) + 'h'), [{ label: 'Lấy số', data: columnOf(hours, 'issued') }]) },
        { label: 'Lượt lấy số theo lĩnh vực', config: doughnutChart(labelsOf(fields), columnOf(fields, 'issued').map((x) => x ?? 0)) },
      ];
    }
    case 'times': {
      const per = tableOf(r, 'times_by_period');
      const fields = tableOf(r, 'times_by_field');
      return [
        { label: 'Thời gian chờ theo kỳ (phút)', config: barChart(labelsOf(per), [{ label: 'Trung vị', data: toMinutes(columnOf(per, 'waitMedian')) }, { label: '90% lượt ≤', data: toMinutes(columnOf(per, 'waitP90')) }], { unit: 'phút' }) },
        { label: 'Thời gian trung bình theo lĩnh vực (phút)', config: barChart(labelsOf(fields), [{ label: 'Chờ', data: toMinutes(columnOf(fields, 'waitMean')) }, { label: 'Phục vụ', data: toMinutes(columnOf(fields, 'serviceMean')) }], { horizontal: true, unit: 'phút' }) },
      ];
    }
    case 'satisfaction': {
      const levels = tableOf(r, 'satisfaction_levels');
      const per = tableOf(r, 'satisfaction_by_period');
      const officers = tableOf(r, 'satisfaction_by_officer');
      const levelRows = (levels?.rows ?? []).filter((row) => RATING_LEVELS.some((l) => DEFAULT_LEVEL_LABELS[l].vi === row[0]));
      const colors = levelRows.map((row) => RATING_LEVELS.map((l) => DEFAULT_LEVEL_LABELS[l]).find((l) => l.vi === row[0])!.color);
      return [
        { label: 'Số lượt theo mức đánh giá', config: doughnutChart(levelRows.map((row) => String(row[0])), levelRows.map((row) => Number(row[1])), colors) },
        { label: 'Tỉ lệ hài lòng theo kỳ (%)', config: lineChart(labelsOf(per), [{ label: 'Tỉ lệ hài lòng', data: toPercent(columnOf(per, 'satisfiedShare')) }], '%', 100) },
        { label: 'Tỉ lệ hài lòng theo cán bộ (%)', config: barChart(labelsOf(officers), [{ label: 'Tỉ lệ hài lòng', data: toPercent(columnOf(officers, 'satisfiedShare')) }], { horizontal: true, unit: '%' }) },
      ];
    }
    case 'dossiers': {
      const per = tableOf(r, 'dossiers_by_period');
      const total = per?.rows.find((row) => row[0] === 'Tổng cộng');
      const at = (key: string) => {
        const i = per?.columns.findIndex((c) => c.key === key) ?? -1;
        return total && i >= 0 ? Number(total[i] ?? 0) : 0;
      };
      return [
        { label: 'Hồ sơ tiếp nhận theo hình thức', config: barChart(labelsOf(per), [{ label: 'Trực tiếp', data: columnOf(per, 'truc_tiep') }, { label: 'Trực tuyến', data: columnOf(per, 'truc_tuyen') }, { label: 'Bưu chính', data: columnOf(per, 'buu_chinh') }], { stacked: true }) },
        {
          label: 'Tình trạng giải quyết',
          config: doughnutChart(
            ['Trước hạn', 'Đúng hạn', 'Quá hạn', 'Đang giải quyết – trong hạn', 'Đang giải quyết – quá hạn'],
            [at('early'), at('onTime'), at('overdue'), at('inTime'), at('overdueOpen')],
            ['#1b7f3b', '#3f9c2f', '#b3261e', '#1f6fb2', '#d0581a'],
          ),
        },
      ];
    }
  }
}
