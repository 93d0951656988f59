import { useState } from 'preact/hooks';
import { api } from '../shared/web/api';
import type { BackupSettings } from './types';
import { errorText, useDraft, useLoad, type Loaded } from './hooks';
import { useOffice, type OfficeFormProps } from './office';
import { Bi, EditForm, Loading, NumberInput, SectionHead, TextInput } from './form';

/** GET /api/admin/backups (server/ops/backupService.ts BackupStatus). */
interface BackupFile {
  name: string;
  createdAt: string;
  reason: 'daily' | 'manual' | 'cli' | 'migration';
  size: number;
}
interface Problem {
  at: string;
  message: string;
}
interface BackupStatus {
  settings: BackupSettings;
  nextAt: string | null;
  last: BackupFile | null;
  backups: BackupFile[];
  lastError: Problem | null;
  copyError: Problem | null;
}

const PATH = '/api/admin/backups';
const DEFAULTS: BackupSettings = { time: '12:00', keepDays: 30, copyTo: null };

const REASONS: Record<BackupFile['reason'], string> = {
  daily: 'Hằng ngày',
  manual: 'Bấm “Sao lưu ngay”',
  cli: 'npm run backup',
  migration: 'Trước khi nâng cấp',
};

/** A time as the office reads it: in its own zone, whatever the browser's. */
const whenIn = (timeZone: string) => (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', {
    timeZone,
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Sao lưu: the last backup, backing up now, the list to download, and when and where backups go. */
export function BackupsSection() {
  const status = useLoad<BackupStatus>(PATH);
  const editor = useOffice();
  const { office } = editor;
  return (
    <section>
      <SectionHead title="Sao lưu" en="Backups">
        Máy chủ sao lưu cơ sở dữ liệu mỗi ngày vào thư mục <code>backups</code> trong thư mục dữ liệu (và trước mỗi lần nâng
        cấp), khi đang chạy, không làm gián đoạn việc cấp số. Khôi phục: dừng máy chủ rồi chạy{' '}
        <code>npm run restore -- tệp-sao-lưu.db</code>.
      </SectionHead>
      {status.data && office.data ? (
        <StatusPanel status={status} when={whenIn(office.data.timeZone)} />
      ) : (
        <Loading error={status.error} onRetry={() => void status.reload()} />
      )}
      {office.data ? (
        <BackupForm
          key={office.version}
          office={office.data}
          editor={editor}
          onSaved={() => void status.reload()}
        />
      ) : (
        <Loading error={office.error} onRetry={() => void office.reload()} />
      )}
      {status.data && office.data && <BackupTable backups={status.data.backups} when={whenIn(office.data.timeZone)} />}
    </section>
  );
}

function StatusPanel({ status, when }: { status: Loaded<BackupStatus>; when: (iso: string) => string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = status.data as BackupStatus;
  const backupNow = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', PATH, {}, 120_000);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      await status.reload();
    }
  };
  const bad = s.lastError ?? s.copyError;
  return (
    <div class="panel health" data-testid="backup-status" data-state={bad ? 'offline' : 'online'}>
      <div class="health-head">
        <h2>
          <Bi vi="Bản sao lưu gần nhất" en="Last backup" />
        </h2>
        {s.last && !bad && <span class="pill pill-on">Đã sao lưu</span>}
        {bad && <span class="pill pill-bad">Có sự cố</span>}
        <button type="button" class="btn btn-primary btn-small" data-testid="backup-now" disabled={busy} onClick={() => void backupNow()}>
          {busy ? 'Đang sao lưu…' : 'Sao lưu ngay'} <span class="en">Back up now</span>
        </button>
      </div>
      <dl class="health-list">
        <div>
          <dt>Lúc</dt>
          <dd data-testid="backup-last">{s.last ? when(s.last.createdAt) : 'Chưa có bản sao lưu nào'}</dd>
        </div>
        <div>
          <dt>Dung lượng</dt>
          <dd>{s.last ? size(s.last.size) : '—'}</dd>
        </div>
        <div>
          <dt>Lần tới</dt>
          <dd>{s.nextAt ? when(s.nextAt) : '—'}</dd>
        </div>
        <div>
          <dt>Số bản đang giữ</dt>
          <dd>{s.backups.length}</dd>
        </div>
      </dl>
      {s.lastError && (
        <p class="status status-error" role="alert">
          Sao lưu lúc {when(s.lastError.at)} không thành công: {s.lastError.message}
        </p>
      )}
      {s.copyError && (
        <p class="status status-error" role="alert" data-testid="backup-copy-error">
          Không chép được sang thư mục thứ hai lúc {when(s.copyError.at)}: {s.copyError.message}
        </p>
      )}
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}


function BackupForm({ office, editor, onSaved }: OfficeFormProps) {
  const loaded = { ...DEFAULTS, ...office.settings.backup };
  const [d, set] = useDraft({ time: loaded.time, keepDays: loaded.keepDays as number | null, copyTo: loaded.copyTo ?? '' });
  const save = async () => {
    const backup = { time: d.time.trim(), keepDays: d.keepDays, copyTo: d.copyTo.trim() === '' ? null : d.copyTo.trim() };
    if (await editor.save({ ...office, settings: { ...office.settings, backup } })) onSaved();
  };
  return (
    <EditForm saver={editor.saver} testId="backup-form" onSave={() => void save()}>
      <TextInput
        label="Giờ sao lưu hằng ngày"
        en="Daily backup time"
        name="time"
        value={d.time}
        placeholder="12:00"
        hint="Giờ:phút theo múi giờ của đơn vị. Nếu lúc đó máy tắt, máy chủ sao lưu ngay khi bật lại."
        onValue={(time) => set({ time })}
      />
      <NumberInput
        label="Giữ bản sao lưu (ngày)"
        en="Keep backups (days)"
        name="keepDays"
        value={d.keepDays}
        min={1}
        max={3650}
        hint="Bản cũ hơn được xóa; bản mới nhất luôn được giữ."
        onValue={(keepDays) => set({ keepDays })}
      />
      <TextInput
        wide
        label="Chép thêm vào thư mục"
        en="Also copy to folder"
        name="copyTo"
        value={d.copyTo}
        placeholder="/media/usb/quayso-saoluu"
        hint="Ổ USB hoặc thư mục mạng (đường dẫn tuyệt đối, đã có và ghi được). Để trống: không chép."
        onValue={(copyTo) => set({ copyTo })}
      />
    </EditForm>
  );
}

function BackupTable({ backups, when }: { backups: BackupFile[]; when: (iso: string) => string }) {
  return (
    <div class="backup-list">
      <h2>
        <Bi vi="Các bản sao lưu" en="Backups" />
      </h2>
      {backups.length === 0 ? (
        <p class="muted">Chưa có bản sao lưu nào. <span class="en">No backups yet.</span></p>
      ) : (
        <table class="rows" data-testid="backup-list">
          <thead>
            <tr>
              <th>
                Lúc<span class="en">Taken</span>
              </th>
              <th>
                Loại<span class="en">Kind</span>
              </th>
              <th>
                Dung lượng<span class="en">Size</span>
              </th>
              <th>
                Tệp<span class="en">File</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name} data-name={b.name}>
                <td>{when(b.createdAt)}</td>
                <td>{REASONS[b.reason]}</td>
                <td>{size(b.size)}</td>
                <td>
                  <a href={`${PATH}/${encodeURIComponent(b.name)}`} download={b.name}>
                    Tải về <span class="en">Download</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
