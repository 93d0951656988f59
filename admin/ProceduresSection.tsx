import { useMemo, useState } from 'preact/hooks';
import {
  CHANNEL_LABELS,
  CHANNELS,
  DOCUMENT_FORM_LABELS,
  DOCUMENT_FORMS,
  foldVietnamese,
  processingTimeLabel,
  type Channel,
  type DocumentForm,
  type ImportProblem,
  type ProcedureChannel,
  type ProcedureDocument,
  type ProcedureImportResult,
  type ProcedureLevel,
  type ProcedureRecord,
  type ProcessingTime,
} from '../shared/catalogue';
import { api, ApiError } from '../shared/web/api';
import type { AdminService } from './types';
import { errorText, useDraft, useLoad, useSaver } from './hooks';
import { Bi, Checkbox, EditForm, Loading, NumberInput, SectionHead, SelectInput, TextArea, TextInput } from './form';
import './catalogue.css';

const LIST_PATH = '/api/admin/procedures';
const IMPORT_PATH = '/api/admin/imports/procedures';

const LEVELS: { value: ProcedureLevel; label: string }[] = [
  { value: '', label: 'Không có dịch vụ công trực tuyến' },
  { value: 'mot_phan', label: 'Dịch vụ công trực tuyến một phần' },
  { value: 'toan_trinh', label: 'Dịch vụ công trực tuyến toàn trình' },
];

