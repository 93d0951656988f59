import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_LEVEL_LABELS,
  DEFAULT_REASONS,
  RATING_LEVELS,
  SCALE_LEVELS,
  type RatingButtonsState,
  type RatingDeviceView,
  type RatingLevel,
  type RatingLevelLabel,
  type RatingPairingView,
  type RatingReason,
  type RatingSummary,
  type ScaleSize,
} from '../shared/ratings';
import { api } from '../shared/web/api';
import type { OfficeDraft } from './types';
import { errorText, useDraft, useLoad, type Loaded } from './hooks';
import { useOffice, type OfficeFormProps } from './office';
import { Bi, Checkbox, EditForm, Loading, NumberInput, SectionHead, SelectInput, TextInput } from './form';
import './ratings.css';

const DEVICES_PATH = '/api/admin/ratings/devices';
const POLL_MS = 2000;

interface DevicesView {
  devices: RatingDeviceView[];
  pending: RatingPairingView[];
  buttons: RatingButtonsState;
}

/** settings.ratings as stored (server/domain/ratings/settings.ts); every field has a default there. */
interface RatingsSettingsDraft {
  scaleSize: ScaleSize;
  levels: RatingLevelLabel[];
  reasons: RatingReason[];
  allowText: boolean;
  windowSeconds: number | null;
  thanksSeconds: number | null;
  buttons: { path: string; baudRate: number; heartbeatSeconds: number | null; debounceMs: number | null };
}

const BAUDS = [9600, 19200, 38400, 57600, 115200];

function draftOf(stored: Partial<RatingsSettingsDraft> | undefined): RatingsSettingsDraft {
  const s = stored ?? {};
  const overrides = new Map((s.levels ?? []).map((l) => [l.key, l]));
  return {
    scaleSize: s.scaleSize ?? 3,
    // Every level is editable (a 4- or 5-level scale may be chosen later); defaults where not set.
    levels: RATING_LEVELS.map((k) => ({ ...(overrides.get(k) ?? DEFAULT_LEVEL_LABELS[k]) })),
    reasons: (s.reasons ?? DEFAULT_REASONS).map((r) => ({ ...r })),
    allowText: s.allowText ?? true,
    windowSeconds: s.windowSeconds ?? 120,
    thanksSeconds: s.thanksSeconds ?? 6,
    buttons: {
      path: s.buttons?.path ?? '',
      baudRate: s.buttons?.baudRate ?? 9600,
      heartbeatSeconds: s.buttons?.heartbeatSeconds ?? 5,
      debounceMs: s.buttons?.debounceMs ?? 1000,
    },
  };
}

