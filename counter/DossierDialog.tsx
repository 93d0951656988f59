import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNELS, CHANNEL_LABELS, DOCUMENT_FORMS, DOCUMENT_FORM_LABELS, type Channel, type DocumentForm, type Procedure, type ProcedureSummary } from '../shared/catalogue';
import type { StaffTicket } from '../shared/contract';
import type { StaffDossier } from '../shared/dossiers';
import { api } from '../shared/web/api';
import { Dialog } from './Dialog';
import { errorText, type RegisteredDossier } from './useDossiers';
import './dossier.css';

interface DocRow {
  name: string;
  form: string;
  copies: number;
  checked: boolean;
}

const formText = (form: string) => ((DOCUMENT_FORMS as readonly string[]).includes(form) ? DOCUMENT_FORM_LABELS[form as DocumentForm].vi : form);

interface Props {
  counterId: number;
  ticket: StaffTicket;
  /** The full name read from the chip card of this ticket (null: none read). */
  cardName: string | null;
  onRegistered: (r: RegisteredDossier) => void;
  onLinked: (d: StaffDossier) => void;
  onClose: () => void;
}

/**
 * H: "Hồ sơ" for the ticket being served. Tab "Tiếp nhận hồ sơ mới" (Alt+N): find the procedure
 * as you type (↑/↓, Enter), tick the papers received, the applicant, Ctrl+Enter (or Enter in a
 * text field) saves and prints the slip. Tab "Liên kết hồ sơ" (Alt+L): type or scan the code.
 */
export function DossierDialog({ counterId, ticket, cardName, onRegistered, onLinked, onClose }: Props) {
  const [tab, setTab] = useState<'new' | 'link'>('new');
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === 'n' || k === 'l') {
      e.preventDefault();
      setTab(k === 'n' ? 'new' : 'link');
    }
  };
  return (
    <Dialog title={`Hồ sơ – số ${ticket.number}`} titleEn="Dossier" onClose={onClose}>
      <div class="dossier-dialog" onKeyDown={onKeyDown}>
        <div class="tabs" role="tablist">
          {/* Tabs are switched with Alt+N / Alt+L (or a click): not buttons, so that the dialog focuses the first field. */}
          <div role="tab" tabIndex={-1} class={`tab${tab === 'new' ? ' tab-on' : ''}`} aria-selected={tab === 'new'} data-tab="new" onClick={() => setTab('new')}>
            Tiếp nhận hồ sơ mới <kbd>Alt+N</kbd>
          </div>
          <div role="tab" tabIndex={-1} class={`tab${tab === 'link' ? ' tab-on' : ''}`} aria-selected={tab === 'link'} data-tab="link" onClick={() => setTab('link')}>
            Liên kết hồ sơ <kbd>Alt+L</kbd>
          </div>
        </div>
        {tab === 'new' ? (
          <RegisterForm counterId={counterId} cardName={cardName} onRegistered={onRegistered} />
        ) : (
          <LinkForm counterId={counterId} onLinked={onLinked} />
        )}
      </div>
    </Dialog>
  );
}

