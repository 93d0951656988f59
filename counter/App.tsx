import { useEffect, useState } from 'preact/hooks';
import type { OfficerInfo } from '../shared/contract';
import { api, ApiError } from '../shared/web/api';
import { Login } from './Login';
import { CounterPicker } from './CounterPicker';
import { Desk } from './Desk';

const COUNTER_KEY = 'quayso.counter.id';

type Phase =
  | { kind: 'loading'; error: string | null }
  | { kind: 'login'; notice: string | null }
  | { kind: 'pick'; officer: OfficerInfo }
  | { kind: 'desk'; officer: OfficerInfo; counterId: number };

function storedCounter(officer: OfficerInfo): number | null {
  const id = Number(localStorage.getItem(COUNTER_KEY));
  if (!Number.isInteger(id) || id <= 0) return null;
  const allowed = officer.role === 'admin' || officer.counterIds.length === 0 || officer.counterIds.includes(id);
  return allowed ? id : null;
}

const afterLogin = (officer: OfficerInfo): Phase => {
  const counterId = storedCounter(officer);
  return counterId ? { kind: 'desk', officer, counterId } : { kind: 'pick', officer };
};

/** Login → choose a counter → work at it. A 401 anywhere brings the login back. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading', error: null });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () =>
      api<{ officer: OfficerInfo }>('GET', '/api/auth/me').then(
        ({ officer }) => setPhase(afterLogin(officer)),
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 401) return setPhase({ kind: 'login', notice: null });
          setPhase({ kind: 'loading', error: e instanceof Error ? e.message : String(e) });
          timer = setTimeout(check, 3000);
        },
      );
    void check();
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, []);

  const logout = () => {
    void api('POST', '/api/auth/logout').catch(() => undefined);
    setPhase({ kind: 'login', notice: null });
  };
  const expired = () =>
    setPhase({ kind: 'login', notice: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại. (Session expired.)' });

  switch (phase.kind) {
    case 'loading':
      return (
        <div class="center-page">
          <p class="card muted">{phase.error ? `${phase.error} Đang thử lại…` : 'Đang tải…'}</p>
        </div>
      );
    case 'login':
      return <Login notice={phase.notice} onLoggedIn={(officer) => setPhase(afterLogin(officer))} />;
    case 'pick':
      return (
        <CounterPicker
          officer={phase.officer}
          onLogout={logout}
          onPick={(counterId) => {
            localStorage.setItem(COUNTER_KEY, String(counterId));
            setPhase({ kind: 'desk', officer: phase.officer, counterId });
          }}
        />
      );
    case 'desk':
      return (
        <Desk
          key={phase.counterId}
          officer={phase.officer}
          counterId={phase.counterId}
          onUnauthorized={expired}
          onLogout={logout}
          onChangeCounter={() => {
            localStorage.removeItem(COUNTER_KEY);
            setPhase({ kind: 'pick', officer: phase.officer });
          }}
        />
      );
  }
}
