import type { OfficerInfo } from '../shared/contract';
import { usePasswordChange } from '../shared/web/usePasswordChange';

interface Props {
  officer: OfficerInfo;
  /** After a generated or admin-set password: nothing else is possible until it is changed. */
  required: boolean;
  onChanged: (officer: OfficerInfo) => void;
  onCancel: () => void;
  onLogout: () => void;
}

const FIELDS = [
  { name: 'currentPassword', vi: 'Mật khẩu hiện tại', en: 'Current password', auto: 'current-password' },
  { name: 'newPassword', vi: 'Mật khẩu mới (ít nhất 8 ký tự)', en: 'New password', auto: 'new-password' },
  { name: 'repeatPassword', vi: 'Nhập lại mật khẩu mới', en: 'Repeat it', auto: 'new-password' },
] as const;

/** Đổi mật khẩu at the counter: required at the first login with a given password, else from the counter picker. */
export function ChangePassword({ officer, required, onChanged, onCancel, onLogout }: Props) {
  const f = usePasswordChange(onChanged);
  const values = { currentPassword: f.currentPassword, newPassword: f.newPassword, repeatPassword: f.repeat };
  const setters = { currentPassword: f.setCurrentPassword, newPassword: f.setNewPassword, repeatPassword: f.setRepeat };
  return (
    <div class="center-page">
      <form class="card login" data-testid="password-form" onSubmit={(e) => void f.submit(e)}>
        <h1>
          Đổi mật khẩu <span class="en">Change password</span>
        </h1>
        <p class={required ? 'notice' : undefined}>
          {required
            ? `${officer.name}: mật khẩu này được cấp cho bạn. Hãy đặt mật khẩu của riêng bạn trước khi làm việc.`
            : `${officer.name}: các máy khác đang đăng nhập bằng tài khoản này sẽ bị đăng xuất.`}
        </p>
        {FIELDS.map((x, i) => (
          <label key={x.name}>
            <span>
              {x.vi} <span class="en">{x.en}</span>
            </span>
            <input
              name={x.name}
              type="password"
              autoComplete={x.auto}
              value={values[x.name]}
              onInput={(e) => setters[x.name](e.currentTarget.value)}
              required
              autoFocus={i === 0}
            />
          </label>
        ))}
        {f.error && (
          <p class="form-error" role="alert">
            {f.error}
          </p>
        )}
        <button type="submit" class="primary-btn" disabled={f.sending}>
          {f.sending ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
        <button type="button" class="small-btn ghost" onClick={required ? onLogout : onCancel}>
          {required ? 'Đăng xuất' : 'Huỷ'}
        </button>
      </form>
    </div>
  );
}
