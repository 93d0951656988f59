import { useState } from 'preact/hooks';
import type { OfficerInfo } from '../contract';
import { api, ApiError } from './api';

/**
 * The state and submit of a change-password form (counter and admin pages): the current
 * password, the new one typed twice. The server checks the rest (at least 8 characters,
 * not the old one) and answers with the officer, no longer required to change it.
 */
export function usePasswordChange(onChanged: (officer: OfficerInfo) => void) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending) return;
    if (newPassword !== repeat) {
      setError('Hai lần nhập mật khẩu mới không giống nhau. (The two new passwords differ.)');
      return;
    }
    setSending(true);
    setError(null);
    try {
      const { officer } = await api<{ officer: OfficerInfo }>('POST', '/api/auth/password', { currentPassword, newPassword });
      onChanged(officer);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Không đổi được mật khẩu. (Could not change the password.)');
      setSending(false);
    }
  };

  return { currentPassword, setCurrentPassword, newPassword, setNewPassword, repeat, setRepeat, error, sending, submit };
}