const LEVEL_VI = (k: RatingLevel) => DEFAULT_LEVEL_LABELS[k].vi;
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** Đánh giá hài lòng: the figures, the paired tablets and button box, and the scale's settings. */
export function RatingsSection() {
  const editor = useOffice();
  const summary = useLoad<RatingSummary>('/api/admin/ratings');
  const devices = useLoad<DevicesView>(DEVICES_PATH);
  const { reload } = devices;
  useEffect(() => {
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const { office } = editor;
  return (
    <section>
      <SectionHead title="Đánh giá hài lòng" en="Satisfaction ratings">
        Công dân đánh giá lượt phục vụ trên máy tính bảng đặt tại quầy (trang /rate/?counter=số quầy), bằng hộp nút bấm
        nối cổng nối tiếp hoặc bàn phím số USB. Mỗi lượt (số thứ tự) và mỗi hồ sơ chỉ được đánh giá một lần. Lần bấm không
        gắn được với lượt nào vừa kết thúc được tính riêng (ẩn danh), không vào tỷ lệ hài lòng.
      </SectionHead>
      <SummaryPanel summary={summary} />
      <DevicesPanel devices={devices} />
      {office.data ? (
        <RatingsForm key={office.version} office={office.data} editor={editor} onSaved={() => void reload()} />
      ) : (
        <Loading error={office.error} onRetry={() => void office.reload()} />
      )}
    </section>
  );
}

function SummaryPanel({ summary }: { summary: Loaded<RatingSummary> }) {
  const s = summary.data;
  if (!s) return <Loading error={summary.error} onRetry={() => void summary.reload()} />;
  return (
    <div class="panel ratings-summary" data-testid="ratings-summary">
      <h2>
        <Bi vi={`Kết quả từ ${s.from} đến ${s.to}`} en="Results" />
      </h2>
      <p class="ratings-share">
        Tỷ lệ hài lòng <span class="en">Satisfied share</span>: <b data-testid="satisfied-share">{percent(s.satisfiedShare)}</b>
      </p>
      <table class="table">
        <thead>
          <tr>
            <th>Mức</th>
            <th>Gắn với lượt phục vụ</th>
            <th>Ẩn danh (ngoài thời gian)</th>
          </tr>
        </thead>
        <tbody>
          {RATING_LEVELS.map((l) => (
            <tr key={l}>
              <td>{LEVEL_VI(l)}</td>
              <td>{s.counts[l] ?? 0}</td>
              <td>{s.anonymous[l] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.recent.length > 0 && (
        <details>
          <summary>
            <Bi vi={`${s.recent.length} lượt đánh giá gần nhất`} en="Latest ratings" />
          </summary>
          <table class="table small">
            <thead>
              <tr>
                <th>Lúc</th>
                <th>Quầy</th>
                <th>Số</th>
                <th>Cán bộ</th>
                <th>Lĩnh vực</th>
                <th>Mức</th>
                <th>Lý do</th>
                <th>Nguồn</th>
              </tr>
            </thead>
            <tbody>
              {s.recent.slice(0, 50).map((r) => (
                <tr key={r.id}>
                  <td>{new Date(r.at).toLocaleString('vi-VN')}</td>
                  <td>{r.counterNumber}</td>
                  <td>{r.ticketNumber ?? 'ẩn danh'}</td>
                  <td>{r.officerName ?? ''}</td>
                  <td>{r.serviceName ?? ''}</td>
                  <td>{LEVEL_VI(r.level)}</td>
                  <td>{[...r.reasons, r.reasonText].filter(Boolean).join('; ')}</td>
                  <td>{r.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function DevicesPanel({ devices }: { devices: Loaded<DevicesView> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await devices.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const d = devices.data;
  if (!d) return <Loading error={devices.error} onRetry={() => void devices.reload()} />;
  const b = d.buttons;
  return (
    <div class="panel ratings-devices" data-testid="rating-devices">
      <h2>
        <Bi vi="Máy tính bảng đánh giá" en="Rating tablets" />
      </h2>
      {d.pending.length > 0 && (
        <ul class="rating-pending">
          {d.pending.map((p) => (
            <li key={p.code} data-testid="rating-pending">
              Quầy {p.counterNumber} xin ghép nối — mã <b>{p.code}</b>{' '}
              <button
                type="button"
                class="btn btn-small"
                disabled={busy}
                onClick={() => void run(() => api('POST', DEVICES_PATH, { counterId: p.counterId, code: p.code }))}
              >
                Xác nhận <span class="en">Confirm</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {d.devices.length === 0 ? (
        <p class="muted">
          Chưa có máy tính bảng nào được ghép nối. Mở /rate/?counter=số quầy trên máy tính bảng để lấy mã.
          <span class="en"> No tablet is paired yet.</span>
        </p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>Quầy</th>
              <th>Ghép nối lúc</th>
              <th>Người xác nhận</th>
              <th>Trạng thái</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.devices.map((x) => (
              <tr key={x.id} data-testid="rating-device">
                <td>{x.counterNumber}</td>
                <td>{new Date(x.pairedAt).toLocaleString('vi-VN')}</td>
                <td>{x.pairedBy ?? ''}</td>
                <td>{x.online ? <span class="pill pill-on">Đang kết nối</span> : <span class="pill pill-off">Ngoại tuyến</span>}</td>
                <td>
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={busy}
                    onClick={() => {
                      if (confirm(`Huỷ ghép nối máy tính bảng của quầy ${x.counterNumber}?`)) void run(() => api('DELETE', `${DEVICES_PATH}/${x.id}`));
                    }}
                  >
                    Huỷ ghép nối <span class="en">Unpair</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>
        <Bi vi="Hộp nút bấm đánh giá" en="Rating button box" />
      </h2>
      {!b.configured ? (
        <p class="muted">
          Chưa cấu hình cổng nối tiếp của hộp nút bấm. <span class="en">No button box port is set.</span>
        </p>
      ) : (
        <dl class="health-list" data-testid="rating-buttons" data-connected={String(b.connected)}>
          <div>
            <dt>Cổng</dt>
            <dd>
              {b.path} {b.connected ? <span class="pill pill-on">Đã kết nối</span> : <span class="pill pill-bad">Mất kết nối</span>}
            </dd>
          </div>
          <div>
            <dt>Hộp nút (nhịp tim)</dt>
            <dd>
              {b.boxes.length === 0
                ? 'Chưa nhận nhịp tim'
                : b.boxes.map((x) => `${x.id}: ${x.online ? 'trực tuyến' : 'mất tín hiệu'}`).join(' · ')}
            </dd>
          </div>
          <div>
            <dt>Lần bấm / bỏ do rung / dòng lỗi</dt>
            <dd>
              {b.counts.presses} / {b.counts.debounced} / {b.counts.rejected}
            </dd>
          </div>
          <div>
            <dt>Lỗi gần nhất</dt>
            <dd>{b.lastError ?? 'Không có'}</dd>
          </div>
        </dl>
      )}
      {error && (
        <p class="status-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function RatingsForm({ office, editor, onSaved }: OfficeFormProps) {
  const stored = (office.settings as { ratings?: Partial<RatingsSettingsDraft> }).ratings;
  const [d, set] = useDraft(draftOf(stored));
  const shown = SCALE_LEVELS[d.scaleSize];
  const setLevel = (key: RatingLevel, patch: Partial<RatingLevelLabel>) =>
    set({ levels: d.levels.map((l) => (l.key === key ? { ...l, ...patch } : l)) });
  const setReason = (i: number, r: RatingReason | null) =>
    set({ reasons: r ? d.reasons.map((x, j) => (j === i ? r : x)) : d.reasons.filter((_, j) => j !== i) });
  const save = async () => {
    const ratings = {
      ...d,
      // Only the levels whose words or colour differ from the defaults are stored.
      levels: d.levels.filter((l) => {
        const def = DEFAULT_LEVEL_LABELS[l.key];
        return l.vi !== def.vi || l.en !== def.en || l.color.toLowerCase() !== def.color;
      }),
    };
    const next = { ...office, settings: { ...office.settings, ratings } } as OfficeDraft;
    if (await editor.save(next)) onSaved();
  };
  return (
    <EditForm saver={editor.saver} testId="ratings-form" onSave={() => void save()}>
      <div class="wide">
        <h2>
          <Bi vi="Thang đánh giá" en="Scale" />
        </h2>
      </div>
      <SelectInput
        label="Số mức"
        en="Levels"
        name="scaleSize"
        value={String(d.scaleSize) as '3' | '4' | '5'}
        options={[
          { value: '3', label: '3 mức: Rất hài lòng / Hài lòng / Không hài lòng' },
          { value: '4', label: '4 mức: thêm Bình thường' },
          { value: '5', label: '5 mức: thêm Bình thường, Rất không hài lòng' },
        ]}
        onValue={(v) => set({ scaleSize: Number(v) as ScaleSize })}
      />
      <NumberInput
        label="Thời gian gắn lần bấm với lượt vừa xong (giây)"
        en="Window (s)"
        name="windowSeconds"
        min={10}
        max={3600}
        value={d.windowSeconds}
        hint="Nút bấm và bàn phím số: lần bấm trong khoảng này sau khi kết thúc lượt được tính cho lượt đó; sau đó là ẩn danh."
        onValue={(v) => set({ windowSeconds: v })}
      />
      <NumberInput
        label="Màn hình cảm ơn (giây)"
        en="Thank-you (s)"
        name="thanksSeconds"
        min={2}
        max={60}
        value={d.thanksSeconds}
        onValue={(v) => set({ thanksSeconds: v })}
      />
      <div class="wide rating-levels">
        {shown.map((key, i) => {
          const l = d.levels.find((x) => x.key === key) ?? DEFAULT_LEVEL_LABELS[key];
          return (
            <div class="rating-level" key={key} data-level={key}>
              <span class="rating-level-no">{i + 1}</span>
              <TextInput label="Chữ tiếng Việt" en="Vietnamese" name={`level-${key}-vi`} value={l.vi} onValue={(vi) => setLevel(key, { vi })} />
              <TextInput label="Tiếng Anh" en="English" name={`level-${key}-en`} value={l.en} onValue={(en) => setLevel(key, { en })} />
              <label class="rating-color">
                <Bi vi="Màu" en="Colour" />
                <input type="color" name={`level-${key}-color`} value={l.color} onInput={(e) => setLevel(key, { color: e.currentTarget.value })} />
              </label>
            </div>
          );
        })}
      </div>
      <div class="wide">
        <h2>
          <Bi vi="Lý do khi không hài lòng" en="Reasons asked when unsatisfied" />
        </h2>
      </div>
      <div class="wide rating-reasons">
        {d.reasons.map((r, i) => (
          <div class="rating-reason" key={i}>
            <TextInput label="Mã" en="Key" name={`reason-${i}-key`} value={r.key} onValue={(key) => setReason(i, { ...r, key })} />
            <TextInput label="Lý do" en="Reason" name={`reason-${i}-vi`} value={r.vi} onValue={(vi) => setReason(i, { ...r, vi })} />
            <TextInput label="Tiếng Anh" en="English" name={`reason-${i}-en`} value={r.en} onValue={(en) => setReason(i, { ...r, en })} />
            <button type="button" class="btn btn-small" onClick={() => setReason(i, null)}>
              Xoá <span class="en">Remove</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          class="btn"
          disabled={d.reasons.length >= 12}
          onClick={() => set({ reasons: [...d.reasons, { key: `ly-do-${d.reasons.length + 1}`, vi: '', en: '' }] })}
        >
          + Thêm lý do <span class="en">Add reason</span>
        </button>
      </div>
      <Checkbox
        label="Cho phép ghi ý kiến bằng bàn phím trên màn hình"
        en="Allow a typed comment"
        name="allowText"
        checked={d.allowText}
        onValue={(allowText) => set({ allowText })}
        wide
      />
      <div class="wide">
        <h2>
          <Bi vi="Hộp nút bấm (cổng nối tiếp)" en="Button box (serial port)" />
        </h2>
        <p class="muted small">
          Để trống nếu không dùng. Biến môi trường RATING_BUTTONS, nếu có, được ưu tiên. Giao thức: docs/rating-buttons.md.
        </p>
      </div>
      <TextInput
        label="Cổng"
        en="Port"
        name="buttonsPath"
        placeholder="/dev/ttyUSB0"
        value={d.buttons.path}
        onValue={(path) => set({ buttons: { ...d.buttons, path } })}
      />
      <SelectInput
        label="Tốc độ"
        en="Baud rate"
        name="buttonsBaud"
        value={String(d.buttons.baudRate)}
        options={BAUDS.map((b) => ({ value: String(b), label: String(b) }))}
        onValue={(v) => set({ buttons: { ...d.buttons, baudRate: Number(v) } })}
      />
      <NumberInput
        label="Nhịp tim của hộp (giây)"
        en="Heartbeat (s)"
        name="heartbeatSeconds"
        min={1}
        max={120}
        value={d.buttons.heartbeatSeconds}
        hint="Hộp bị coi là mất tín hiệu sau 3 nhịp không nhận được."
        onValue={(v) => set({ buttons: { ...d.buttons, heartbeatSeconds: v } })}
      />
      <NumberInput
        label="Chống rung nút (ms)"
        en="Debounce (ms)"
        name="debounceMs"
        min={0}
        max={10000}
        value={d.buttons.debounceMs}
        onValue={(v) => set({ buttons: { ...d.buttons, debounceMs: v } })}
      />
    </EditForm>
  );
}
