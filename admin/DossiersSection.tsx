import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNEL_LABELS } from '../shared/catalogue';
import {
  DOSSIER_STATUSES,
  DOSSIER_STATUS_LABELS,
  TIMELINESS_LABELS,
  type DossierListItem,
  type DossierPage,
  type StaffDossier,
  type Timeliness,
} from '../shared/dossiers';
import { useLoad } from './hooks';
import { OFFICE_PATH } from './office';
import type { AdminOffice } from './types';
import { Bi, DateRangeFields, Loading, SectionHead } from './form';
import './dossiers.css';

const PAGE = 50;

interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  events: number;
  dryRun?: boolean;
}
interface RowProblem {
  index: number;
  line?: number;
  code: string;
  reason: string;
}

const SOURCE_LABELS: Record<DossierListItem['source'], string> = { counter: 'Tại quầy', sync: 'Đồng bộ API', csv: 'Tệp CSV' };
const FILTER_TIMELINESS: Timeliness[] = ['early', 'on_time', 'overdue', 'in_time'];

interface Filter {
  q: string;
  status: string;
  timeliness: string;
  from: string;
  to: string;
}
const NO_FILTER: Filter = { q: '', status: '', timeliness: '', from: '', to: '' };

const queryOf = (f: Filter, offset: number): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim() !== '') p.set(k, v.trim());
  p.set('limit', String(PAGE));
  p.set('offset', String(offset));
  return `/api/admin/dossiers?${p.toString()}`;
};

type When = (at: string | null) => string;

/** A time as the office reads it: in its own zone, whatever the browser's. */
export const whenIn =
  (timeZone: string): When =>
  (at) =>
    at
      ? new Date(at).toLocaleString('vi-VN', { timeZone, hour12: false, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
      : '—';

/** Hồ sơ: the dossiers received here or mirrored from the province's system, the CSV import. */
export function DossiersSection() {
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useLoad<DossierPage>(queryOf(filter, offset));
  const office = useLoad<AdminOffice>(OFFICE_PATH);
  const when = whenIn(office.data?.timeZone ?? 'Asia/Ho_Chi_Minh');
  return (
    <section>
      <SectionHead title="Hồ sơ" en="Dossiers">
        Hồ sơ tiếp nhận tại quầy và hồ sơ đồng bộ từ hệ thống một cửa của tỉnh (qua API hoặc tệp CSV): tìm theo mã, thủ tục,
        người nộp; lọc theo trạng thái, tiến độ và ngày tiếp nhận.
      </SectionHead>
      <CsvImport onImported={() => void list.reload()} />
      <FilterForm
        initial={filter}
        onApply={(f) => {
          setFilter(f);
          setOffset(0);
        }}
      />
      {list.data ? (
        <>
          <DossierTable when={when} page={list.data} openId={openId} onOpen={(id) => setOpenId(id === openId ? null : id)} />
          <Pager page={list.data} onOffset={setOffset} />
        </>
      ) : (
        <Loading error={list.error} onRetry={() => void list.reload()} />
      )}
      {openId !== null && <DossierDetail key={openId} when={when} id={openId} onClose={() => setOpenId(null)} />}
    </section>
  );
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'error'; message: string; problems: RowProblem[] };

/** The CSV file: checked (dry run) or imported; a bad line is listed with its line number and nothing is kept. */
function CsvImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setState({ kind: 'busy' });
    try {
      const content = await file.text();
      // Not through api(): the error's per-line details are needed here.
      const res = await fetch('/api/admin/imports/dossiers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ content, dryRun }),
      });
      const body = (await res.json().catch(() => null)) as (ImportResult & { error?: { message: string; details?: unknown } }) | null;
      if (!res.ok || !body) {
        const details = Array.isArray(body?.error?.details) ? (body.error.details as RowProblem[]) : [];
        setState({ kind: 'error', message: body?.error?.message ?? `HTTP ${res.status}`, problems: details });
        return;
      }
      setState({ kind: 'done', result: body });
      if (!dryRun) onImported();
    } catch {
      setState({ kind: 'error', message: 'Không kết nối được máy chủ. (Cannot reach the server.)', problems: [] });
    }
  };
  return (
    <div class="panel dossier-panel" data-testid="dossier-import">
      <h2>
        <Bi vi="Nhập hồ sơ từ tệp CSV" en="Import dossiers from a CSV file" />
      </h2>
      <p class="muted small">
        Cột: Mã hồ sơ, Mã thủ tục, Tên thủ tục, Người nộp, Điện thoại, Địa chỉ, Kênh, Ngày tiếp nhận, Hạn trả, Trạng thái,
        Ngày trạng thái, Ghi chú (UTF-8, dấu phẩy hoặc chấm phẩy; ngày dạng dd/mm/yyyy hh:mm). Một dòng sai thì không nhập
        dòng nào. Hồ sơ đã có (cùng mã) được cập nhật.
      </p>
      <div class="import-row">
        {/* the browser's own file field would say "Choose File / No file chosen" in its language */}
        <label class="btn file-pick">
          Chọn tệp CSV… <span class="en">Choose file</span>
          <input
            type="file"
            name="csv"
            accept=".csv,text/csv"
            aria-label="Tệp CSV hồ sơ"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setState({ kind: 'idle' });
            }}
          />
        </label>
        <span class="muted small" data-testid="import-file-name">
          {file ? file.name : 'Chưa chọn tệp'} {!file && <span class="en">No file chosen</span>}
        </span>
        <button type="button" class="btn" disabled={!file || state.kind === 'busy'} onClick={() => void send(true)}>
          Kiểm tra <span class="en">Check</span>
        </button>
        <button type="button" class="btn btn-primary" data-testid="import-csv" disabled={!file || state.kind === 'busy'} onClick={() => void send(false)}>
          Nhập hồ sơ <span class="en">Import</span>
        </button>
      </div>
      <ImportOutcome state={state} />
    </div>
  );
}

