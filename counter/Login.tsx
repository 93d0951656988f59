import type { OfficerInfo } from '../shared/contract';
import { useLogin } from '../shared/web/useLogin';

interface Props {
  notice: string | null;
  onLoggedIn: (officer: OfficerInfo) => void;
}

/** The officer's login form. The session is an httpOnly cookie set by the server. */
export function Login({ notice, onLoggedIn }: Props) {
  const { username, setUsername, password, setPassword, error, sending, submit } = useLogin(onLoggedIn);

  return (
    <div class="center-page">
      <form class="card login" onSubmit={(e) => void submit(e)}>
        <h1>
          Quầy tiếp nhận <span class="en">Counter – officer login</span>
        </h1>
        {notice && <p class="notice">{notice}</p>}
        <label>
          <span>
            Tên đăng nhập <span class="en">Username</span>
          </span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            required
            autoFocus
          />
        </label>
        <label>
          <span>
            Mật khẩu <span class="en">Password</span>
          </span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary-btn" disabled={sending}>
          {sending ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </div>
  );
}
