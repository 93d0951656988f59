import type { AdminOffice, Draft, Health, KioskPrinter, OfficeDraft, PrinterHealth, PrinterSettings } from './types';
import { useDraft, useLoad } from './hooks';
import { KeyedCard, type KeyedWords } from './KeyedCard';
import { useOffice, type OfficeEditor } from './office';
import { Bi, EditForm, Loading, NumberInput, SectionHead, SelectInput, TextArea, TextInput } from './form';
import { LOGO_MAX_BYTES, PAPER_WIDTH, PAPER_WIDTH_CHOICES, parsePrinterTarget, PRINT_TIMEOUT_MS } from '../shared/printerSettings';

interface PrinterDraft {
  uri: string;
  paperWidthDots: number;
  timeoutMs: number | null;
  publicUrl: string;
  thankYou: string;
  headerLines: string;
  logoPath: string;
  kiosks: KioskPrinter[];
}

/** The print service's defaults for anything not set (server/printing/printService.ts). */
const toDraft = (s: PrinterSettings = {}): PrinterDraft => ({
  uri: s.uri ?? 'simulated',
  paperWidthDots: s.paperWidthDots ?? PAPER_WIDTH.default,
  timeoutMs: s.timeoutMs ?? PRINT_TIMEOUT_MS.default,
  publicUrl: s.publicUrl ?? '',
  thankYou: s.thankYou ?? '',
  headerLines: (s.headerLines ?? []).join('\n'),
  logoPath: s.logoPath ?? '',
  kiosks: (s.kiosks ?? []).map((k) => ({ ...k })),
});

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

const toSettings = (d: PrinterDraft): Draft<PrinterSettings> => ({
  uri: d.uri.trim(),
  paperWidthDots: d.paperWidthDots,
  timeoutMs: d.timeoutMs,
  publicUrl: orNull(d.publicUrl),
  thankYou: orNull(d.thankYou),
  headerLines: d.headerLines
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean),
  logoPath: orNull(d.logoPath),
  kiosks: d.kiosks.map((k) => ({ key: k.key.trim(), name: k.name.trim(), uri: k.uri.trim() })),
});

const WIDTHS = PAPER_WIDTH_CHOICES.map((w) => ({ value: String(w.dots), label: w.label }));

/**
 * The hint under a printer address: why the server will refuse it (the same rules), else `fallback`.
 * Whether a /dev path is really a character device is checked by the server when saving.
 */
const uriHint = (uri: string, fallback?: string): string | undefined => {
  const r = parsePrinterTarget(uri);
  return r.ok ? fallback : `Không hợp lệ: ${r.reason}.`;
};

