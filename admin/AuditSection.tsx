import { useState } from 'preact/hooks';
import type { OfficerInfo } from '../shared/contract';
import { AUDIT_ACTIONS, AUDIT_GROUPS, type AuditEntry, type AuditPage } from '../shared/audit';
import { useLoad } from './hooks';
import { Bi, DateRangeFields, Loading, SectionHead } from './form';
import './audit.css';

const PAGE = 50;

interface Filter {
  action: string;
  officerId: string;
  from: string;
  to: string;
  q: string;
}

const NO_FILTER: Filter = { action: '', officerId: '', from: '', to: '', q: '' };

const queryOf = (f: Filter, offset: number): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim() !== '') p.set(k, v.trim());
  p.set('limit', String(PAGE));
  p.set('offset', String(offset));
  return `/api/admin/audit?${p.toString()}`;
};

/** Nhật ký thao tác: who changed what and when, filtered by action, officer, days and text. */
export function AuditSection() {
  const officers = useLoad<OfficerInfo[]>('/api/admin/officers');
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const log = useLoad<AuditPage>(queryOf(filter, offset));
  const apply = (f: Filter) => {
    setFilter(f);
    setOffset(0);
  };
  return (
    <section>
      <SectionHead title="Nhật ký thao tác" en="Audit log">
        Mọi thay đổi cấu hình và tài khoản, đăng nhập (cả đăng nhập sai), in lại phiếu, huỷ số và gọi số theo yêu cầu: ai
        làm, lúc nào, từ máy nào, thay đổi gì. Không ghi mật khẩu.
      </SectionHead>
      <FilterForm officers={officers.data ?? []} initial={filter} onApply={apply} />
      {log.data ? (
        <>
          <AuditTable entries={log.data.entries} />
          <Pager page={log.data} onOffset={setOffset} />
        </>
      ) : (
        <Loading error={log.error} onRetry={() => void log.reload()} />
      )}
    </section>
  );
}

function FilterForm({ officers, initial, onApply }: { officers: OfficerInfo[]; initial: Filter; onApply: (f: Filter) => void }) {
  const [f, setF] = useState(initial);
  const set = (patch: Partial<Filter>) => setF({ ...f, ...patch });
  return (
    <form
      class="audit-filter panel"
      data-testid="audit-filter"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <label class="field">
        <span>
          <Bi vi="Thao tác" en="Action" />
        </span>
        <select name="action" value={f.action} onChange={(e) => set({ action: e.currentTarget.value })}>
          <option value="">Tất cả</option>
          {Object.entries(AUDIT_GROUPS).map(([value, g]) => (
            <option key={value} value={value}>
              {g.vi}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>
          <Bi vi="Người thực hiện" en="Officer" />
        </span>
        <select name="officerId" value={f.officerId} onChange={(e) => set({ officerId: e.currentTarget.value })}>
          <option value="">Tất cả</option>
          {officers.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name} ({o.username})
            </option>
          ))}
        </select>
      </label>
      <DateRangeFields from={f.from} to={f.to} onChange={set} />
      <label class="field audit-text">
        <span>
          <Bi vi="Tìm" en="Search" />
        </span>
        <input name="q" value={f.q} placeholder="tên, quầy, giá trị…" maxLength={100} onInput={(e) => set({ q: e.currentTarget.value })} />
      </label>
      <div class="audit-filter-actions">
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

const when = (at: string) =>
  new Date(at).toLocaleString('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Vietnamese names of the fields most often changed; others show as stored (e.g. settings.printer.uri). */
const FIELD_NAMES: Record<string, string> = {
  name: 'Tên',
  nameEn: 'Tên tiếng Anh',
  number: 'Số quầy',
  code: 'Mã',
  prefix: 'Tiền tố',
  active: 'Đang dùng',
  serviceIds: 'Lĩnh vực',
  counterIds: 'Quầy',
  role: 'Vai trò',
  username: 'Tên đăng nhập',
  notice: 'Thông báo trên TV',
  status: 'Trạng thái',
  weekday0: 'Chủ nhật',
  weekday1: 'Thứ Hai',
  weekday2: 'Thứ Ba',
  weekday3: 'Thứ Tư',
  weekday4: 'Thứ Năm',
  weekday5: 'Thứ Sáu',
  weekday6: 'Thứ Bảy',
};

const shown = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  return typeof v === 'string' ? v : JSON.stringify(v);
};

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table class="rows audit-rows" data-testid="audit-table">
      <thead>
        <tr>
          <th>
            Thời gian<span class="en">When</span>
          </th>
          <th>
            Người thực hiện<span class="en">Who</span>
          </th>
          <th>
            Thao tác<span class="en">Action</span>
          </th>
          <th>
            Đối tượng<span class="en">Target</span>
          </th>
          <th>
            Thay đổi<span class="en">What changed</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td class="nowrap">{when(e.at)}</td>
            <td>
              {e.officerName ?? <span class="muted">(chưa đăng nhập)</span>}
              {e.client && <div class="muted small">{e.client}</div>}
            </td>
            <td>
              {AUDIT_ACTIONS[e.action]?.vi ?? e.action}
              <span class="en">{AUDIT_ACTIONS[e.action]?.en}</span>
            </td>
            <td>{e.targetName ?? '—'}</td>
            <td>
              <ChangeList entry={e} />
            </td>
          </tr>
        ))}
        {entries.length === 0 && (
          <tr>
            <td colSpan={5} class="muted">
              Không có mục nào. <span class="en">Nothing found.</span>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  const after = entry.after ?? {};
  const before = entry.before ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const details = Object.entries(entry.details ?? {});
  if (keys.length === 0 && details.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="audit-changes">
      {keys.map((k) => (
        <li key={k}>
          <span title={k}>{FIELD_NAMES[k] ?? k}</span>: {entry.before && <><del>{shown(before[k])}</del> → </>}
          <ins>{shown(after[k])}</ins>
        </li>
      ))}
      {details.map(([k, v]) => (
        <li key={`d-${k}`} class="muted">
          {k}: {shown(v)}
        </li>
      ))}
    </ul>
  );
}

function Pager({ page, onOffset }: { page: AuditPage; onOffset: (offset: number) => void }) {
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.entries.length;
  return (
    <div class="audit-pager">
      <button type="button" class="btn btn-small" disabled={page.offset === 0} onClick={() => onOffset(Math.max(0, page.offset - page.limit))}>
        ← Mới hơn <span class="en">Newer</span>
      </button>
      <span class="muted" data-testid="audit-count">
        {first}–{last} / {page.total}
      </span>
      <button type="button" class="btn btn-small" disabled={last >= page.total} onClick={() => onOffset(page.offset + page.limit)}>
        Cũ hơn <span class="en">Older</span> →
      </button>
    </div>
  );
}