/** Thủ tục hành chính: the catalogue the kiosk searches; edit, withdraw, import and export. */
export function ProceduresSection() {
  const list = useLoad<ProcedureRecord[]>(LIST_PATH);
  const services = useLoad<AdminService[]>('/api/admin/services');
  const [query, setQuery] = useState('');
  const [field, setField] = useState('all');
  const [editing, setEditing] = useState<ProcedureRecord | 'new' | null>(null);
  /** Raised when the admin reloads after a refused (outdated) save: the form starts again from the server's record. */
  const [resets, setResets] = useState(0);

  const shown = useMemo(() => {
    const words = foldVietnamese(query).split(' ').filter(Boolean);
    return (list.data ?? []).filter((p) => {
      if (field === 'none' ? p.serviceId !== null : field !== 'all' && String(p.serviceId) !== field) return false;
      const text = foldVietnamese(`${p.code} ${p.name} ${p.fieldName}`);
      return words.every((w) => text.includes(w));
    });
  }, [list.data, query, field]);

  const serviceName = (id: number | null) => (id === null ? '—' : (services.data?.find((s) => s.id === id)?.name ?? `#${id}`));
  const current = editing === 'new' ? null : editing ? (list.data?.find((p) => p.code === editing.code) ?? editing) : null;

  return (
    <section>
      <SectionHead title="Thủ tục hành chính" en="Administrative procedures">
        Danh mục thủ tục mà kiosk cho công dân tìm (gõ không dấu cũng được) và quầy dùng khi tiếp nhận hồ sơ: thành phần hồ sơ,
        thời hạn và lệ phí theo từng cách thức. Nhập danh mục từ tệp JSON hoặc CSV (xuất từ hệ thống của tỉnh hoặc bảng tính);
        tệp có dòng sai thì không nhập dòng nào và bảng dưới chỉ rõ dòng sai.
      </SectionHead>
      <ImportPanel onImported={() => void list.reload()} />
      {!list.data || !services.data ? (
        <Loading error={list.error ?? services.error} onRetry={() => void Promise.all([list.reload(), services.reload()])} />
      ) : (
        <div class="crud">
          <div>
            <div class="crud-tools catalogue-tools">
              <label class="field catalogue-search">
                <span class="sr-only">Tìm thủ tục</span>
                <input
                  type="search"
                  name="q"
                  placeholder="Tìm theo tên hoặc mã (vd: khai sinh, 1.001193)"
                  value={query}
                  onInput={(e) => setQuery(e.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span class="sr-only">Lĩnh vực</span>
                <select name="field-filter" value={field} onChange={(e) => setField(e.currentTarget.value)}>
                  <option value="all">Mọi lĩnh vực</option>
                  {services.data.map((s) => (
                    <option key={s.id} value={String(s.id)}>
                      {s.name}
                    </option>
                  ))}
                  <option value="none">Không gắn lĩnh vực</option>
                </select>
              </label>
              <button type="button" class="btn btn-primary" data-testid="procedure-new" onClick={() => setEditing('new')}>
                + Thêm thủ tục <span class="en">Add</span>
              </button>
            </div>
            <p class="muted small" data-testid="procedure-count">
              {shown.length} / {list.data.length} thủ tục <span class="en">procedures</span>
            </p>
            <table class="rows" data-testid="procedure-table">
              <thead>
                <tr>
                  <th>
                    Mã <span class="en">Code</span>
                  </th>
                  <th>
                    Tên thủ tục <span class="en">Name</span>
                  </th>
                  <th>
                    Lĩnh vực <span class="en">Field</span>
                  </th>
                  <th>
                    Thời hạn (trực tiếp) <span class="en">Time</span>
                  </th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => {
                  const direct = p.channels.find((c) => c.channel === 'truc_tiep') ?? p.channels[0];
                  return (
                    <tr key={p.code} data-code={p.code} class={`${p.active ? '' : 'inactive'}${current?.code === p.code ? ' selected' : ''}`}>
                      <td class="nowrap">
                        <code>{p.code}</code>
                      </td>
                      <td>
                        {p.name} {!p.active && <span class="pill pill-off">Ngừng áp dụng</span>}
                      </td>
                      <td>{serviceName(p.serviceId)}</td>
                      <td class="nowrap">{direct ? processingTimeLabel(direct.time).vi : '—'}</td>
                      <td>
                        <button type="button" class="btn btn-small" onClick={() => setEditing(p)}>
                          Sửa <span class="en">Edit</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={5} class="muted">
                      Không có thủ tục nào khớp. <span class="en">No procedure matches.</span>
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {editing && (
            <div class="crud-editor panel">
              <ProcedureForm
                key={`${current?.code ?? 'new'}-${resets}`}
                record={current}
                services={services.data}
                onSaved={async (saved) => {
                  await list.reload();
                  setEditing(saved);
                }}
                onReload={async () => {
                  await list.reload();
                  setResets((n) => n + 1);
                }}
                onClose={() => setEditing(null)}
              />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

interface Draft {
  code: string;
  name: string;
  serviceId: string;
  fieldName: string;
  level: ProcedureLevel;
  channels: ProcedureChannel[];
  documents: ProcedureDocument[];
  sets: number | null;
  applicants: string;
  result: string;
  legalBasis: string;
  active: boolean;
  sortOrder: number | null;
}

const draftOf = (p: ProcedureRecord | null): Draft => ({
  code: p?.code ?? '',
  name: p?.name ?? '',
  serviceId: p?.serviceId == null ? '' : String(p.serviceId),
  fieldName: p?.fieldName ?? '',
  level: p?.level ?? '',
  channels: p?.channels ?? [{ channel: 'truc_tiep', time: { unit: 'same_day' }, fee: '' }],
  documents: p?.documents ?? [],
  sets: p?.sets ?? 1,
  applicants: p?.applicants ?? '',
  result: p?.result ?? '',
  legalBasis: p?.legalBasis ?? '',
  active: p?.active ?? true,
  sortOrder: p?.sortOrder ?? 0,
});

interface FormProps {
  record: ProcedureRecord | null;
  services: AdminService[];
  onSaved: (saved: ProcedureRecord) => Promise<void>;
  onReload: () => Promise<void>;
  onClose: () => void;
}

function ProcedureForm({ record, services, onSaved, onReload, onClose }: FormProps) {
  const [draft, set] = useDraft(draftOf(record));
  const saver = useSaver(onReload);
  const save = () =>
    void saver.run(async () => {
      const saved = await api<ProcedureRecord>('PUT', `${LIST_PATH}/${encodeURIComponent(draft.code.trim())}`, {
        name: draft.name,
        serviceId: draft.serviceId === '' ? null : Number(draft.serviceId),
        fieldName: draft.fieldName,
        level: draft.level,
        channels: draft.channels,
        documents: draft.documents,
        sets: draft.sets ?? 1,
        applicants: draft.applicants,
        result: draft.result,
        legalBasis: draft.legalBasis,
        active: draft.active,
        sortOrder: draft.sortOrder ?? 0,
        version: record?.version,
      });
      await onSaved(saved);
    });
  const withdraw = () =>
    void saver.run(async () => {
      if (!record) return;
      const saved = await api<ProcedureRecord>('DELETE', `${LIST_PATH}/${encodeURIComponent(record.code)}`, { version: record.version });
      await onSaved(saved);
    });
  return (
    <>
      <h2>
        {record ? `Sửa thủ tục ${record.code}` : 'Thêm thủ tục'}
        <span class="en">{record ? 'Edit procedure' : 'New procedure'}</span>
      </h2>
      <EditForm
        saver={saver}
        onSave={save}
        testId="procedure-form"
        actions={
          <>
            {record?.active && (
              <button type="button" class="btn btn-danger" onClick={withdraw}>
                Ngừng áp dụng <span class="en">Withdraw</span>
              </button>
            )}
            <button type="button" class="btn" onClick={onClose}>
              Đóng <span class="en">Close</span>
            </button>
          </>
        }
      >
        {record ? (
          <p class="wide">
            Mã thủ tục <span class="en">Code</span>: <code>{record.code}</code>
          </p>
        ) : (
          <TextInput label="Mã thủ tục" en="Code" name="code" value={draft.code} onValue={(code) => set({ code })} hint="Mã trên Cổng dịch vụ công, vd 1.001193" />
        )}
        <TextArea label="Tên thủ tục" en="Name" name="name" wide rows={2} value={draft.name} onValue={(name) => set({ name })} />
        <SelectInput
          label="Lĩnh vực của đơn vị"
          en="Office field"
          name="serviceId"
          value={draft.serviceId}
          options={[{ value: '', label: '— Không gắn (không hiện ở kiosk)' }, ...services.map((s) => ({ value: String(s.id), label: s.name }))]}
          onValue={(serviceId) => set({ serviceId })}
        />
        <TextInput label="Lĩnh vực (theo danh mục quốc gia)" en="National field" name="fieldName" value={draft.fieldName} onValue={(fieldName) => set({ fieldName })} />
        <SelectInput label="Mức độ" en="Online level" name="level" value={draft.level} options={LEVELS} onValue={(level) => set({ level })} />
        <NumberInput label="Số bộ hồ sơ" en="Sets" name="sets" min={0} max={50} value={draft.sets} onValue={(sets) => set({ sets })} />
        <ChannelsEditor channels={draft.channels} onChange={(channels) => set({ channels })} />
        <DocumentsEditor documents={draft.documents} onChange={(documents) => set({ documents })} />
        <TextArea label="Đối tượng thực hiện" en="Applicants" name="applicants" wide value={draft.applicants} onValue={(applicants) => set({ applicants })} />
        <TextArea label="Kết quả" en="Result" name="result" wide rows={2} value={draft.result} onValue={(result) => set({ result })} />
        <TextArea label="Căn cứ pháp lý" en="Legal basis" name="legalBasis" wide value={draft.legalBasis} onValue={(legalBasis) => set({ legalBasis })} />
        <NumberInput label="Thứ tự" en="Order" name="sortOrder" value={draft.sortOrder} onValue={(sortOrder) => set({ sortOrder })} />
        <Checkbox label="Đang áp dụng" en="Active" name="active" checked={draft.active} onValue={(active) => set({ active })} />
      </EditForm>
    </>
  );
}

const UNITS: { value: ProcessingTime['unit']; label: string }[] = [
  { value: 'same_day', label: 'Trong ngày' },
  { value: 'working_days', label: 'Ngày làm việc' },
  { value: 'working_hours', label: 'Giờ làm việc' },
];

/** One row per channel (trực tiếp, trực tuyến, bưu chính): ticked when offered, with its time and fee. */
function ChannelsEditor({ channels, onChange }: { channels: ProcedureChannel[]; onChange: (c: ProcedureChannel[]) => void }) {
  const update = (channel: Channel, next: ProcedureChannel | null) => {
    const others = channels.filter((c) => c.channel !== channel);
    const all = next ? [...others, next] : others;
    onChange(CHANNELS.flatMap((k) => all.filter((c) => c.channel === k)));
  };
  return (
    <fieldset class="group wide channels-editor">
      <legend>
        <Bi vi="Cách thức thực hiện, thời hạn, lệ phí" en="Channels, time, fee" />
      </legend>
      {CHANNELS.map((k) => {
        const c = channels.find((x) => x.channel === k);
        const time = c?.time ?? { unit: 'same_day' as const };
        const setTime = (t: ProcessingTime) => c && update(k, { ...c, time: t });
        return (
          <div class="channel-row" key={k} data-channel={k}>
            <label class="check">
              <input
                type="checkbox"
                name={`channel-${k}`}
                checked={!!c}
                onChange={(e) => update(k, e.currentTarget.checked ? { channel: k, time: { unit: 'same_day' }, fee: '' } : null)}
              />
              <span>{CHANNEL_LABELS[k].vi}</span>
            </label>
            <select
              aria-label={`Thời hạn ${CHANNEL_LABELS[k].vi}`}
              name={`unit-${k}`}
              disabled={!c}
              value={time.unit}
              onChange={(e) => {
                const unit = e.currentTarget.value as ProcessingTime['unit'];
                setTime(unit === 'same_day' ? { unit } : { unit, value: 'value' in time ? time.value : unit === 'working_days' ? 3 : 8 });
              }}
            >
              {UNITS.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </select>
            <input
              type="number"
              aria-label={`Số ${time.unit === 'working_hours' ? 'giờ' : 'ngày'}`}
              name={`value-${k}`}
              min={1}
              disabled={!c || time.unit === 'same_day'}
              value={'value' in time ? time.value : ''}
              onInput={(e) => {
                const n = Number(e.currentTarget.value);
                if (time.unit !== 'same_day') setTime({ unit: time.unit, value: n });
              }}
            />
            <input
              type="text"
              aria-label={`Lệ phí ${CHANNEL_LABELS[k].vi}`}
              name={`fee-${k}`}
              placeholder="Lệ phí, vd: Miễn lệ phí"
              disabled={!c}
              value={c?.fee ?? ''}
              onInput={(e) => c && update(k, { ...c, fee: e.currentTarget.value })}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** The papers of one set: name, form (original, copy…), number of copies; add and remove rows. */
function DocumentsEditor({ documents, onChange }: { documents: ProcedureDocument[]; onChange: (d: ProcedureDocument[]) => void }) {
  const setAt = (i: number, patch: Partial<ProcedureDocument>) => onChange(documents.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const move = (i: number, by: number) => {
    const next = [...documents];
    const [d] = next.splice(i, 1);
    if (d) next.splice(i + by, 0, d);
    onChange(next);
  };
  return (
    <fieldset class="group wide documents-editor" data-testid="documents-editor">
      <legend>
        <Bi vi="Thành phần hồ sơ" en="Documents" />
      </legend>
      {documents.map((d, i) => (
        <div class="document-row" key={i}>
          <input
            type="text"
            aria-label={`Giấy tờ ${i + 1}`}
            name={`document-${i}`}
            value={d.name}
            onInput={(e) => setAt(i, { name: e.currentTarget.value })}
          />
          <select aria-label="Hình thức" value={d.form} onChange={(e) => setAt(i, { form: e.currentTarget.value as DocumentForm })}>
            {DOCUMENT_FORMS.map((f) => (
              <option key={f} value={f}>
                {DOCUMENT_FORM_LABELS[f].vi}
              </option>
            ))}
          </select>
          <input
            type="number"
            aria-label="Số bản"
            min={1}
            value={d.copies}
            onInput={(e) => setAt(i, { copies: Number(e.currentTarget.value) })}
          />
          <button type="button" class="btn btn-icon" title="Lên" disabled={i === 0} onClick={() => move(i, -1)}>
            ↑
          </button>
          <button type="button" class="btn btn-icon btn-danger" title="Xoá giấy tờ" onClick={() => onChange(documents.filter((_x, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" class="btn btn-small" data-testid="document-add" onClick={() => onChange([...documents, { name: '', form: 'original', copies: 1 }])}>
        + Thêm giấy tờ <span class="en">Add a document</span>
      </button>
    </fieldset>
  );
}

/** A refused import, with the problems of each bad row. */
class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: ImportProblem[],
  ) {
    super(message);
  }
}

/**
 * POST /api/admin/imports/procedures. Not through `api()`: a refused file's answer carries
 * the list of bad rows (error.details), which the table below shows.
 */
async function postImport(body: { format: 'json' | 'csv'; content: string; dryRun: boolean }): Promise<ProcedureImportResult> {
  let res: Response;
  try {
    res = await fetch(IMPORT_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. (Cannot reach the server.)');
  }
  const data = (await res.json().catch(() => null)) as
    | (ProcedureImportResult & { error?: undefined })
    | { error?: { code: string; message: string; details?: unknown } }
    | null;
  if (res.ok && data && !data.error) return data as ProcedureImportResult;
  const err = data?.error;
  if (err?.code === 'import_invalid') throw new ImportError(err.message, Array.isArray(err.details) ? (err.details as ImportProblem[]) : []);
  throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`);
}

interface Preview {
  fileName: string;
  format: 'json' | 'csv';
  content: string;
  result: ProcedureImportResult;
}

/** Nhập / xuất: pick a file (read in the browser), see what it would change, then import it. */
function ImportPanel({ onImported }: { onImported: () => void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problems, setProblems] = useState<{ message: string; rows: ImportProblem[] } | null>(null);
  const [done, setDone] = useState<ProcedureImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const send = (format: 'json' | 'csv', content: string, dryRun: boolean) => postImport({ format, content, dryRun });

  const fail = (e: unknown) => setProblems({ message: errorText(e), rows: e instanceof ImportError ? e.problems : [] });

  const pick = async (file: File) => {
    setBusy(true);
    setPreview(null);
    setProblems(null);
    setDone(null);
    try {
      const content = await file.text();
      const format = /\.json$/i.test(file.name) || /^\s*[[{]/.test(content.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
      setPreview({ fileName: file.name, format, content, result: await send(format, content, true) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      setDone(await send(preview.format, preview.content, false));
      setPreview(null);
      onImported();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="panel import-panel" data-testid="import-panel">
      <div class="import-actions">
        <label class="btn btn-primary file-pick">
          Nhập từ tệp JSON / CSV… <span class="en">Import</span>
          <input
            type="file"
            name="import-file"
            accept=".json,.csv,application/json,text/csv"
            disabled={busy}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void pick(f);
            }}
          />
        </label>
        <a class="btn" href={`${LIST_PATH}/export?format=csv`} download data-testid="export-csv">
          Xuất CSV <span class="en">Export CSV</span>
        </a>
        <a class="btn" href={`${LIST_PATH}/export?format=json`} download>
          Xuất JSON <span class="en">Export JSON</span>
        </a>
        {busy && <span class="muted">Đang đọc tệp… <span class="en">Reading</span></span>}
      </div>
      {preview && (
        <div class="import-preview" data-testid="import-preview" role="status">
          <p>
            Tệp <strong>{preview.fileName}</strong>: sẽ thêm <strong>{preview.result.created}</strong>, sửa{' '}
            <strong>{preview.result.updated}</strong>, giữ nguyên <strong>{preview.result.unchanged}</strong> thủ tục.
            <span class="en">
              Will add {preview.result.created}, change {preview.result.updated}, keep {preview.result.unchanged}.
            </span>
          </p>
          <button type="button" class="btn btn-primary" data-testid="import-confirm" disabled={busy} onClick={() => void confirm()}>
            Nhập <span class="en">Import</span>
          </button>{' '}
          <button type="button" class="btn" onClick={() => setPreview(null)}>
            Huỷ <span class="en">Cancel</span>
          </button>
        </div>
      )}
      {done && (
        <p class="status status-ok" role="status" data-testid="import-done">
          ✓ Đã nhập: thêm {done.created}, sửa {done.updated}, giữ nguyên {done.unchanged}.{' '}
          <span class="en">Imported.</span>
        </p>
      )}
      {problems && (
        <div class="import-problems" role="alert" data-testid="import-problems">
          <p class="status-error">{problems.message}</p>
          {problems.rows.length > 0 && (
            <table class="rows">
              <thead>
                <tr>
                  <th>
                    Dòng <span class="en">Line</span>
                  </th>
                  <th>
                    Mã <span class="en">Code</span>
                  </th>
                  <th>
                    Lỗi <span class="en">Problem</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {problems.rows.map((p, i) => (
                  <tr key={i} data-line={p.line}>
                    <td class="num">{p.line}</td>
                    <td class="nowrap">{p.code ?? '—'}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
