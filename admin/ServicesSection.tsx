import { Icon } from '../kiosk/icons';
import { NameCell } from './NameCell';
import type { AdminCounter, AdminService, Draft } from './types';
import { useLoad } from './hooks';
import { CrudSection } from './CrudSection';
import { Checkbox, NumberInput, SelectInput, TextInput } from './form';

type ServiceDraft = Draft<Omit<AdminService, 'id'>>;

/** The field icons the kiosk draws (kiosk/icons.tsx); anything else is drawn as "document". */
const ICONS = [
  { value: 'family', label: 'Gia đình (family)' },
  { value: 'land', label: 'Đất đai (land)' },
  { value: 'people', label: 'Người dân (people)' },
  { value: 'building', label: 'Toà nhà (building)' },
  { value: 'result', label: 'Trả kết quả (result)' },
  { value: 'document', label: 'Giấy tờ (document)' },
];

const blank = (): ServiceDraft => ({
  code: '',
  name: '',
  nameEn: '',
  icon: 'document',
  prefix: '',
  firstNumber: 1,
  lastNumber: 999,
  step: 1,
  digits: 3,
  dailyMax: null,
  fixedCounterId: null,
  active: true,
  sortOrder: 0,
});

const range = (s: AdminService) => {
  const pad = (n: number) => (s.prefix ? String(n).padStart(s.digits, '0') : String(n));
  return `${s.prefix}${pad(s.firstNumber)}–${s.prefix}${pad(s.lastNumber)}`;
};

/** Lĩnh vực: the fields citizens pick on the kiosk, and how their numbers are made. */
export function ServicesSection() {
  const counters = useLoad<AdminCounter[]>('/api/admin/counters');
  const counterOptions = [
    { value: '', label: '— Không (mọi quầy phục vụ lĩnh vực) —' },
    ...(counters.data ?? []).map((c) => ({ value: String(c.id), label: `Quầy ${c.number} – ${c.name}` })),
  ];
  return (
    <CrudSection<AdminService, ServiceDraft>
      path="/api/admin/services"
      title="Lĩnh vực"
      en="Fields"
      intro="Các lĩnh vực công dân chọn trên kiosk và cách đánh số thứ tự. Không xoá lĩnh vực: bỏ chọn “Đang dùng” để ẩn khỏi kiosk."
      noun="lĩnh vực"
      nounEn="field"
      blank={blank}
      toDraft={({ id: _id, ...s }) => s}
      toBody={(d) => d}
      rowName={(s) => s.name}
      columns={[
        { label: 'TT', en: 'Order', cell: (s) => s.sortOrder, kind: 'num' },
        { label: 'Mã', en: 'Code', cell: (s) => <code>{s.code}</code>, kind: 'nowrap' },
        { label: 'Tên lĩnh vực', en: 'Name', cell: (s) => <NameCell name={s.name} en={s.nameEn} icon={s.icon} /> },
        { label: 'Dải số', en: 'Numbers', cell: range, kind: 'nowrap' },
      ]}
      renderForm={(d, set) => (
        <>
          <TextInput label="Mã" en="Code" name="code" value={d.code} hint="Chữ, số, - và _ (ví dụ TP)." onValue={(code) => set({ code })} />
          <NumberInput label="Thứ tự hiển thị" en="Sort order" name="sortOrder" value={d.sortOrder} min={0} onValue={(sortOrder) => set({ sortOrder })} />
          <TextInput wide label="Tên lĩnh vực" en="Name" name="name" value={d.name} onValue={(name) => set({ name })} />
          <TextInput wide label="Tên tiếng Anh" en="English name" name="nameEn" value={d.nameEn} onValue={(nameEn) => set({ nameEn })} />
          <SelectInput
            label="Biểu tượng"
            en="Icon"
            name="icon"
            value={d.icon}
            options={ICONS.some((i) => i.value === d.icon) ? ICONS : [...ICONS, { value: d.icon, label: d.icon }]}
            onValue={(icon) => set({ icon })}
          />
          <div class="icon-preview" aria-hidden="true">
            <Icon name={d.icon} size={40} />
          </div>
          <TextInput
            label="Tiền tố"
            en="Prefix"
            name="prefix"
            value={d.prefix}
            hint="0–3 chữ in hoa (A → A012). Để trống: dãy số (1001–1999)."
            onValue={(prefix) => set({ prefix: prefix.toUpperCase() })}
          />
          <NumberInput label="Số chữ số" en="Digits" name="digits" value={d.digits} min={1} max={6} hint="3 → A001." onValue={(digits) => set({ digits })} />
          <NumberInput label="Số đầu" en="First number" name="firstNumber" value={d.firstNumber} min={0} onValue={(firstNumber) => set({ firstNumber })} />
          <NumberInput label="Số cuối" en="Last number" name="lastNumber" value={d.lastNumber} min={1} onValue={(lastNumber) => set({ lastNumber })} />
          <NumberInput label="Bước nhảy" en="Step" name="step" value={d.step} min={1} onValue={(step) => set({ step })} />
          <NumberInput
            label="Tối đa mỗi ngày"
            en="Daily maximum"
            name="dailyMax"
            value={d.dailyMax}
            min={1}
            hint="Để trống = không giới hạn."
            onValue={(dailyMax) => set({ dailyMax })}
          />
          <SelectInput
            wide
            label="Quầy cố định"
            en="Fixed counter"
            name="fixedCounterId"
            value={d.fixedCounterId == null ? '' : String(d.fixedCounterId)}
            options={counterOptions}
            hint="Nếu chọn, chỉ quầy này gọi số của lĩnh vực."
            onValue={(v) => set({ fixedCounterId: v === '' ? null : Number(v) })}
          />
          <Checkbox wide label="Đang dùng" en="Active (shown on the kiosk)" name="active" checked={d.active} onValue={(active) => set({ active })} />
        </>
      )}
    />
  );
}
