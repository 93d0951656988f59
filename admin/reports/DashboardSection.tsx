import { useEffect, useMemo, useState } from 'preact/hooks';
import { NAMESPACES } from '../../shared/contract';
import { LiveQueue, RECONNECT } from '../../shared/web/live';
import type { OfficerInfo } from '../../shared/contract';
import type { ReportMeta, TodaySummary } from '../../server/domain/reports/types';
import { useLoad } from '../hooks';
import { Loading, SectionHead } from '../form';
import { ChartBox, barChart } from './charts';
import { clockDuration, count, minutes, percent } from './format';
import './reports.css';
import { dayToText } from '../../shared/dayText';

/** After a queue event the summary is fetched again, at most this often. */
const REFRESH_MIN_MS = 2000;
/** Ratings arrive without queue events: the summary is also fetched this often. */
const REFRESH_EVERY_MS = 60_000;

export function DemoBanner({ demo }: { demo: ReportMeta['demo'] | boolean }) {
  if (!demo) return null;
  return (
    <p class="demo-banner" role="note" data-testid="demo-banner">
      <strong>Dữ liệu mẫu</strong> – các số liệu ở đây là dữ liệu tạo ra để thử (npm run seed:demo), không phải số liệu thật, không dùng
      để báo cáo. <span class="en">Demo data: made-up figures, never file them.</span>
    </p>
  );
}

/** Hôm nay: the queue and the day's figures, live. Officers' names only; never a citizen's. */
export function DashboardSection(_props: { officer: OfficerInfo }) {
  const today = useLoad<TodaySummary>('/api/reports/today');
  const { reload } = today;
  // Live: any queue event (issue, call, finish, pause…) fetches the summary again, throttled.
  useEffect(() => {
    const live = new LiveQueue(NAMESPACES.staff, { connectTimeoutMs: RECONNECT.lanConnectTimeoutMs });
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      last = Date.now();
      void reload();
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(refresh, Math.max(0, last + REFRESH_MIN_MS - Date.now()));
    };
    let first = true;
    const off = live.subscribe(() => {
      // the first snapshot after (re)connecting is the state we just loaded
      if (first) {
        first = false;
        return;
      }
      schedule();
    });
    const every = setInterval(schedule, REFRESH_EVERY_MS);
    return () => {
      off();
      clearInterval(every);
      if (timer) clearTimeout(timer);
      live.close();
    };
  }, [reload]);
  // the longest wait grows by itself between events
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const chart = useMemo(
    () =>
      today.data
        ? barChart(
            today.data.fields.map((f) => f.name),
            [
              { label: 'Đang chờ', data: today.data.fields.map((f) => f.waiting) },
              { label: 'Đã phục vụ', data: today.data.fields.map((f) => f.served) },
            ],
            { horizontal: true },
          )
        : null,
    [today.data],
  );
  if (!today.data) return <Loading error={today.error} onRetry={() => void reload()} />;
  const d = today.data;
  const longest = d.oldestWaitingSince ? (now - Date.parse(d.oldestWaitingSince)) / 1000 : 0;
  return (
    <section class="dashboard">
      <SectionHead title="Hôm nay" en="Today">
        Tình hình hàng chờ và kết quả phục vụ trong ngày {dayToText(d.day)}, cập nhật trực tiếp khi có lượt lấy số,
        gọi số hay kết thúc phục vụ.
      </SectionHead>
      <DemoBanner demo={d.demo} />
      {today.error && (
        <p class="status status-error" role="alert">
          {today.error}
        </p>
      )}
      <div class="kpis" data-testid="dashboard-kpis">
        <Kpi vi="Đang chờ" en="Waiting now" value={count(d.waiting)} testId="kpi-waiting" />
        <Kpi vi="Chờ lâu nhất" en="Longest wait" value={d.oldestWaitingSince ? clockDuration(longest) : '–'} warn={longest > 30 * 60} testId="kpi-longest" />
        <Kpi vi="Đã phục vụ" en="Served today" value={count(d.served)} testId="kpi-served" />
        <Kpi vi="Đã lấy số" en="Issued today" value={count(d.issued)} testId="kpi-issued" />
        <Kpi vi="Vắng mặt" en="No-shows" value={count(d.noShows)} testId="kpi-noshow" />
        <Kpi vi="Chờ trung bình" en="Mean wait" value={d.meanWaitSeconds === null ? '–' : `${minutes(d.meanWaitSeconds)} phút`} testId="kpi-meanwait" />
        <Kpi
          vi="Quầy đang mở"
          en="Counters open"
          value={`${d.counters.open}`}
          sub={`${d.counters.serving} đang phục vụ · ${d.counters.paused} tạm dừng · ${d.counters.closed} đóng`}
          testId="kpi-counters"
        />
        <Kpi
          vi="Hài lòng hôm nay"
          en="Satisfied today"
          value={d.ratings.share === null ? '–' : percent(d.ratings.share)}
          sub={`${count(d.ratings.count)} lượt đánh giá${d.ratings.anonymous ? ` · ${count(d.ratings.anonymous)} lượt bấm không gắn số` : ''}`}
          testId="kpi-satisfied"
        />
      </div>
      <div class="dashboard-body">
        <table class="rows report-rows" data-testid="dashboard-fields">
          <thead>
            <tr>
              <th>
                Lĩnh vực<span class="en">Field</span>
              </th>
              <th class="num">
                Đang chờ<span class="en">Waiting</span>
              </th>
              <th class="num">
                Chờ lâu nhất<span class="en">Longest</span>
              </th>
              <th class="num">
                Đã lấy số<span class="en">Issued</span>
              </th>
              <th class="num">
                Đã phục vụ<span class="en">Served</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.fields.map((f) => (
              <tr key={f.serviceId}>
                <td>{f.name}</td>
                <td class="num">{count(f.waiting)}</td>
                <td class="num">{f.waiting > 0 ? clockDuration(f.longestWaitSeconds + (now - Date.parse(d.at)) / 1000) : '–'}</td>
                <td class="num">{count(f.issued)}</td>
                <td class="num">{count(f.served)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {chart && <ChartBox config={chart} label="Đang chờ và đã phục vụ theo lĩnh vực" testId="dashboard-chart" />}
      </div>
      <p class="muted no-print">
        <a href="#reports">Xem báo cáo theo kỳ →</a>
      </p>
    </section>
  );
}

function Kpi({ vi, en, value, sub, warn, testId }: { vi: string; en: string; value: string; sub?: string; warn?: boolean; testId: string }) {
  return (
    <div class={warn ? 'kpi warn' : 'kpi'} data-testid={testId}>
      <div class="kpi-label">
        {vi} <span class="en">{en}</span>
      </div>
      <div class="kpi-value">{value}</div>
      {sub && <div class="kpi-sub">{sub}</div>}
    </div>
  );
}
