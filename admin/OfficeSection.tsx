import type { AdminOffice, Draft } from './types';
import { useDraft } from './hooks';
import { useOffice, type OfficeEditor } from './office';
import { EditForm, Loading, NumberInput, SectionHead, SelectInput, TextArea, TextInput } from './form';

type OfficeFields = Draft<Omit<AdminOffice, 'settings'>>;

const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Đơn vị: the office record (its settings stay as loaded; other sections edit them). */
export function OfficeSection() {
  const editor = useOffice();
  const { office } = editor;
  return (
    <section>
      <SectionHead title="Đơn vị" en="Office">
        Thông tin đơn vị, cách gọi số và dòng thông báo chạy trên màn hình TV.
      </SectionHead>
      {office.data ? (
        <OfficeForm key={office.version} initial={office.data} editor={editor} />
      ) : (
        <Loading error={office.error} onRetry={() => void office.reload()} />
      )}
    </section>
  );
}

function OfficeForm({ initial, editor }: { initial: AdminOffice; editor: OfficeEditor }) {
  const { settings, ...fields } = initial;
  const [d, set] = useDraft<OfficeFields>(fields);
  return (
    <EditForm saver={editor.saver} onSave={() => void editor.save({ ...d, settings })} testId="office-form">
      <TextInput wide label="Tên đơn vị" en="Office name" name="name" value={d.name} onValue={(name) => set({ name })} />
      <TextArea
        wide
        rows={2}
        label="Dòng thông báo trên TV"
        en="Notice line on the TV"
        name="notice"
        value={d.notice}
        hint="Chạy chữ ở cuối màn hình TV. Để trống nếu không dùng."
        onValue={(notice) => set({ notice })}
      />
      <TextInput
        label="Mã định danh"
        en="Agency code"
        name="agencyCode"
        value={d.agencyCode}
        placeholder="000.00.06.H56"
        hint="Dạng 000.00.06.H56 (mã định danh điện tử của cơ quan)."
        onValue={(agencyCode) => set({ agencyCode })}
      />
      <TextInput
        label="Múi giờ"
        en="Time zone"
        name="timeZone"
        list="admin-time-zones"
        value={d.timeZone}
        hint="Mặc định Asia/Ho_Chi_Minh."
        onValue={(timeZone) => set({ timeZone })}
      />
      <datalist id="admin-time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <TextInput
        label="Giờ bắt đầu ngày làm việc"
        en="Service day starts"
        name="dayStart"
        value={d.dayStart}
        placeholder="00:00"
        hint="HH:MM. Số thứ tự bắt đầu lại từ đầu vào giờ này mỗi ngày."
        onValue={(dayStart) => set({ dayStart })}
      />
      <SelectInput
        label="Thứ tự gọi số"
        en="Call order"
        name="callOrder"
        value={d.callOrder}
        options={[
          { value: 'oldest', label: 'Số chờ lâu nhất trước (oldest)' },
          { value: 'preference', label: 'Theo thứ tự lĩnh vực của quầy (preference)' },
        ]}
        onValue={(callOrder) => set({ callOrder })}
      />
      <NumberInput
        label="Số lượt ưu tiên liên tiếp tối đa"
        en="Priority streak limit"
        name="priorityStreakLimit"
        value={d.priorityStreakLimit}
        min={0}
        max={50}
        hint="Sau ngần này lượt ưu tiên liên tiếp, gọi một số thường. 0 = không giới hạn."
        onValue={(priorityStreakLimit) => set({ priorityStreakLimit })}
      />
      <NumberInput
        label="Giới hạn lấy số mỗi phút (mỗi kiosk)"
        en="Kiosk rate limit per minute"
        name="ticketRateLimitPerMinute"
        value={d.ticketRateLimitPerMinute}
        min={0}
        hint="0 = không giới hạn."
        onValue={(ticketRateLimitPerMinute) => set({ ticketRateLimitPerMinute })}
      />
      <NumberInput
        label="Thời gian phục vụ mặc định (phút)"
        en="Default service minutes"
        name="defaultServiceMinutes"
        value={d.defaultServiceMinutes}
        min={0.5}
        max={480}
        step={0.5}
        hint="Dùng để ước tính thời gian chờ khi chưa có số liệu."
        onValue={(defaultServiceMinutes) => set({ defaultServiceMinutes })}
      />
    </EditForm>
  );
}
