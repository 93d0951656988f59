import { useState } from 'preact/hooks';
import type { CitizenAccessEntry } from '../shared/cards';
import { api } from '../shared/web/api';
import { errorText, useLoad, type Loaded } from './hooks';
import { Bi, Loading, TextInput } from './form';
import { isIdNumber } from './cardReaders';

const ACCESS_LOG_PATH = '/api/admin/citizens/access-log';

const ACTIONS: Record<CitizenAccessEntry['action'], string> = {
  view: 'Xem',
  link: 'Gắn thẻ vào số',
  erase: 'Xóa dữ liệu',
};

const when = (iso: string) => new Date(iso).toLocaleString('vi-VN', { hour12: false });

/** The citizens' data: who opened it (the access log) and erasing one citizen on request. */
export function CitizenPrivacy() {
  const log = useLoad<CitizenAccessEntry[]>(ACCESS_LOG_PATH);
  return (
    <>
      <AccessLog log={log} />
      <EraseCitizen onErased={() => void log.reload()} />
    </>
  );
}

function AccessLog({ log }: { log: Loaded<CitizenAccessEntry[]> }) {
  return (
    <div class="panel citizen-log" data-testid="citizen-access-log">
      <div class="health-head">
        <h2>
          <Bi vi="Nhật ký truy cập dữ liệu công dân" en="Citizen data access log" />
        </h2>
        <button type="button" class="btn btn-small" onClick={() => void log.reload()}>
          Tải lại <span class="en">Reload</span>
        </button>
      </div>
      <p class="muted small">Mỗi lần cán bộ mở thông tin công dân của một số thứ tự đều được ghi lại. Số CCCD hiện ở dạng che.</p>
      {!log.data ? (
        <Loading error={log.error} onRetry={() => void log.reload()} />
      ) : log.data.length === 0 ? (
        <p class="muted">
          Chưa có lượt truy cập nào. <span class="en">No access yet.</span>
        </p>
      ) : (
        <table class="rows">
          <thead>
            <tr>
              <th>
                Thời gian <span class="en">When</span>
              </th>
              <th>
                Cán bộ <span class="en">Officer</span>
              </th>
              <th>
                Việc <span class="en">Action</span>
              </th>
              <th>
                Số thứ tự <span class="en">Ticket</span>
              </th>
              <th>
                Số CCCD <span class="en">ID (masked)</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e, i) => (
              <tr key={i}>
                <td class="nowrap">{when(e.at)}</td>
                <td>{e.officerName}</td>
                <td>{ACTIONS[e.action]}</td>
                <td>{e.ticketNumber ?? '—'}</td>
                <td class="nowrap">{e.idNumber}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

type EraseState = { kind: 'edit' } | { kind: 'confirm' } | { kind: 'busy' } | { kind: 'done'; idNumber: string } | { kind: 'error'; text: string };

/** Erase one citizen on request (right to erasure): type the ID number, then confirm. */
function EraseCitizen({ onErased }: { onErased: () => void }) {
  const [idNumber, setIdNumber] = useState('');
  const [state, setState] = useState<EraseState>({ kind: 'edit' });
  const valid = isIdNumber(idNumber);
  const erase = async () => {
    setState({ kind: 'busy' });
    try {
      await api('DELETE', '/api/admin/citizens', { idNumber: idNumber.trim() });
      setState({ kind: 'done', idNumber: idNumber.trim() });
      setIdNumber('');
      onErased();
    } catch (e) {
      setState({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <form
      class="panel citizen-erase"
      data-testid="citizen-erase"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) setState({ kind: 'confirm' });
      }}
    >
      <h2>
        <Bi vi="Xóa dữ liệu công dân" en="Erase a citizen's data" />
      </h2>
      <p class="muted small">
        Theo yêu cầu của công dân: xóa họ tên, ngày sinh, giới tính và số CCCD khỏi mọi số thứ tự; thống kê không tên vẫn giữ.
      </p>
      <div class="erase-row">
        <TextInput
          label="Số CCCD (12 chữ số)"
          en="ID number"
          name="erase-id"
          value={idNumber}
          placeholder="001090012345"
          hint={idNumber !== '' && !valid ? 'Số CCCD gồm đúng 12 chữ số.' : undefined}
          onValue={(v) => {
            setIdNumber(v);
            setState({ kind: 'edit' });
          }}
        />
        <button type="submit" class="btn btn-danger" disabled={!valid || state.kind === 'confirm' || state.kind === 'busy'}>
          Xóa dữ liệu công dân <span class="en">Erase</span>
        </button>
      </div>
      {state.kind === 'confirm' && (
        <div class="erase-confirm" role="alertdialog" aria-label="Xác nhận xóa">
          <p>
            Xóa vĩnh viễn dữ liệu của công dân có số CCCD <strong>{idNumber.trim()}</strong>? Không thể hoàn tác.
            <span class="en">Erase this citizen's data for good? This cannot be undone.</span>
          </p>
          <button type="button" class="btn btn-primary" data-testid="erase-confirm" onClick={() => void erase()}>
            Xác nhận xóa <span class="en">Erase now</span>
          </button>
          <button type="button" class="btn" onClick={() => setState({ kind: 'edit' })}>
            Hủy <span class="en">Cancel</span>
          </button>
        </div>
      )}
      {state.kind === 'busy' && <p class="status">Đang xóa…</p>}
      {state.kind === 'done' && (
        <p class="status status-ok" role="status" data-testid="erase-status">
          ✓ Đã xóa dữ liệu của công dân {state.idNumber}. <span class="en">Erased.</span>
        </p>
      )}
      {state.kind === 'error' && (
        <p class="status status-error" role="alert" data-testid="erase-status">
          {state.text}
        </p>
      )}
    </form>
  );
}
