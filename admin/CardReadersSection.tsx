import { useEffect, useState } from 'preact/hooks';
import type { CardReaderState } from '../shared/cards';
import { api } from '../shared/web/api';
import type { AdminCounter, OfficeDraft } from './types';
import { errorText, useDraft, useLoad, type Loaded } from './hooks';
import { useOffice, type OfficeFormProps } from './office';
import { Bi, EditForm, Loading, NumberInput, SectionHead, SelectInput, TextInput } from './form';
import {
  newReaderDraft,
  placeLabel,
  protocolChange,
  PROTOCOLS,
  readerProblem,
  readerRows,
  toReaderSettings,
  type ReaderDraft,
} from './cardReaders';
import { CitizenPrivacy } from './CitizenPrivacy';

const READERS_PATH = '/api/admin/card-readers';
/** The readers' state is shown live: asked again this often while the section is open. */
const POLL_MS = 2000;

/** Đầu đọc thẻ: the chip-card readers' live state and configuration, and the citizens' data. */
export function CardReadersSection() {
  const editor = useOffice();
  const readers = useLoad<CardReaderState[]>(READERS_PATH);
  const { reload } = readers;
  useEffect(() => {
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const { office } = editor;
  return (
    <section>
      <SectionHead title="Đầu đọc thẻ" en="Card readers">
        Đầu đọc thẻ CCCD gắn chip (PN532 qua cổng nối tiếp) và máy quét mã QR trên thẻ, đặt tại kiosk hoặc tại quầy. Tại
        kiosk, công dân đặt thẻ lên đầu đọc thì được chào tên và số cấp ra gắn với công dân đó; tại quầy, cán bộ thấy họ tên,
        ngày sinh, số CCCD đã xác thực. Biến môi trường CARD_READER và QR_SCANNER, nếu có, được ưu tiên.
      </SectionHead>
      <ReaderStates readers={readers} />
      {office.data ? (
        <ReaderForm
          key={office.version}
          office={office.data}
          editor={editor}
          onSaved={() => void reload()}
        />
      ) : (
        <Loading error={office.error} onRetry={() => void office.reload()} />
      )}
      <CitizenPrivacy />
    </section>
  );
}

function ReaderStates({ readers }: { readers: Loaded<CardReaderState[]> }) {
  if (!readers.data) return <Loading error={readers.error} onRetry={() => void readers.reload()} />;
  return (
    <div class="readers" data-testid="reader-states">
      {readers.data.length === 0 && (
        <p class="muted">
          Chưa có đầu đọc nào. <span class="en">No card reader is configured.</span>
        </p>
      )}
      {readers.data.map((r) => (
        <ReaderState key={r.key} reader={r} onChanged={() => void readers.reload()} />
      ))}
    </div>
  );
}

function ReaderState({ reader: r, onChanged }: { reader: CardReaderState; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Lays the simulated reader's test card (or one whose chip refuses the key), or takes it off. */
  const testCard = async (method: 'POST' | 'DELETE', wrongKey = false) => {
    setBusy(true);
    setError(null);
    try {
      await api(method, `${READERS_PATH}/${encodeURIComponent(r.key)}/test-card`, method === 'POST' ? { wrongKey } : {});
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="panel health reader" data-testid="reader-state" data-key={r.key} data-connected={String(r.connected)} data-card={String(r.cardPresent)}>
      <div class="health-head">
        <h2>
          {r.key} <span class="en">{r.protocol}</span>
        </h2>
        {r.connected ? <span class="pill pill-on">Đã kết nối</span> : <span class="pill pill-bad">Mất kết nối</span>}
        {r.cardPresent ? <span class="pill pill-card">Có thẻ trên đầu đọc</span> : <span class="pill pill-off">Không có thẻ</span>}
        {r.protocol === 'simulated' && (
          <span class="reader-actions">
            <button type="button" class="btn btn-small" data-testid="place-test-card" disabled={busy || r.cardPresent} onClick={() => void testCard('POST')}>
              Đặt thẻ thử <span class="en">Place test card</span>
            </button>
            <button
              type="button"
              class="btn btn-small"
              title="Thẻ mà chip không mở được: để xem thông báo lỗi trên kiosk"
              disabled={busy || r.cardPresent}
              onClick={() => void testCard('POST', true)}
            >
              Thẻ lỗi <span class="en">Unreadable card</span>
            </button>
            <button type="button" class="btn btn-small" data-testid="remove-test-card" disabled={busy || !r.cardPresent} onClick={() => void testCard('DELETE')}>
              Lấy thẻ ra <span class="en">Remove card</span>
            </button>
          </span>
        )}
      </div>
      <dl class="health-list">
        <div>
          <dt>Vị trí</dt>
          <dd>{placeLabel(r.place)}</dd>
        </div>
        <div>
          <dt>Thẻ đã đọc / lỗi đọc</dt>
          <dd data-testid="reader-counts">
            {r.cardsRead} / {r.readFailures}
          </dd>
        </div>
        <div>
          <dt>Khung dữ liệu bị loại</dt>
          <dd>{r.framesRejected}</dd>
        </div>
        <div>
          <dt>Lỗi gần nhất</dt>
          <dd>{r.lastError ?? 'Không có'}</dd>
        </div>
      </dl>
      {error && (
        <p class="status-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}


/** settings.cardReaders, saved with the office like the printer settings. */
function ReaderForm({ office, editor, onSaved }: OfficeFormProps) {
  const saved = office.settings.cardReaders;
  const [d, set] = useDraft({ rows: readerRows(saved) });
  const counters = useLoad<AdminCounter[]>('/api/admin/counters');
  const kioskIds = (office.settings.printer?.kiosks ?? []).map((k) => k.key);
  const setRow = (i: number, row: ReaderDraft | null) =>
    set({ rows: row ? d.rows.map((x, j) => (j === i ? row : x)) : d.rows.filter((_, j) => j !== i) });
  const save = async () => {
    const problem = readerProblem(d.rows);
    if (problem) {
      await editor.saver.run(() => Promise.reject(new Error(problem)));
      return;
    }
    const next: OfficeDraft = { ...office, settings: { ...office.settings, cardReaders: toReaderSettings(d.rows) } };
    if (await editor.save(next)) onSaved();
  };
  return (
    <EditForm saver={editor.saver} testId="card-readers-form" onSave={() => void save()}>
      <div class="wide profiles readers-config">
        <h2>
          <Bi vi="Cấu hình đầu đọc" en="Reader configuration" />
        </h2>
        <p class="muted small">
          Một máy quét QR và một đầu đọc chip cùng vị trí làm việc như một thiết bị: mã QR cho khóa mở chip, chip cho dữ liệu
          đã xác thực. Kiosk “không có mã” là kiosk mở bằng /kiosk/.
        </p>
        {saved === undefined && (
          <p class="notice small" data-testid="readers-default">
            Chưa lưu cấu hình: máy chủ đang dùng đầu đọc giả lập “simulated” tại kiosk chính (để thử). Lưu danh sách dưới đây
            để thay thế; xoá hết rồi lưu nếu đơn vị không dùng đầu đọc. <span class="en">Not saved yet: the built-in simulated reader is in use.</span>
          </p>
        )}
        <datalist id="reader-kiosk-ids">
          {kioskIds.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        {d.rows.map((row, i) => (
          <ReaderCard key={i} index={i} row={row} counters={counters.data ?? []} onChange={(next) => setRow(i, next)} />
        ))}
        <button type="button" class="btn" data-testid="add-card-reader" onClick={() => set({ rows: [...d.rows, newReaderDraft()] })}>
          + Thêm đầu đọc <span class="en">Add reader</span>
        </button>
      </div>
    </EditForm>
  );
}

interface CardProps {
  index: number;
  row: ReaderDraft;
  counters: AdminCounter[];
  onChange: (row: ReaderDraft | null) => void;
}

function ReaderCard({ index: i, row, counters, onChange }: CardProps) {
  const patch = (p: Partial<ReaderDraft>) => onChange({ ...row, ...p });
  const counterOptions = [
    { value: '', label: '— Chọn quầy —' },
    ...counters.map((c) => ({ value: String(c.number), label: `Quầy ${c.number}${c.name ? ` – ${c.name}` : ''}` })),
  ];
  return (
    <fieldset class="profile" data-key={row.key} data-index={i}>
      <legend>{row.key || `Đầu đọc ${i + 1}`}</legend>
      <div class="form-grid">
        <TextInput label="Mã đầu đọc" en="Key" name={`reader-key-${i}`} value={row.key} placeholder="kiosk-chip" onValue={(key) => patch({ key })} />
        <SelectInput
          label="Loại"
          en="Protocol"
          name={`reader-protocol-${i}`}
          value={row.protocol}
          options={PROTOCOLS}
          onValue={(protocol) => patch(protocolChange(row, protocol))}
        />
        {row.protocol === 'simulated' ? (
          <p class="muted small wide">
            Đầu đọc giả lập không dùng cổng nối tiếp: đặt thẻ thử bằng nút “Đặt thẻ thử” ở trên.{' '}
            <span class="en">A simulated reader has no port: use “Place test card” above.</span>
          </p>
        ) : (
          <>
            <TextInput
              label="Cổng nối tiếp"
              en="Port path"
              name={`reader-path-${i}`}
              value={row.path}
              placeholder="/dev/ttyUSB0"
              hint="Ví dụ /dev/ttyUSB0, /dev/ttyACM0."
              onValue={(path) => patch({ path })}
            />
            <NumberInput
              label="Tốc độ (baud)"
              en="Baud rate"
              name={`reader-baud-${i}`}
              value={row.baudRate}
              min={1200}
              max={921600}
              hint="PN532: 115200; máy quét QR: thường 9600."
              onValue={(baudRate) => patch({ baudRate })}
            />
          </>
        )}
        <SelectInput
          label="Đặt tại"
          en="Place"
          name={`reader-place-${i}`}
          value={row.placeKind}
          options={[
            { value: 'kiosk', label: 'Kiosk' },
            { value: 'counter', label: 'Quầy' },
          ]}
          onValue={(placeKind) => patch({ placeKind })}
        />
        {row.placeKind === 'kiosk' ? (
          <TextInput
            label="Mã kiosk"
            en="Kiosk id"
            name={`reader-kiosk-${i}`}
            value={row.kioskId}
            list="reader-kiosk-ids"
            placeholder="(để trống: kiosk /kiosk/)"
            hint="Như trong địa chỉ /kiosk/?id=…; để trống cho kiosk không có mã."
            onValue={(kioskId) => patch({ kioskId })}
          />
        ) : (
          <SelectInput
            label="Quầy"
            en="Counter"
            name={`reader-counter-${i}`}
            value={row.counterNumber === null ? '' : String(row.counterNumber)}
            options={counterOptions}
            onValue={(v) => patch({ counterNumber: v === '' ? null : Number(v) })}
          />
        )}
        <div class="profile-remove wide">
          <button type="button" class="btn btn-danger" onClick={() => onChange(null)}>
            Xoá đầu đọc này <span class="en">Remove reader</span>
          </button>
        </div>
      </div>
    </fieldset>
  );
}
