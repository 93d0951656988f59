import type { DisplayProfile, DisplaySettings } from '../shared/contract';
import type { AdminCounter, AdminOffice, AdminService } from './types';
import { useDraft, useLoad } from './hooks';
import { useOffice, type OfficeEditor } from './office';
import { Bi, Checkbox, CheckboxGroup, EditForm, Loading, SectionHead, SelectInput } from './form';
import { KeyedCard, type KeyedWords } from './KeyedCard';

/** What the TVs do when the office has never saved display settings (server/config/officeSettings.ts). */
const DEFAULTS: DisplaySettings = { voice: 'clips', repeat: 2, english: false, profiles: [] };

const REPEATS = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: `${v} lần` }));

const PROFILE_WORDS: KeyedWords = {
  prefix: 'profile',
  thing: 'Màn hình',
  thingEn: 'display',
  namePlaceholder: 'Tầng 1 – Sảnh chính',
  keyPlaceholder: 'tang-1',
  keyHint: 'Chữ thường không dấu, số và dấu -; dùng trong địa chỉ của TV.',
  urlLabel: 'Địa chỉ mở trên TV',
  urlLabelEn: 'URL to open on this TV',
};

export const displayUrl = (key: string) => `${location.origin}/display/?profile=${encodeURIComponent(key)}`;

/** Màn hình TV: how every TV announces calls, and the named profiles (one TV per floor, …). */
export function DisplaysSection() {
  const editor = useOffice();
  const counters = useLoad<AdminCounter[]>('/api/admin/counters');
  const services = useLoad<AdminService[]>('/api/admin/services');
  const { office } = editor;
  return (
    <section>
      <SectionHead title="Màn hình TV" en="Displays">
        Cách màn hình TV đọc số, và các cấu hình màn hình (ví dụ mỗi tầng một TV chỉ hiện các quầy của tầng đó). Thay đổi
        được áp dụng ngay trên mọi TV đang mở.
      </SectionHead>
      {office.data && counters.data && services.data ? (
        <DisplayForm key={office.version} office={office.data} editor={editor} counters={counters.data} services={services.data} />
      ) : (
        <Loading
          error={office.error ?? counters.error ?? services.error}
          onRetry={() => void Promise.all([office.reload(), counters.reload(), services.reload()])}
        />
      )}
    </section>
  );
}

interface FormProps {
  office: AdminOffice;
  editor: OfficeEditor;
  counters: AdminCounter[];
  services: AdminService[];
}

function DisplayForm({ office, editor, counters, services }: FormProps) {
  const loaded = office.settings.display;
  const [d, set] = useDraft<DisplaySettings>({ ...DEFAULTS, ...loaded, profiles: (loaded?.profiles ?? []).map((p) => ({ ...p })) });
  const setProfile = (i: number, p: DisplayProfile | null) =>
    set({ profiles: p ? d.profiles.map((x, j) => (j === i ? p : x)) : d.profiles.filter((_, j) => j !== i) });
  const addProfile = () => set({ profiles: [...d.profiles, { key: '', name: '', counters: [], services: [], muted: false }] });
  return (
    <EditForm
      saver={editor.saver}
      onSave={() => void editor.save({ ...office, settings: { ...office.settings, display: d } })}
      testId="display-form"
    >
      <SelectInput
        label="Giọng đọc"
        en="Voice"
        name="voice"
        value={d.voice}
        options={[
          { value: 'clips', label: 'Giọng thu sẵn (clips, không cần mạng)' },
          { value: 'speechSynthesis', label: 'Giọng của trình duyệt (speechSynthesis) nếu có tiếng Việt' },
        ]}
        onValue={(voice) => set({ voice })}
      />
      <SelectInput
        label="Số lần đọc mỗi số"
        en="Times each call is said"
        name="repeat"
        value={String(d.repeat)}
        options={REPEATS.some((r) => r.value === String(d.repeat)) ? REPEATS : [...REPEATS, { value: String(d.repeat), label: String(d.repeat) }]}
        onValue={(v) => set({ repeat: Number(v) })}
      />
      <Checkbox wide label="Đọc thêm bằng tiếng Anh" en="Also announce in English" name="english" checked={d.english} onValue={(english) => set({ english })} />

      <div class="wide profiles">
        <h2>
          <Bi vi="Cấu hình màn hình" en="Display profiles" />
        </h2>
        <p class="muted small">
          Mở địa chỉ của cấu hình trên TV. Không chọn quầy nào = mọi quầy (hoặc các quầy phục vụ lĩnh vực đã chọn); không chọn
          lĩnh vực nào = mọi lĩnh vực. Màn hình mở <code>/display/</code> không kèm cấu hình thì hiện tất cả. Bấm “Lưu” trước khi mở địa chỉ mới trên TV.
        </p>
        {d.profiles.map((p, i) => (
          <ProfileCard key={i} index={i} profile={p} counters={counters} services={services} onChange={(next) => setProfile(i, next)} />
        ))}
        {d.profiles.length === 0 && <p class="muted">Chưa có cấu hình màn hình nào. <span class="en">No profiles yet.</span></p>}
        <button type="button" class="btn" data-testid="add-profile" onClick={addProfile}>
          + Thêm màn hình <span class="en">Add display profile</span>
        </button>
      </div>
    </EditForm>
  );
}

interface CardProps {
  index: number;
  profile: DisplayProfile;
  counters: AdminCounter[];
  services: AdminService[];
  /** null removes the profile. */
  onChange: (p: DisplayProfile | null) => void;
}

/** One display profile. Values the lists do not know (an id, a removed counter) are kept and shown as they are. */
function ProfileCard({ index, profile: p, counters, services, onChange }: CardProps) {
  const set = (patch: Partial<DisplayProfile>) => onChange({ ...p, ...patch });
  const counterNumbers = [...new Set([...counters.map((c) => c.number), ...p.counters])].sort((a, b) => a - b);
  const codes = [...services.map((s) => s.code), ...p.services.filter((s) => !services.some((x) => x.code === s))];
  return (
    <KeyedCard words={PROFILE_WORDS} index={index} item={p} url={displayUrl} onChange={set} onRemove={() => onChange(null)}>
      <CheckboxGroup
        legend="Quầy hiển thị"
        en="Counters shown"
        name={`profile-counters-${index}`}
        options={counterNumbers.map((n) => ({ value: n, label: `Quầy ${n}` }))}
        selected={p.counters}
        onChange={(c) => set({ counters: c })}
      />
      <CheckboxGroup
        legend="Lĩnh vực hiển thị"
        en="Fields shown"
        name={`profile-services-${index}`}
        options={codes.map((code) => {
          const s = services.find((x) => x.code === code);
          return { value: code, label: s ? `${s.prefix || s.code} · ${s.name}` : code };
        })}
        selected={p.services}
        onChange={(s) => set({ services: s })}
      />
      <Checkbox label="Tắt tiếng đọc số" en="Muted" name={`profile-muted-${index}`} checked={p.muted} onValue={(muted) => set({ muted })} />
    </KeyedCard>
  );
}
