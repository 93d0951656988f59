import { useRef, useState } from 'preact/hooks';
import { api } from '../shared/web/api';
import { useLoad, useSaver } from './hooks';
import { OFFICE_PATH } from './office';
import type { AdminOffice } from './types';
import { whenIn } from './DossiersSection';
import { Bi, EditForm, Loading, SectionHead, TextInput } from './form';
import './dossiers.css';

/** A key as GET /api/admin/api-keys lists it (server/domain/dossiers/apiKeys.ts). */
interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const PATH = '/api/admin/api-keys';

/** Khóa API: keys for the province's one-stop system to send dossiers (POST /api/sync/…). */
export function ApiKeysSection() {
  const keys = useLoad<ApiKeyInfo[]>(PATH);
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);
  return (
    <section>
      <SectionHead title="Khóa API" en="API keys">
        Khóa cho hệ thống thông tin giải quyết TTHC của tỉnh (hoặc tập lệnh của bộ phận CNTT) gửi hồ sơ và trạng thái vào
        đây qua <code>POST /api/sync/…</code>, với tiêu đề <code>Authorization: Bearer &lt;khóa&gt;</code>. Khóa chỉ hiện
        một lần khi tạo; máy chủ chỉ giữ bản băm. Xem <code>docs/api.md</code>.
      </SectionHead>
      <CreateKey
        onCreated={(key, name) => {
          setCreated({ secret: key, name });
          void keys.reload();
        }}
      />
      {created && <NewKey {...created} onDone={() => setCreated(null)} />}
      {keys.data ? <KeyTable keys={keys.data} onChanged={() => void keys.reload()} /> : <Loading error={keys.error} onRetry={() => void keys.reload()} />}
    </section>
  );
}

function CreateKey({ onCreated }: { onCreated: (key: string, name: string) => void }) {
  const [name, setName] = useState('');
  const saver = useSaver();
  return (
    <div class="panel dossier-panel">
      <h2>
        <Bi vi="Tạo khóa mới" en="New key" />
      </h2>
      <EditForm
        saver={saver}
        saveLabel={{ vi: 'Tạo khóa', en: 'Create key' }}
        testId="api-key-form"
        onSave={() =>
          void saver.run(async () => {
            const r = await api<{ key: string; apiKey: ApiKeyInfo }>('POST', PATH, { name });
            onCreated(r.key, r.apiKey.name);
            setName('');
          })
        }
      >
        <TextInput
          name="name"
          label="Tên (ai dùng khóa)"
          en="Name (who uses it)"
          value={name}
          onValue={setName}
          placeholder="Hệ thống một cửa điện tử tỉnh"
          wide
        />
      </EditForm>
    </div>
  );
}

/** The new key, once: copy it now, it is never shown again. */
function NewKey({ secret: value, name, onDone }: { secret: string; name: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div class="panel new-key" role="alert" data-testid="new-key">
      <h2>
        <Bi vi={`Khóa mới "${name}"`} en="New key" />
      </h2>
      <p>
        <strong>Chép khóa này ngay và trao cho bên dùng qua kênh an toàn: khóa chỉ hiện một lần.</strong>{' '}
        <span class="en">Copy it now: it is shown only once.</span>
      </p>
      <div class="copy-row">
        <input ref={input} readOnly value={value} aria-label="Khóa API" data-testid="new-key-value" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="btn btn-small" onClick={() => void copy()}>
          {copied ? 'Đã chép' : 'Chép'} <span class="en">{copied ? 'Copied' : 'Copy'}</span>
        </button>
        <button type="button" class="btn btn-small" onClick={onDone}>
          Đã lưu khóa, ẩn đi <span class="en">Hide</span>
        </button>
      </div>
    </div>
  );
}

function KeyTable({ keys, onChanged }: { keys: ApiKeyInfo[]; onChanged: () => void }) {
  const office = useLoad<AdminOffice>(OFFICE_PATH);
  const when = whenIn(office.data?.timeZone ?? 'Asia/Ho_Chi_Minh');
  const [confirming, setConfirming] = useState<number | null>(null);
  const saver = useSaver();
  const revoke = (id: number) =>
    void saver.run(async () => {
      await api('DELETE', `${PATH}/${id}`, {});
      setConfirming(null);
      onChanged();
    });
  return (
    <>
      <table class="rows" data-testid="api-keys">
        <thead>
          <tr>
            <th>
              Tên<span class="en">Name</span>
            </th>
            <th>
              Đầu khóa<span class="en">Prefix</span>
            </th>
            <th>
              Tạo lúc<span class="en">Created</span>
            </th>
            <th>
              Người tạo<span class="en">Created by</span>
            </th>
            <th>
              Dùng lần cuối<span class="en">Last used</span>
            </th>
            <th>
              Trạng thái<span class="en">State</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-id={k.id} class={k.revokedAt ? 'inactive' : undefined}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{k.createdByName ?? '—'}</td>
              <td>{k.lastUsedAt ? when(k.lastUsedAt) : <span class="muted">chưa dùng</span>}</td>
              <td>
                {k.revokedAt ? (
                  <span>Đã thu hồi {when(k.revokedAt)}</span>
                ) : confirming === k.id ? (
                  <span class="confirm-row">
                    <button type="button" class="btn btn-small btn-danger" data-testid="confirm-revoke" onClick={() => revoke(k.id)}>
                      Thu hồi hẳn <span class="en">Revoke</span>
                    </button>
                    <button type="button" class="btn btn-small" onClick={() => setConfirming(null)}>
                      Không <span class="en">Cancel</span>
                    </button>
                  </span>
                ) : (
                  <span class="confirm-row">
                    Đang dùng{' '}
                    <button type="button" class="btn btn-small btn-danger" onClick={() => setConfirming(k.id)}>
                      Thu hồi… <span class="en">Revoke</span>
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
          {keys.length === 0 && (
            <tr>
              <td colSpan={6} class="muted">
                Chưa có khóa nào. <span class="en">No keys yet.</span>
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {saver.status.kind === 'error' && (
        <p class="status status-error" role="alert">
          {saver.status.text}
        </p>
      )}
    </>
  );
}
