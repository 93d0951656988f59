import { useState } from 'preact/hooks';
import type { OfficerInfo } from '../contract';
import { api, ApiError } from './api';

/**
 * The state and submit of a login form (counter and admin pages). The session is the
 * httpOnly cookie the server sets; a failure shows the server's Vietnamese-first message.
 */
export function useLogin(onLoggedIn: (officer: OfficerInfo) => void) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      const { officer } = await api<{ officer: OfficerInfo }>('POST', '/api/auth/login', { username: username.trim(), password });
      onLoggedIn(officer);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Đăng nhập không thành công. (Login failed.)');
      setSending(false);
    }
  };

  return { username, setUsername, password, setPassword, error, sending, submit };
}
