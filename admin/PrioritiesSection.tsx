import type { PriorityCategory } from '../shared/contract';
import type { Draft } from './types';
import { CrudSection } from './CrudSection';
import { Checkbox, NumberInput, TextInput } from './form';
import { NameCell } from './NameCell';

type PriorityDraft = Draft<Omit<PriorityCategory, 'id'>>;

const blank = (): PriorityDraft => ({ name: '', nameEn: '', active: true, sortOrder: 0 });

/** Đối tượng ưu tiên: the categories offered on the kiosk's "Ưu tiên" path. */
export function PrioritiesSection() {
  return (
    <CrudSection<PriorityCategory, PriorityDraft>
      path="/api/admin/priorities"
      title="Đối tượng ưu tiên"
      en="Priority categories"
      intro="Các đối tượng được gọi trước (người cao tuổi, người khuyết tật, …), chọn trên kiosk. Không xoá: bỏ chọn “Đang dùng” để ẩn."
      noun="đối tượng"
      nounEn="category"
      blank={blank}
      toDraft={({ id: _id, ...p }) => p}
      toBody={(d) => d}
      rowName={(p) => p.name}
      columns={[
        { label: 'TT', en: 'Order', cell: (p) => p.sortOrder, kind: 'num' },
        { label: 'Tên', en: 'Name', cell: (p) => <NameCell name={p.name} en={p.nameEn} /> },
      ]}
      renderForm={(d, set) => (
        <>
          <TextInput wide label="Tên" en="Name" name="name" value={d.name} onValue={(name) => set({ name })} />
          <TextInput wide label="Tên tiếng Anh" en="English name" name="nameEn" value={d.nameEn} onValue={(nameEn) => set({ nameEn })} />
          <NumberInput label="Thứ tự hiển thị" en="Sort order" name="sortOrder" value={d.sortOrder} min={0} onValue={(sortOrder) => set({ sortOrder })} />
          <Checkbox label="Đang dùng" en="Active" name="active" checked={d.active} onValue={(active) => set({ active })} />
        </>
      )}
    />
  );
}
