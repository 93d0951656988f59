import type { OfficerInfo, Role } from '../shared/contract';
import type { AdminCounter } from './types';
import { useLoad } from './hooks';
import { CrudSection } from './CrudSection';
import { Checkbox, CheckboxGroup, SelectInput, TextInput } from './form';

interface OfficerDraft {
  name: string;
  username: string;
  role: Role;
  active: boolean;
  counterIds: number[];
  /** Empty = keep the current password (required for a new account). */
  password: string;
}

const ROLES: { value: Role; label: string }[] = [
  { value: 'officer', label: 'Cán bộ tiếp nhận (officer)' },
  { value: 'admin', label: 'Quản trị (admin)' },
  { value: 'leader', label: 'Lãnh đạo (xem báo cáo)' },
];

const blank = (): OfficerDraft => ({ name: '', username: '', role: 'officer', active: true, counterIds: [], password: '' });

/** Cán bộ: accounts, their role, the counters they may work at, and their passwords. */
export function OfficersSection({ officer: me }: { officer: OfficerInfo }) {
  const counters = useLoad<AdminCounter[]>('/api/admin/counters');
  const all = counters.data ?? [];
  const counterText = (ids: number[]) =>
    ids.length === 0 ? 'Mọi quầy' : ids.map((id) => all.find((c) => c.id === id)?.number ?? `#${id}`).join(', ');
  return (
    <CrudSection<OfficerInfo, OfficerDraft>
      path="/api/admin/officers"
      title="Cán bộ"
      en="Officers"
      intro="Tài khoản đăng nhập của cán bộ và quản trị. Không xoá tài khoản: bỏ chọn “Đang dùng” để khoá (phiên đăng nhập kết thúc ngay)."
      noun="cán bộ"
      nounEn="officer"
      blank={blank}
      toDraft={({ name, username, role, active, counterIds }) => ({ name, username, role, active, counterIds, password: '' })}
      toBody={({ password, ...d }) => (password === '' ? d : { ...d, password })}
      rowName={(o) => o.name}
      columns={[
        { label: 'Họ tên', en: 'Name', cell: (o) => (o.id === me.id ? <>{o.name} <span class="pill">bạn · you</span></> : o.name) },
        { label: 'Tên đăng nhập', en: 'Username', cell: (o) => <code>{o.username}</code> },
        { label: 'Vai trò', en: 'Role', cell: (o) => (o.role === 'admin' ? 'Quản trị' : o.role === 'leader' ? 'Lãnh đạo' : 'Cán bộ'), kind: 'nowrap' },
        { label: 'Quầy', en: 'Counters', cell: (o) => counterText(o.counterIds) },
      ]}
      renderForm={(d, set, isNew) => (
        <>
          <TextInput wide label="Họ và tên" en="Full name" name="name" value={d.name} onValue={(name) => set({ name })} />
          <TextInput
            label="Tên đăng nhập"
            en="Username"
            name="username"
            value={d.username}
            hint="3–40 ký tự a-z 0-9 . _ -"
            onValue={(username) => set({ username })}
          />
          <SelectInput label="Vai trò" en="Role" name="role" value={d.role} options={ROLES} onValue={(role) => set({ role })} />
          <TextInput
            wide
            type="password"
            autoComplete="new-password"
            label={isNew ? 'Mật khẩu' : 'Đặt lại mật khẩu'}
            en={isNew ? 'Password' : 'Reset password'}
            name="password"
            value={d.password}
            hint={
              isNew
                ? 'Ít nhất 8 ký tự. Bắt buộc với tài khoản mới.'
                : 'Để trống nếu không đổi. Đổi mật khẩu sẽ đăng xuất cán bộ này khỏi mọi máy.'
            }
            onValue={(password) => set({ password })}
          />
          <CheckboxGroup
            legend="Quầy được làm việc"
            en="Counters assigned"
            hint="Không chọn quầy nào = được làm việc ở mọi quầy."
            name="counterIds"
            options={all.map((c) => ({ value: c.id, label: `Quầy ${c.number}` }))}
            selected={d.counterIds}
            onChange={(counterIds) => set({ counterIds })}
          />
          <Checkbox wide label="Đang dùng" en="Active (may log in)" name="active" checked={d.active} onValue={(active) => set({ active })} />
        </>
      )}
    />
  );
}
