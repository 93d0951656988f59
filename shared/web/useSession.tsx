import { useCallback, useEffect, useState } from 'preact/hooks';
import type { OfficerInfo } from '../contract';
import { api, ApiError } from './api';

/**
 * Where a staff page is: finding out who is logged in, at the login form, changing the
 * password (`required` after a generated or admin-set one), or one of its own phases.
 */
export type SessionPhase<P> =
  | { kind: 'loading'; error: string | null }
  | { kind: 'login'; notice: string | null }
  | { kind: 'password'; officer: OfficerInfo; required: boolean }
  | P;

const EXPIRED = 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại. (Session expired.)';

/**
 * The session of a staff page (counter, admin): asks the server who is logged in (retrying
 * every 3 s while it is unreachable), then `afterLogin` picks the page's phase. `expired`
 * brings the login back with a note (on any 401); `logout` ends the session.
 * `afterLogin` must be a stable (module-level) function.
 */
export function useSession<P extends { kind: string }>(afterLogin: (officer: OfficerInfo) => P) {
  const [phase, setPhase] = useState<SessionPhase<P>>({ kind: 'loading', error: null });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () =>
      api<{ officer: OfficerInfo | null }>('GET', '/api/auth/me').then(
        ({ officer }) => setPhase(officer ? entered(officer, afterLogin) : { kind: 'login', notice: null }),
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
  }, [afterLogin]);

  const logout = useCallback(() => {
    void api('POST', '/api/auth/logout').catch(() => undefined);
    setPhase({ kind: 'login', notice: null });
  }, []);
  const expired = useCallback(() => setPhase({ kind: 'login', notice: EXPIRED }), []);
  const loggedIn = useCallback((officer: OfficerInfo) => setPhase(entered(officer, afterLogin)), [afterLogin]);
  /** Opens the change-password form (the officer's own choice, so it can be cancelled). */
  const changePassword = useCallback((officer: OfficerInfo) => setPhase({ kind: 'password', officer, required: false }), []);

  return { phase, setPhase, logout, expired, loggedIn, changePassword };
}

/** After login: the change-password form first when the password was generated or set by an admin. */
function entered<P>(officer: OfficerInfo, afterLogin: (officer: OfficerInfo) => P): SessionPhase<P> {
  return officer.mustChangePassword ? { kind: 'password', officer, required: true } : afterLogin(officer);
}

/** The page while the session is being checked (or the server is unreachable). */
export function SessionLoading({ error }: { error: string | null }) {
  return (
    <div class="center-page">
      <p class="card muted">{error ? `${error} Đang thử lại…` : 'Đang tải…'}</p>
    </div>
  );
}