/** Máy in phiếu: the ticket printer's settings and its health as the server sees it now. */
export function PrinterSection() {
  const editor = useOffice();
  const health = useLoad<Health>('/api/admin/health');
  const { office } = editor;
  const saveAndCheck = async (next: OfficeDraft) => {
    const ok = await editor.save(next);
    if (ok) await health.reload();
  };
  return (
    <section>
      <SectionHead title="Máy in phiếu" en="Ticket printer">
        Máy in nhiệt ESC/POS nối mạng (tcp://192.168.1.50:9100) hoặc cổng USB (/dev/usb/lp0); “simulated” ghi phiếu thành ảnh
        PNG trong thư mục dữ liệu; “none” là không in (kiosk hiện số và mã QR). Biến môi trường PRINTER, nếu có, được ưu tiên.
      </SectionHead>
      <HealthPanel health={health.data?.devices.printer ?? null} error={health.error} onCheck={() => void health.reload()} />
      {(health.data?.devices.kioskPrinters ?? []).map((k) => (
        <HealthPanel
          key={k.kiosk}
          title={`Máy in của kiosk ${k.name || k.kiosk}`}
          health={k}
          error={null}
          onCheck={() => void health.reload()}
        />
      ))}
      {office.data ? (
        <PrinterForm key={office.version} office={office.data} editor={editor} onSave={(next) => void saveAndCheck(next)} />
      ) : (
        <Loading error={office.error} onRetry={() => void office.reload()} />
      )}
    </section>
  );
}

interface FormProps {
  office: AdminOffice;
  editor: OfficeEditor;
  onSave: (next: OfficeDraft) => void;
}

function PrinterForm({ office, editor, onSave }: FormProps) {
  const [d, set] = useDraft(toDraft(office.settings.printer));
  const setKiosk = (i: number, k: KioskPrinter | null) =>
    set({ kiosks: k ? d.kiosks.map((x, j) => (j === i ? k : x)) : d.kiosks.filter((_, j) => j !== i) });
  const widths = WIDTHS.some((w) => w.value === String(d.paperWidthDots))
    ? WIDTHS
    : [...WIDTHS, { value: String(d.paperWidthDots), label: `${d.paperWidthDots} điểm` }];
  return (
    <EditForm
      saver={editor.saver}
      testId="printer-form"
      onSave={() => onSave({ ...office, settings: { ...office.settings, printer: toSettings(d) } })}
    >
      <TextInput
        label="Địa chỉ máy in"
        en="Printer URI"
        name="uri"
        value={d.uri}
        placeholder="tcp://192.168.1.50:9100"
        hint={uriHint(d.uri, 'Thiết bị /dev phải là máy in đang cắm (thiết bị ký tự).')}
        onValue={(uri) => set({ uri })}
      />
      <SelectInput label="Khổ giấy" en="Paper width" name="paperWidthDots" value={String(d.paperWidthDots)} options={widths} onValue={(v) => set({ paperWidthDots: Number(v) })} />
      <NumberInput
        label="Thời gian chờ máy in (ms)"
        en="Timeout (ms)"
        name="timeoutMs"
        value={d.timeoutMs}
        min={PRINT_TIMEOUT_MS.min}
        max={PRINT_TIMEOUT_MS.max}
        step={100}
        onValue={(timeoutMs) => set({ timeoutMs })}
      />
      <TextInput
        label="Địa chỉ máy chủ cho điện thoại"
        en="Public URL (QR code)"
        name="publicUrl"
        value={d.publicUrl}
        placeholder="http://192.168.1.10:3000"
        hint="Để trống: dùng địa chỉ mà kiosk đang mở."
        onValue={(publicUrl) => set({ publicUrl })}
      />
      <TextArea
        label="Dòng đầu phiếu"
        en="Header lines"
        name="headerLines"
        rows={5}
        value={d.headerLines}
        hint="Mỗi dòng một hàng, tối đa 5 dòng."
        onValue={(headerLines) => set({ headerLines })}
      />
      <div class="field-stack">
        <TextInput label="Lời cảm ơn cuối phiếu" en="Thank-you line" name="thankYou" value={d.thankYou} onValue={(thankYou) => set({ thankYou })} />
        <TextInput
          label="Logo (tệp PNG)"
          en="Logo path"
          name="logoPath"
          value={d.logoPath}
          placeholder="logo.png"
          hint={`Tệp PNG tối đa ${LOGO_MAX_BYTES / 1024} KB trong thư mục dữ liệu (DATA_DIR), đọc một lần khi lưu. Để trống: không in logo.`}
          onValue={(logoPath) => set({ logoPath })}
        />
      </div>

      <div class="wide profiles">
        <h2>
          <Bi vi="Kiosk có máy in riêng" en="Kiosks with their own printer" />
        </h2>
        <p class="muted small">
          Khi có nhiều kiosk, mỗi kiosk có thể in ra máy in đặt cạnh nó: mở kiosk bằng địa chỉ bên dưới. Kiosk khác in ra máy in
          chung ở trên.
        </p>
        {d.kiosks.map((k, i) => (
          <KioskCard key={i} index={i} kiosk={k} onChange={(next) => setKiosk(i, next)} />
        ))}
        <button
          type="button"
          class="btn"
          data-testid="add-kiosk-printer"
          onClick={() => set({ kiosks: [...d.kiosks, { key: '', name: '', uri: '' }] })}
        >
          + Thêm kiosk <span class="en">Add kiosk printer</span>
        </button>
      </div>
    </EditForm>
  );
}

export const kioskUrl = (key: string) => `${location.origin}/kiosk/?id=${encodeURIComponent(key)}`;

const KIOSK_WORDS: KeyedWords = {
  prefix: 'kiosk',
  thing: 'Kiosk',
  thingEn: 'kiosk',
  namePlaceholder: 'Kiosk tầng 2',
  keyPlaceholder: 'tang-2',
  keyHint: 'Chữ thường không dấu, số và dấu -.',
  urlLabel: 'Địa chỉ mở trên kiosk',
  urlLabelEn: 'URL to open on this kiosk',
};

/** One kiosk and its printer. */
function KioskCard({ index, kiosk: k, onChange }: { index: number; kiosk: KioskPrinter; onChange: (k: KioskPrinter | null) => void }) {
  return (
    <KeyedCard words={KIOSK_WORDS} index={index} item={k} url={kioskUrl} onChange={(patch) => onChange({ ...k, ...patch })} onRemove={() => onChange(null)}>
      <TextInput
        label="Địa chỉ máy in của kiosk"
        en="Printer URI"
        name={`kiosk-uri-${index}`}
        value={k.uri}
        placeholder="tcp://192.168.1.51:9100"
        hint={uriHint(k.uri)}
        onValue={(uri) => onChange({ ...k, uri })}
      />
    </KeyedCard>
  );
}

const FLAGS: { key: 'paperEnd' | 'paperNearEnd' | 'coverOpen'; vi: string }[] = [
  { key: 'paperEnd', vi: 'Hết giấy' },
  { key: 'paperNearEnd', vi: 'Sắp hết giấy' },
  { key: 'coverOpen', vi: 'Nắp đang mở' },
];

const time = (iso: string | undefined) => (iso ? new Date(iso).toLocaleTimeString('vi-VN', { hour12: false }) : '—');

interface HealthProps {
  title?: string;
  health: PrinterHealth | null;
  error: string | null;
  onCheck: () => void;
}

function HealthPanel({ title, health, error, onCheck }: HealthProps) {
  const state = !health ? null : health.kind === 'none' ? 'none' : health.online ? 'online' : 'offline';
  const flags = health ? FLAGS.filter((f) => health[f.key]) : [];
  return (
    <div class="panel health" data-testid={title ? 'kiosk-printer-health' : 'printer-health'} data-state={state ?? 'unknown'}>
      <div class="health-head">
        <h2>{title ? title : <Bi vi="Tình trạng máy in chung" en="Office printer status" />}</h2>
        {state === 'online' && <span class="pill pill-on">Sẵn sàng</span>}
        {state === 'offline' && <span class="pill pill-bad">Có sự cố</span>}
        {state === 'none' && <span class="pill pill-off">Không dùng máy in</span>}
        <button type="button" class="btn btn-small" onClick={onCheck}>
          Kiểm tra lại <span class="en">Check again</span>
        </button>
      </div>
      {!health ? (
        <p class="muted">{error ?? 'Đang kiểm tra…'}</p>
      ) : (
        <dl class="health-list">
          <div>
            <dt>Loại</dt>
            <dd>
              {health.kind}
              {health.target ? ` · ${health.target}` : ''}
            </dd>
          </div>
          <div>
            <dt>Trạng thái</dt>
            <dd>{flags.length ? flags.map((f) => f.vi).join(', ') : (health.error ?? (health.online ? 'Bình thường' : 'Không phản hồi'))}</dd>
          </div>
          <div>
            <dt>Kiểm tra lúc</dt>
            <dd>{time(health.checkedAt)}</dd>
          </div>
          <div>
            <dt>Lỗi gần nhất</dt>
            <dd>{health.lastFault ? `${time(health.lastFault.at)} – ${health.lastFault.message}` : 'Không có'}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
