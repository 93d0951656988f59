import type { OfficerInfo } from '../shared/contract';
import { usePasswordChange } from '../shared/web/usePasswordChange';
import { Bi, TextInput } from './form';

interface Props {
  officer: OfficerInfo;
  /** After a generated or admin-set password: nothing else is possible until it is changed. */
  required: boolean;
  onChanged: (officer: OfficerInfo) => void;
  onCancel: () => void;
  onLogout: () => void;
}

/** Đổi mật khẩu: the officer's own new password (required at the first login with a given one). */
export function ChangePassword({ officer, required, onChanged, onCancel, onLogout }: Props) {
  const f = usePasswordChange(onChanged);
  return (
    <div class="center-page">
      <form class="card login" data-testid="password-form" onSubmit={(e) => void f.submit(e)}>
        <h1>
          <Bi vi="Đổi mật khẩu" en="Change password" />
        </h1>
        <p class={required ? 'notice' : 'muted'}>
          {required
            ? `${officer.name}: mật khẩu này được cấp cho bạn. Hãy đặt mật khẩu của riêng bạn (ít nhất 8 ký tự) trước khi tiếp tục.`
            : `${officer.name}: mật khẩu mới ít nhất 8 ký tự. Các máy khác đang đăng nhập bằng tài khoản này sẽ bị đăng xuất.`}
        </p>
        <TextInput
          label="Mật khẩu hiện tại"
          en="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={f.currentPassword}
          onValue={f.setCurrentPassword}
        />
        <TextInput
          label="Mật khẩu mới"
          en="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={f.newPassword}
          onValue={f.setNewPassword}
        />
        <TextInput
          label="Nhập lại mật khẩu mới"
          en="Repeat the new password"
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={f.repeat}
          onValue={f.setRepeat}
        />
        {f.error && (
          <p class="status-error" role="alert">
            {f.error}
          </p>
        )}
        <button type="submit" class="btn btn-primary btn-big" disabled={f.sending}>
          {f.sending ? 'Đang lưu…' : 'Đổi mật khẩu'} <span class="en">Change password</span>
        </button>
        <button type="button" class="btn" onClick={required ? onLogout : onCancel}>
          {required ? 'Đăng xuất' : 'Huỷ'} <span class="en">{required ? 'Log out' : 'Cancel'}</span>
        </button>
      </form>
    </div>
  );
}
