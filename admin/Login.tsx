import type { OfficerInfo } from '../shared/contract';
import { useLogin } from '../shared/web/useLogin';
import { Bi, TextInput } from './form';

interface Props {
  notice: string | null;
  onLoggedIn: (officer: OfficerInfo) => void;
}

/** The administrator's login. The session is the httpOnly cookie the server sets. */
export function Login({ notice, onLoggedIn }: Props) {
  const { username, setUsername, password, setPassword, error, sending, submit } = useLogin(onLoggedIn);

  return (
    <div class="center-page">
      <form class="card login" onSubmit={(e) => void submit(e)}>
        <h1>
          <Bi vi="Quản trị đơn vị" en="Office administration" />
        </h1>
        {notice && <p class="notice">{notice}</p>}
        <TextInput label="Tên đăng nhập" en="Username" name="username" autoComplete="username" value={username} onValue={setUsername} />
        <TextInput
          label="Mật khẩu"
          en="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        {error && (
          <p class="status-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn btn-primary btn-big" disabled={sending}>
          {sending ? 'Đang đăng nhập…' : 'Đăng nhập'} <span class="en">Log in</span>
        </button>
      </form>
    </div>
  );
}
