import { useEffect, useState } from 'preact/hooks';
import type { AdminLogs, LogEntry, ProblemLevel } from '../shared/logs';
import { useLoad } from './hooks';
import { Loading, SectionHead, SelectInput } from './form';

/** How often the list refreshes by itself while the section is open. */
const REFRESH_MS = 10_000;

const LEVEL_WORDS: Record<ProblemLevel, { vi: string; en: string; pill: string }> = {
  warn: { vi: 'Cảnh báo', en: 'Warning', pill: 'pill' },
  error: { vi: 'Lỗi', en: 'Error', pill: 'pill pill-bad' },
  fatal: { vi: 'Nghiêm trọng', en: 'Fatal', pill: 'pill pill-bad' },
};

const FILTERS = [
  { value: 'warn' as const, label: 'Cảnh báo và lỗi (warnings and errors)' },
  { value: 'error' as const, label: 'Chỉ lỗi (errors only)' },
];

const two = (n: number) => String(n).padStart(2, '0');
/** dd/MM HH:mm:ss in the browser's time zone (the office's). */
const timeText = (iso: string) => {
  const d = new Date(iso);
  return `${two(d.getDate())}/${two(d.getMonth() + 1)} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

/** A field of a log line, short: an error's message rather than its stack. */
function valueText(v: unknown): string {
  const text =
    typeof v === 'string'
      ? v
      : v && typeof v === 'object' && 'message' in v && typeof v.message === 'string'
        ? v.message
        : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Nhật ký hệ thống: the server's recent warnings and errors (the full log is in files, see docs/deploy.md). */
export function LogsSection() {
  const [level, setLevel] = useState<'warn' | 'error'>('warn');
  const logs = useLoad<AdminLogs>(`/api/admin/logs?level=${level}`);
  const { reload } = logs;
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <section>
      <SectionHead title="Nhật ký hệ thống" en="System log">
        Các cảnh báo và lỗi gần nhất của máy chủ (tối đa 200, từ lần khởi động gần nhất), tự cập nhật mỗi 10 giây. Nhật ký đầy
        đủ nằm trong thư mục dữ liệu, <code>logs/quayso.log</code> (mỗi dòng một bản ghi JSON, xoay vòng theo ngày và kích
        thước). Nhật ký không chứa dữ liệu cá nhân hay mật khẩu.
      </SectionHead>
      <div class="crud-tools log-tools">
        <SelectInput label="Hiện" en="Show" name="level" value={level} options={FILTERS} onValue={setLevel} />
        <button type="button" class="btn" onClick={() => void reload()}>
          Tải lại <span class="en">Refresh</span>
        </button>
      </div>
      {logs.data ? <LogTable logs={logs.data} /> : <Loading error={logs.error} onRetry={() => void reload()} />}
    </section>
  );
}

function LogTable({ logs }: { logs: AdminLogs }) {
  if (logs.entries.length === 0) {
    return (
      <p class="muted" data-testid="log-empty">
        Không có cảnh báo hay lỗi nào từ khi máy chủ khởi động ({timeText(logs.since)}).{' '}
        <span class="en">Nothing to report since the server started.</span>
      </p>
    );
  }
  return (
    <table class="rows log-rows" data-testid="log-rows">
      <thead>
        <tr>
          <th>
            Thời gian <span class="en">Time</span>
          </th>
          <th>
            Mức <span class="en">Level</span>
          </th>
          <th>
            Nội dung <span class="en">Message</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {logs.entries.map((e, i) => (
          <LogRow key={`${e.time}-${i}`} entry={e} />
        ))}
      </tbody>
    </table>
  );
}

function LogRow({ entry }: { entry: LogEntry }) {
  const words = LEVEL_WORDS[entry.level];
  const details = Object.entries(entry.details);
  return (
    <tr data-level={entry.level}>
      <td class="nowrap">{timeText(entry.time)}</td>
      <td class="nowrap">
        <span class={words.pill}>{words.vi}</span>
        <span class="en">{words.en}</span>
      </td>
      <td class="log-msg">
        {entry.msg}
        {details.length > 0 && (
          <div class="log-details">
            {details.map(([k, v]) => (
              <code key={k}>
                {k}: {valueText(v)}
              </code>
            ))}
          </div>
        )}
      </td>
    </tr>
  );
}