function ImportOutcome({ state }: { state: ImportState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'busy':
      return (
        <p class="status" role="status">
          Đang xử lý… <span class="en">Working</span>
        </p>
      );
    case 'done': {
      const r = state.result;
      return (
        <p class="status status-ok" role="status" data-testid="import-result">
          {r.dryRun ? 'Tệp hợp lệ, chưa nhập gì' : '✓ Đã nhập'}: {r.created} hồ sơ mới, {r.updated} cập nhật, {r.unchanged} không đổi,{' '}
          {r.events} lượt chuyển trạng thái.{' '}
          <span class="en">
            {r.dryRun ? 'Valid, nothing imported yet' : 'Imported'}: {r.created} new, {r.updated} updated, {r.unchanged} unchanged
          </span>
        </p>
      );
    }
    case 'error':
      return (
        <div class="import-errors" role="alert" data-testid="import-errors">
          <p class="status status-error">{state.message}</p>
          {state.problems.length > 0 && (
            <table class="rows">
              <thead>
                <tr>
                  <th class="num">
                    Dòng<span class="en">Line</span>
                  </th>
                  <th>
                    Mã hồ sơ<span class="en">Code</span>
                  </th>
                  <th>
                    Lỗi<span class="en">Problem</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.problems.map((p) => (
                  <tr key={`${p.index}-${p.line ?? ''}`} data-line={p.line}>
                    <td class="num">{p.line ?? p.index}</td>
                    <td class="nowrap">{p.code || '—'}</td>
                    <td class="reason">{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      );
  }
}

function FilterForm({ initial, onApply }: { initial: Filter; onApply: (f: Filter) => void }) {
  const [f, setF] = useState(initial);
  const set = (patch: Partial<Filter>) => setF({ ...f, ...patch });
  return (
    <form
      class="dossier-filter panel"
      data-testid="dossier-filter"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <label class="field dossier-q">
        <span>
          <Bi vi="Tìm" en="Search" />
        </span>
        <input name="q" value={f.q} maxLength={100} placeholder="mã hồ sơ, thủ tục, người nộp…" onInput={(e) => set({ q: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>
          <Bi vi="Trạng thái" en="Status" />
        </span>
        <select name="status" value={f.status} onChange={(e) => set({ status: e.currentTarget.value })}>
          <option value="">Tất cả</option>
          {DOSSIER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {DOSSIER_STATUS_LABELS[s].vi}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>
          <Bi vi="Tiến độ" en="Timeliness" />
        </span>
        <select name="timeliness" value={f.timeliness} onChange={(e) => set({ timeliness: e.currentTarget.value })}>
          <option value="">Tất cả</option>
          {FILTER_TIMELINESS.map((t) => (
            <option key={t} value={t}>
              {t === 'overdue' ? 'Quá hạn (đã xong hoặc đang xử lý)' : TIMELINESS_LABELS[t].vi}
            </option>
          ))}
        </select>
      </label>
      <DateRangeFields from={f.from} to={f.to} onChange={set} labels={{ from: ['Tiếp nhận từ', 'Received from'], to: ['đến', 'to'] }} />
      <div class="dossier-filter-actions">
        <button type="submit" class="btn btn-primary">
          Lọc <span class="en">Filter</span>
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => {
            setF(NO_FILTER);
            onApply(NO_FILTER);
          }}
        >
          Bỏ lọc <span class="en">Clear</span>
        </button>
      </div>
    </form>
  );
}

function TimelinessTag({ t }: { t: Timeliness }) {
  if (t === 'none') return <span class="muted">—</span>;
  return <span class={`tag tag-${t}`}>{TIMELINESS_LABELS[t].vi}</span>;
}

function DossierTable({ page, openId, onOpen, when }: { page: DossierPage; openId: number | null; onOpen: (id: number) => void; when: When }) {
  return (
    <table class="rows dossier-rows" data-testid="dossier-table">
      <thead>
        <tr>
          <th>
            Mã hồ sơ<span class="en">Code</span>
          </th>
          <th>
            Thủ tục<span class="en">Procedure</span>
          </th>
          <th>
            Người nộp<span class="en">Applicant</span>
          </th>
          <th>
            Kênh<span class="en">Channel</span>
          </th>
          <th>
            Tiếp nhận<span class="en">Received</span>
          </th>
          <th>
            Hạn trả<span class="en">Due</span>
          </th>
          <th>
            Trạng thái<span class="en">Status</span>
          </th>
          <th>
            Tiến độ<span class="en">Timeliness</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {page.dossiers.map((d) => (
          <tr key={d.id} data-id={d.id} class={d.id === openId ? 'selected' : undefined}>
            <td class="nowrap">
              <button type="button" class="link" onClick={() => onOpen(d.id)} aria-expanded={d.id === openId}>
                {d.code}
              </button>
              <div class="muted small">{SOURCE_LABELS[d.source]}</div>
            </td>
            <td>
              {d.procedureName}
              <div class="muted small">{d.procedureCode}</div>
            </td>
            <td>{d.applicantName}</td>
            <td>{CHANNEL_LABELS[d.channel].vi}</td>
            <td class="nowrap">{when(d.receivedAt)}</td>
            <td class="nowrap">{when(d.dueAt)}</td>
            <td>{DOSSIER_STATUS_LABELS[d.status].vi}</td>
            <td>
              <TimelinessTag t={d.timeliness} />
            </td>
          </tr>
        ))}
        {page.dossiers.length === 0 && (
          <tr>
            <td colSpan={8} class="muted">
              Không có hồ sơ nào. <span class="en">No dossiers.</span>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Pager({ page, onOffset }: { page: DossierPage; onOffset: (offset: number) => void }) {
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.dossiers.length;
  return (
    <div class="dossier-pager">
      <button type="button" class="btn btn-small" disabled={page.offset === 0} onClick={() => onOffset(Math.max(0, page.offset - page.limit))}>
        ← Trước <span class="en">Previous</span>
      </button>
      <span class="muted" data-testid="dossier-count">
        {first}–{last} / {page.total}
      </span>
      <button type="button" class="btn btn-small" disabled={last >= page.total} onClick={() => onOffset(page.offset + page.limit)}>
        Sau <span class="en">Next</span> →
      </button>
    </div>
  );
}

const ROLE_LABELS = { receive: 'Nộp hồ sơ', return: 'Nhận kết quả', other: 'Lượt khác' } as const;

function DossierDetail({ id, onClose, when }: { id: number; onClose: () => void; when: When }) {
  const d = useLoad<StaffDossier>(`/api/admin/dossiers/${id}`);
  const ref = useRef<HTMLElement>(null);
  const loaded = d.data !== null;
  useEffect(() => {
    // Opened from a row far down the list: bring it into view.
    if (loaded) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [loaded]);
  if (!d.data) return <Loading error={d.error} onRetry={() => void d.reload()} />;
  const x = d.data;
  return (
    <article class="panel dossier-detail" data-testid="dossier-detail" ref={ref}>
      <header class="detail-head">
        <h2>
          {x.code} <span class="en">{DOSSIER_STATUS_LABELS[x.status].en}</span>
        </h2>
        <button type="button" class="btn btn-small" onClick={onClose}>
          Đóng <span class="en">Close</span>
        </button>
      </header>
      <dl class="detail-grid">
        <dt>Thủ tục</dt>
        <dd>
          {x.procedureName} <span class="muted">({x.procedureCode})</span>
        </dd>
        <dt>Người nộp</dt>
        <dd>
          {x.applicantName}
          {x.applicantPhone && <> · {x.applicantPhone}</>}
          {x.applicantAddress && <div class="muted">{x.applicantAddress}</div>}
        </dd>
        <dt>Kênh</dt>
        <dd>{CHANNEL_LABELS[x.channel].vi}</dd>
        <dt>Tiếp nhận</dt>
        <dd>{when(x.receivedAt)}</dd>
        <dt>Hạn trả</dt>
        <dd>
          {when(x.dueAt)} <TimelinessTag t={x.timeliness} />
        </dd>
        <dt>Trạng thái</dt>
        <dd>{DOSSIER_STATUS_LABELS[x.status].vi}</dd>
        {x.resolvedAt && (
          <>
            <dt>Xử lý xong</dt>
            <dd>{when(x.resolvedAt)}</dd>
          </>
        )}
        {x.returnedAt && (
          <>
            <dt>Đã trả</dt>
            <dd>{when(x.returnedAt)}</dd>
          </>
        )}
        {x.collectAt && (
          <>
            <dt>Nơi trả kết quả</dt>
            <dd>{x.collectAt}</dd>
          </>
        )}
        <dt>Nguồn</dt>
        <dd>{SOURCE_LABELS[x.source]}</dd>
      </dl>
      {x.documents.length > 0 && (
        <>
          <h3>
            <Bi vi={`Giấy tờ (${x.sets} bộ)`} en="Papers" />
          </h3>
          <ul class="detail-docs">
            {x.documents.map((doc, i) => (
              <li key={i}>
                {doc.name} – {doc.form} × {doc.copies}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>
        <Bi vi="Quá trình xử lý" en="History" />
      </h3>
      <table class="rows" data-testid="dossier-events">
        <thead>
          <tr>
            <th>
              Thời điểm<span class="en">When</span>
            </th>
            <th>
              Trạng thái<span class="en">Status</span>
            </th>
            <th>
              Nguồn<span class="en">Source</span>
            </th>
            <th>
              Ghi chú<span class="en">Note</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {x.events.map((e, i) => (
            <tr key={i}>
              <td class="nowrap">{when(e.at)}</td>
              <td>
                {e.from ? `${DOSSIER_STATUS_LABELS[e.from].vi} → ` : ''}
                {DOSSIER_STATUS_LABELS[e.to].vi}
              </td>
              <td>{SOURCE_LABELS[e.source as DossierListItem['source']] ?? e.source}</td>
              <td class="reason">{e.note || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        <Bi vi="Số thứ tự liên quan" en="Tickets" />
      </h3>
      {x.tickets.length === 0 ? (
        <p class="muted">
          Chưa gắn với số thứ tự nào. <span class="en">No tickets.</span>
        </p>
      ) : (
        <ul class="detail-docs" data-testid="dossier-tickets">
          {x.tickets.map((t) => (
            <li key={t.ticketId}>
              <strong>{t.number}</strong> – {ROLE_LABELS[t.role]} – {when(t.linkedAt)}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