function RegisterForm({ counterId, cardName, onRegistered }: { counterId: number; cardName: string | null; onRegistered: (r: RegisteredDossier) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ProcedureSummary[]>([]);
  const [active, setActive] = useState(0);
  const [proc, setProc] = useState<Procedure | null>(null);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [extra, setExtra] = useState('');
  const [sets, setSets] = useState(1);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [channel, setChannel] = useState<Channel>('truc_tiep');
  const [fromCard, setFromCard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (proc) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api<{ procedures: ProcedureSummary[] }>('GET', `/api/dossier-procedures?q=${encodeURIComponent(query)}`)
        .then((r) => {
          if (mine !== seq.current) return;
          setHits(r.procedures);
          setActive(0);
        })
        .catch((e: unknown) => mine === seq.current && setError(errorText(e)));
    }, 120);
    return () => clearTimeout(timer);
  }, [query, proc]);

  useEffect(() => {
    if (proc) nameRef.current?.focus();
    else searchRef.current?.focus();
  }, [proc]);

  const pick = async (p: ProcedureSummary | undefined) => {
    if (!p) return;
    setError(null);
    try {
      const full = await api<Procedure>('GET', `/api/dossier-procedures/${encodeURIComponent(p.code)}`);
      setProc(full);
      // Every paper of the procedure starts ticked: the officer unticks what is missing.
      setDocs(full.documents.map((d) => ({ name: d.name, form: d.form, copies: d.copies, checked: true })));
      setSets(full.sets || 1);
      setChannel(full.channels.some((c) => c.channel === 'truc_tiep') || full.channels.length === 0 ? 'truc_tiep' : full.channels[0]!.channel);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const fromCardNow = () => {
    if (!cardName) return;
    setName(cardName);
    setFromCard(true);
  };

  const submit = async () => {
    if (!proc || saving) return;
    setError(null);
    setSaving(true);
    try {
      const r = await api<RegisteredDossier>('POST', `/api/counters/${counterId}/dossiers`, {
        procedureCode: proc.code,
        applicant: { name, phone, address },
        channel,
        documents: docs.filter((d) => d.checked).map(({ name: n, form, copies }) => ({ name: n, form, copies })),
        sets,
        fromCard,
      });
      onRegistered(r);
    } catch (e) {
      setError(errorText(e));
      setSaving(false);
    }
  };

  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, Math.min(hits.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void pick(hits[active]);
    }
  };

  const onFormKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.altKey && e.key.toLowerCase() === 't') {
      e.preventDefault();
      fromCardNow();
    }
  };

  const addExtra = () => {
    const n = extra.trim();
    if (!n) return;
    setDocs((d) => [...d, { name: n, form: 'copy', copies: 1, checked: true }]);
    setExtra('');
  };

  if (!proc) {
    return (
      <div class="reg-search">
        <label class="reg-label" for="proc-search">
          Thủ tục <span class="en">Procedure – type the name or code</span>
        </label>
        <input
          id="proc-search"
          ref={searchRef}
          data-autofocus
          class="reg-input reg-search-input"
          value={query}
          autoComplete="off"
          placeholder="Ví dụ: khai sinh, 1.001193…"
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onSearchKey}
        />
        <ul class="proc-hits" role="listbox">
          {hits.map((h, i) => (
            <li key={h.code}>
              <button type="button" class={`proc-hit${i === active ? ' proc-hit-on' : ''}`} data-code={h.code} role="option" aria-selected={i === active} onClick={() => void pick(h)}>
                <span class="proc-code">{h.code}</span>
                <span class="proc-name">{h.name}</span>
                {h.fieldName && <small class="muted">{h.fieldName}</small>}
              </button>
            </li>
          ))}
          {hits.length === 0 && <li class="muted">Không tìm thấy thủ tục. (No procedure found.)</li>}
        </ul>
        <p class="muted reg-hint">
          <kbd>↑</kbd> <kbd>↓</kbd> chọn · <kbd>Enter</kbd> lấy thủ tục
        </p>
        {error && (
          <p class="reg-error" role="alert" data-testid="dossier-error">
            {error}
          </p>
        )}
      </div>
    );
  }

  const time = proc.channels.find((c) => c.channel === channel)?.time ?? proc.channels[0]?.time;
  return (
    <form
      class="reg-form"
      onKeyDown={onFormKey}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="reg-proc">
        <div>
          <b data-testid="reg-procedure">{proc.name}</b> <span class="muted">({proc.code})</span>
          {time && (
            <small class="muted reg-time">
              {' '}
              · Thời hạn: {time.unit === 'same_day' ? 'trong ngày' : `${time.value} ${time.unit === 'working_days' ? 'ngày làm việc' : 'giờ làm việc'}`}
            </small>
          )}
        </div>
        <button type="button" class="reg-change" onClick={() => setProc(null)}>
          Đổi thủ tục <span class="en">Change</span>
        </button>
      </div>
      <fieldset class="reg-docs">
        <legend>
          Giấy tờ đã nhận <span class="en">Papers received (untick what is missing)</span>
        </legend>
        {docs.map((d, i) => (
          <div class="reg-doc" key={i}>
            <label>
              <input
                type="checkbox"
                checked={d.checked}
                data-doc={i}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setDocs((all) => all.map((x, j) => (j === i ? { ...x, checked } : x)));
                }}
              />
              <span class="reg-doc-name">{d.name}</span>
              <small class="muted">{formText(d.form)}</small>
            </label>
            <input
              type="number"
              class="reg-copies"
              min={1}
              max={99}
              value={d.copies}
              aria-label="Số bản (copies)"
              onInput={(e) => {
                const copies = Math.max(1, Math.min(99, Number(e.currentTarget.value) || 1));
                setDocs((all) => all.map((x, j) => (j === i ? { ...x, copies } : x)));
              }}
            />
            <small class="muted">bản</small>
          </div>
        ))}
        <div class="reg-extra">
          <input
            class="reg-input"
            value={extra}
            placeholder="Giấy tờ khác… (Enter để thêm)"
            onInput={(e) => setExtra(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                addExtra();
              }
            }}
          />
        </div>
      </fieldset>
      <div class="reg-grid">
        <label class="reg-field reg-wide">
          <span>
            Họ tên người nộp <span class="en">Applicant</span>
          </span>
          <span class="reg-name-row">
            <input ref={nameRef} name="applicant-name" class="reg-input" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
            {cardName && (
              <button type="button" class={`reg-card${fromCard ? ' reg-card-on' : ''}`} data-testid="from-card" onClick={fromCardNow}>
                {fromCard ? 'Đã lấy từ thẻ CCCD' : 'Lấy từ thẻ CCCD'} <kbd>Alt+T</kbd>
              </button>
            )}
          </span>
        </label>
        <label class="reg-field">
          <span>
            Điện thoại <span class="en">Phone</span>
          </span>
          <input name="applicant-phone" class="reg-input" inputMode="tel" value={phone} maxLength={20} onInput={(e) => setPhone(e.currentTarget.value)} />
        </label>
        <label class="reg-field">
          <span>
            Hình thức <span class="en">Channel</span>
          </span>
          <select class="reg-input" value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c].vi}
              </option>
            ))}
          </select>
        </label>
        <label class="reg-field reg-wide">
          <span>
            Địa chỉ <span class="en">Address</span>
          </span>
          <input name="applicant-address" class="reg-input" value={address} maxLength={300} onInput={(e) => setAddress(e.currentTarget.value)} />
        </label>
        <label class="reg-field">
          <span>
            Số bộ hồ sơ <span class="en">Sets</span>
          </span>
          <input
            type="number"
            name="sets"
            class="reg-input"
            min={1}
            max={99}
            value={sets}
            onInput={(e) => setSets(Math.max(1, Math.min(99, Number(e.currentTarget.value) || 1)))}
          />
        </label>
      </div>
      {error && (
        <p class="reg-error" role="alert" data-testid="dossier-error">
          {error}
        </p>
      )}
      <button type="submit" class="reg-save" disabled={saving} data-testid="dossier-save">
        {saving ? 'Đang lưu…' : 'Tiếp nhận và in phiếu hẹn'} <kbd>Ctrl+Enter</kbd>
        <span class="en">Register and print the slip</span>
      </button>
    </form>
  );
}

