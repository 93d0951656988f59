import type { AdminCounter, AdminService, Draft } from './types';
import { useLoad } from './hooks';
import { CrudSection } from './CrudSection';
import { Checkbox, NumberInput, TextInput } from './form';
import { OrderedPicker } from './OrderedPicker';

type CounterDraft = Draft<Omit<AdminCounter, 'id' | 'paused'>>;

const blank = (): CounterDraft => ({ number: null, name: '', active: true, serviceIds: [] });

/** Quầy: the counters, and the fields each serves in order of preference. */
export function CountersSection() {
  const services = useLoad<AdminService[]>('/api/admin/services');
  const all = services.data ?? [];
  const serviceName = (id: number) => all.find((s) => s.id === id)?.name ?? `#${id}`;
  const options = all.map((s) => ({ value: s.id, label: `${s.prefix ? `${s.prefix} · ` : ''}${s.name}${s.active ? '' : ' (ngừng dùng)'}` }));
  return (
    <CrudSection<AdminCounter, CounterDraft>
      path="/api/admin/counters"
      title="Quầy"
      en="Counters"
      intro="Các quầy tiếp nhận và những lĩnh vực mỗi quầy gọi số, theo thứ tự ưu tiên. Không xoá quầy: bỏ chọn “Đang dùng” để đóng quầy."
      noun="quầy"
      nounEn="counter"
      blank={blank}
      toDraft={({ number, name, active, serviceIds }) => ({ number, name, active, serviceIds })}
      toBody={(d) => d}
      rowName={(c) => c.name}
      columns={[
        { label: 'Số', en: 'No.', cell: (c) => <b>{c.number}</b>, kind: 'num' },
        { label: 'Tên quầy', en: 'Name', cell: (c) => c.name },
        {
          label: 'Lĩnh vực (theo thứ tự)',
          en: 'Fields, in order',
          cell: (c) => (
            <ol class="inline-list">
              {c.serviceIds.map((id) => (
                <li key={id}>{serviceName(id)}</li>
              ))}
            </ol>
          ),
        },
      ]}
      renderForm={(d, set) => (
        <>
          <NumberInput label="Số quầy" en="Counter number" name="number" value={d.number} min={1} max={999} onValue={(number) => set({ number })} />
          <Checkbox label="Đang dùng" en="Active" name="active" checked={d.active} onValue={(active) => set({ active })} />
          <TextInput wide label="Tên quầy" en="Name" name="name" value={d.name} placeholder="Quầy 5 – Cư trú" onValue={(name) => set({ name })} />
          <OrderedPicker
            legend="Lĩnh vực phục vụ"
            en="Fields served, in order of preference"
            hint="Lĩnh vực đầu tiên được ưu tiên khi thứ tự gọi số là “theo lĩnh vực của quầy”."
            options={options}
            value={d.serviceIds}
            onChange={(serviceIds) => set({ serviceIds })}
          />
        </>
      )}
    />
  );
}
