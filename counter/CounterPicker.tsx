import { useEffect, useState } from 'preact/hooks';
import type { OfficerInfo, QueueSnapshot } from '../shared/contract';
import { api, ApiError } from '../shared/web/api';

interface Props {
  officer: OfficerInfo;
  onPick: (counterId: number) => void;
  onLogout: () => void;
  onChangePassword: () => void;
}

/** Which counter does this officer sit at today? (Remembered by the browser.) */
export function CounterPicker({ officer, onPick, onLogout, onChangePassword }: Props) {
  const [snap, setSnap] = useState<QueueSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      api<QueueSnapshot>('GET', '/api/queue').then(setSnap, (e: unknown) => {
        setError(e instanceof ApiError ? e.message : String(e));
        timer = setTimeout(load, 3000);
      });
    void load();
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, []);

  const allowed = (id: number) => officer.role === 'admin' || officer.counterIds.length === 0 || officer.counterIds.includes(id);
  const counters = snap?.counters.filter((c) => allowed(c.id)).sort((a, b) => a.number - b.number) ?? [];

  return (
    <div class="center-page">
      <div class="card picker">
        <h1>
          Chọn quầy làm việc <span class="en">Choose your counter</span>
        </h1>
        <p class="muted">
          Xin chào <b>{officer.name}</b>. Máy này sẽ ghi nhớ lựa chọn.
        </p>
        {!snap && <p class="muted">{error ?? 'Đang tải danh sách quầy…'}</p>}
        <div class="picker-list">
          {counters.map((c) => (
            <button type="button" key={c.id} class="pick" data-counter={c.id} onClick={() => onPick(c.id)}>
              <span class="pick-prefix pick-counter">{c.number}</span>
              <span class="pick-name">
                {c.name}
                <small>
                  {c.serviceIds
                    .map((id) => snap?.services.find((s) => s.id === id)?.name)
                    .filter(Boolean)
                    .join(' · ')}
                </small>
              </span>
              {c.state === 'paused' && <span class="pick-note">tạm dừng</span>}
            </button>
          ))}
          {snap && counters.length === 0 && <p class="form-error">Tài khoản này chưa được phân công quầy nào.</p>}
        </div>
        <button type="button" class="small-btn ghost" onClick={onChangePassword}>
          Đổi mật khẩu
        </button>
        <button type="button" class="small-btn ghost" onClick={onLogout}>
          Đăng xuất
        </button>
      </div>
    </div>
  );
}