function LinkForm({ counterId, onLinked }: { counterId: number; onLinked: (d: StaffDossier) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const submit = async () => {
    if (busy || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ dossier: StaffDossier }>('POST', `/api/counters/${counterId}/dossiers/link`, { code: code.trim() });
      onLinked(r.dossier);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
      ref.current?.select();
    }
  };
  return (
    <form
      class="link-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label class="reg-label" for="link-code">
        Mã hồ sơ <span class="en">Dossier code – type it or scan the slip's QR</span>
      </label>
      <input id="link-code" ref={ref} class="reg-input link-input" value={code} autoComplete="off" placeholder="000.00.00.H56-yyMMdd-0001" onInput={(e) => setCode(e.currentTarget.value)} />
      {error && (
        <p class="reg-error" role="alert" data-testid="dossier-error">
          {error}
        </p>
      )}
      <button type="submit" class="reg-save" disabled={busy}>
        Liên kết với số đang phục vụ <kbd>Enter</kbd>
      </button>
    </form>
  );
}

interface ReturnProps {
  counterId: number;
  /** Codes of the ticket's dossiers whose result is not handed over yet; the first is offered. */
  suggested: string[];
  onReturned: (d: StaffDossier) => void;
  onClose: () => void;
}

/** G: "Trả kết quả": the linked dossier (or one typed or scanned) becomes "Đã trả kết quả". */
export function ReturnDialog({ counterId, suggested, onReturned, onClose }: ReturnProps) {
  const [code, setCode] = useState(suggested[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ dossier: StaffDossier }>('POST', `/api/dossiers/${encodeURIComponent(code.trim())}/return`, { counterId });
      onReturned(r.dossier);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Trả kết quả" titleEn="Hand the result over" onClose={onClose}>
      <form
        class="link-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label class="reg-label" for="return-code">
          Mã hồ sơ <span class="en">Dossier code – type it or scan the slip's QR</span>
        </label>
        <input
          id="return-code"
          data-autofocus
          class="reg-input link-input"
          value={code}
          autoComplete="off"
          onInput={(e) => setCode(e.currentTarget.value)}
          onFocus={(e) => e.currentTarget.select()}
        />
        {suggested.length > 1 && <p class="muted">Số này có {suggested.length} hồ sơ chưa trả: {suggested.join(', ')}</p>}
        {error && (
          <p class="reg-error" role="alert" data-testid="dossier-error">
            {error}
          </p>
        )}
        <button type="submit" class="reg-save" disabled={busy} data-testid="return-save">
          Xác nhận đã trả kết quả <kbd>Enter</kbd>
        </button>
      </form>
    </Dialog>
  );
}
