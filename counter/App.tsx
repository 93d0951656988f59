import type { OfficerInfo } from '../shared/contract';
import { SessionLoading, useSession } from '../shared/web/useSession';
import { Login } from './Login';
import { CounterPicker } from './CounterPicker';
import { Desk } from './Desk';
import { ChangePassword } from './ChangePassword';

const COUNTER_KEY = 'quayso.counter.id';

type Phase =
  | { kind: 'pick'; officer: OfficerInfo }
  | { kind: 'desk'; officer: OfficerInfo; counterId: number }
  | { kind: 'leader'; officer: OfficerInfo };

function storedCounter(officer: OfficerInfo): number | null {
  const id = Number(localStorage.getItem(COUNTER_KEY));
  if (!Number.isInteger(id) || id <= 0) return null;
  const allowed = officer.role === 'admin' || officer.counterIds.length === 0 || officer.counterIds.includes(id);
  return allowed ? id : null;
}

const afterLogin = (officer: OfficerInfo): Phase => {
  // A leader (Lãnh đạo) reads reports; the counter page is for officers who serve.
  if (officer.role === 'leader') return { kind: 'leader', officer };
  const counterId = storedCounter(officer);
  return counterId ? { kind: 'desk', officer, counterId } : { kind: 'pick', officer };
};

/** Login → choose a counter → work at it. A 401 anywhere brings the login back. */
export function App() {
  const { phase, setPhase, logout, expired, loggedIn, changePassword } = useSession(afterLogin);

  switch (phase.kind) {
    case 'loading':
      return <SessionLoading error={phase.error} />;
    case 'login':
      return <Login notice={phase.notice} onLoggedIn={loggedIn} />;
    case 'password':
      return (
        <ChangePassword
          officer={phase.officer}
          required={phase.required}
          onChanged={loggedIn}
          onCancel={() => loggedIn(phase.officer)}
          onLogout={logout}
        />
      );
    case 'pick':
      return (
        <CounterPicker
          officer={phase.officer}
          onLogout={logout}
          onChangePassword={() => changePassword(phase.officer)}
          onPick={(counterId) => {
            localStorage.setItem(COUNTER_KEY, String(counterId));
            setPhase({ kind: 'desk', officer: phase.officer, counterId });
          }}
        />
      );
    case 'leader':
      return (
        <div class="center-page">
          <div class="card picker" role="alert" data-testid="leader-refused">
            <h1>
              Tài khoản lãnh đạo không làm việc tại quầy <span class="en">Leader accounts do not work at a counter</span>
            </h1>
            <p>
              Tài khoản <b>{phase.officer.name}</b> chỉ xem báo cáo và theo dõi tình hình, không gọi số. Vui lòng dùng trang
              báo cáo, hoặc đăng nhập bằng tài khoản cán bộ.
            </p>
            <p class="muted">This account can read reports and watch the queue, but cannot call tickets.</p>
            <p>
              <a class="btn btn-primary" href="/admin/#dashboard">
                Xem tình hình hôm nay <span class="en">Today's dashboard</span>
              </a>{' '}
              <button type="button" class="btn" onClick={logout}>
                Đăng xuất <span class="en">Log out</span>
              </button>
            </p>
          </div>
        </div>
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
