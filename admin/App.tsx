import type { OfficerInfo } from '../shared/contract';
import { SessionLoading, useSession } from '../shared/web/useSession';
import { SessionLost } from './hooks';
import { Bi } from './form';
import { Login } from './Login';
import { Shell } from './Shell';
import { ChangePassword } from './ChangePassword';

type Phase = { kind: 'forbidden'; officer: OfficerInfo } | { kind: 'admin'; officer: OfficerInfo };

const afterLogin = (officer: OfficerInfo): Phase =>
  officer.role === 'admin' || officer.role === 'leader' ? { kind: 'admin', officer } : { kind: 'forbidden', officer };

/** Login → (admins only) the administration screens. A 401 anywhere brings the login back. */
export function App() {
  const { phase, logout, expired, loggedIn, changePassword } = useSession(afterLogin);

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
    case 'forbidden':
      return (
        <div class="center-page">
          <div class="card forbidden" role="alert">
            <h1>
              <Bi vi="Cần quyền quản trị" en="Administrator role required" />
            </h1>
            <p>
              Tài khoản <b>{phase.officer.name}</b> ({phase.officer.username}) là cán bộ tiếp nhận, không có quyền thay đổi
              cấu hình đơn vị. Vui lòng đăng nhập bằng tài khoản quản trị.
            </p>
            <p class="muted">This account is an officer account and cannot change the office configuration.</p>
            <div class="row-actions">
              <button type="button" class="btn btn-primary" onClick={logout}>
                Đăng xuất <span class="en">Log out</span>
              </button>
              <a class="btn" href="/counter/">
                Đến trang quầy <span class="en">Counter page</span>
              </a>
            </div>
          </div>
        </div>
      );
    case 'admin':
      return (
        <SessionLost.Provider value={expired}>
          <Shell officer={phase.officer} onLogout={logout} onChangePassword={() => changePassword(phase.officer)} />
        </SessionLost.Provider>
      );
  }
}
