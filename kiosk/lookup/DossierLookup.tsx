import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicDossierStatus } from '../../shared/dossiers';
import { api, ApiError } from '../../shared/web/api';
import type { CardState } from '../useCard';
import type { Lang } from '../i18n';
import { Icon } from '../icons';
import { DossierStatusCard } from './DossierStatusCard';
import { dossierCodeFromInput } from './format';
import { LookupBar } from './Lookup';
import type { LookupStrings } from './strings';

type Mode = 'short' | 'full';
type Found =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'one'; dossier: PublicDossierStatus }
  | { kind: 'card'; dossiers: PublicDossierStatus[] }
  | { kind: 'error'; message: string };

const DAY_LEN = 6;
const SEQ_MAX = 6;
const FULL_MAX = 40;
const FULL_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The short code's two parts as typed on the keypad: a digit goes to the date until it has 6. */
export function typeShort(parts: { day: string; seq: string }, key: string): { day: string; seq: string } {
  if (key === 'back') return parts.seq ? { ...parts, seq: parts.seq.slice(0, -1) } : { ...parts, day: parts.day.slice(0, -1) };
  if (!/^\d$/.test(key)) return parts;
  if (parts.day.length < DAY_LEN) return { ...parts, day: parts.day + key };
  return parts.seq.length < SEQ_MAX ? { ...parts, seq: parts.seq + key } : parts;
}

function messageOf(e: unknown, t: LookupStrings): string {
  if (!(e instanceof ApiError) || e.status === 0) return t.loadFailed;
  if (e.status === 404 || e.status === 400) return t.notFound;
  if (e.status === 429) return t.tooMany;
  if (e.code === 'card_gone') return t.cardGone;
  return t.loadFailed;
}

/**
 * Dossier status: a numeric keypad for the date and number (the office's agency code
 * prefilled), a full-code mode, a hidden always-focused input for a keyboard-wedge QR
 * scanner, and the chip card on the reader (the server answers for the card read here only).
 */
export function DossierLookup(props: {
  t: LookupStrings;
  lang: Lang;
  kioskId: string | null;
  agencyCode: string;
  timeZone: string;
  card: CardState;
  onBack: () => void;
  onTake: () => void;
}) {
  const { t } = props;
  const [mode, setMode] = useState<Mode>(props.agencyCode ? 'short' : 'full');
  const [parts, setParts] = useState({ day: '', seq: '' });
  const [full, setFull] = useState('');
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  const scan = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  // The scanner types into this input and ends with Enter; it keeps the focus.
  useEffect(() => {
    scan.current?.focus();
  }, [found.kind, mode]);

  const lookup = (code: string) => {
    const text = dossierCodeFromInput(code);
    if (!text) return;
    const mine = ++asked.current;
    setFound({ kind: 'loading' });
    api<PublicDossierStatus>('GET', `/api/dossier-status/${encodeURIComponent(text)}`)
      .then((dossier) => mine === asked.current && setFound({ kind: 'one', dossier }))
      .catch((e: unknown) => mine === asked.current && setFound({ kind: 'error', message: messageOf(e, t) }));
  };

  const readId = props.card.kind === 'read' ? props.card.read.readId : null;
  useEffect(() => {
    if (!readId) return;
    const mine = ++asked.current;
    setFound({ kind: 'loading' });
    api<{ dossiers: PublicDossierStatus[] }>(
      'GET',
      `/api/dossier-status/card/${encodeURIComponent(readId)}`,
      undefined,
      8000,
      props.kioskId ? { 'x-kiosk-id': props.kioskId } : {},
    )
      .then((r) => mine === asked.current && setFound({ kind: 'card', dossiers: r.dossiers }))
      .catch((e: unknown) => mine === asked.current && setFound({ kind: 'error', message: messageOf(e, t) }));
  }, [readId, props.kioskId, t]);

  const again = () => {
    asked.current++;
    setParts({ day: '', seq: '' });
    setFull('');
    setFound({ kind: 'idle' });
  };
  const ready = mode === 'short' ? parts.day.length === DAY_LEN && parts.seq.length > 0 : full.length >= 8;
  const submit = () => {
    if (!ready) return;
    lookup(mode === 'short' ? `${parts.day} ${parts.seq}` : full);
  };
  const press = (key: string) => {
    if (key === 'enter') return submit();
    if (mode === 'short') setParts((p) => typeShort(p, key));
    else setFull((f) => (key === 'back' ? f.slice(0, -1) : f.length < FULL_MAX ? f + key : f));
  };
  // A keypad key acts on pointer down and never takes the focus from the scanner's input.
  const keyProps = (key: string) => ({
    type: 'button' as const,
    'data-key': key,
    onPointerDown: (e: PointerEvent) => {
      e.preventDefault();
      press(key);
    },
    onClick: (e: MouseEvent) => {
      if (e.detail === 0) press(key);
    },
  });

  const showResult = found.kind === 'one' || found.kind === 'card';
  return (
    <section class="lookup lookup-dossier" data-screen="lookup-dossier" data-found={found.kind}>
      <LookupBar t={t} title={t.dossier} onBack={props.onBack} onTake={props.onTake} />
      <input
        ref={scan}
        class="scan-input"
        aria-label="Mã hồ sơ (Dossier code)"
        inputMode="none"
        autoComplete="off"
        data-role="scanner"
        onBlur={() => setTimeout(() => scan.current?.focus(), 0)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const input = e.currentTarget;
          const value = input.value;
          input.value = '';
          if (value.trim()) lookup(value);
        }}
      />
      {props.card.kind === 'reading' && (
        <p class="lookup-hint" role="status">
          {t.cardReading}
        </p>
      )}
      {found.kind === 'loading' && <p class="lookup-hint">{t.searching}</p>}
      {found.kind === 'error' && (
        <p class="lookup-hint lookup-error" role="alert" data-error>
          {found.message}
        </p>
      )}
      {showResult ? (
        <div class="dossier-results">
          {found.kind === 'card' && <h2 class="dossier-list-title">{t.cardDossiers}</h2>}
          {found.kind === 'card' && found.dossiers.length === 0 && <p class="lookup-hint">{t.cardNone}</p>}
          {(found.kind === 'one' ? [found.dossier] : found.dossiers).map((d) => (
            <DossierStatusCard key={d.code} dossier={d} lang={props.lang} t={t} timeZone={props.timeZone} />
          ))}
          <button type="button" class="btn btn-back btn-again" data-action="again" onClick={again}>
            {t.anotherCode}
          </button>
        </div>
      ) : (
        <div class="code-entry">
          <p class="code-title">{t.dossierTitle}</p>
          {mode === 'short' ? (
            <div class="code-parts" data-mode="short">
              <span class="code-part code-agency">
                <span class="code-label">{t.agencyPart}</span>
                <span class="code-value">{props.agencyCode}</span>
              </span>
              <span class="code-dash">-</span>
              <span class={`code-part${parts.day.length < DAY_LEN ? ' active' : ''}`} data-part="day">
                <span class="code-label">{t.dayPart}</span>
                <span class="code-value">{parts.day.padEnd(DAY_LEN, '_')}</span>
              </span>
              <span class="code-dash">-</span>
              <span class={`code-part${parts.day.length === DAY_LEN ? ' active' : ''}`} data-part="seq">
                <span class="code-label">{t.seqPart}</span>
                <span class="code-value">{parts.seq || '____'}</span>
              </span>
            </div>
          ) : (
            <div class="code-parts" data-mode="full">
              <span class="code-part active code-full">
                <span class="code-value">{full || '000.00.00.H00-yyMMdd-0000'}</span>
              </span>
            </div>
          )}
          <div class={`keypad keypad-${mode}`}>
            {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => (
              <button key={k} class="pad-key" {...keyProps(k)}>
                {k}
              </button>
            ))}
            {mode === 'full' ? (
              <button class="pad-key" {...keyProps('.')}>
                .
              </button>
            ) : (
              <button class="pad-key pad-back" {...keyProps('back')} aria-label={t.del}>
                ⌫<span class="pad-sub">{t.del}</span>
              </button>
            )}
            <button class="pad-key" {...keyProps('0')}>
              0
            </button>
            {mode === 'full' ? (
              <button class="pad-key" {...keyProps('-')}>
                -
              </button>
            ) : (
              <button class="pad-key pad-enter" {...keyProps('enter')} disabled={!ready}>
                {t.lookUp}
              </button>
            )}
          </div>
          {mode === 'full' && (
            <>
              <div class="letter-pad">
                {[...FULL_LETTERS].map((k) => (
                  <button key={k} class="pad-key pad-letter" {...keyProps(k)}>
                    {k}
                  </button>
                ))}
              </div>
              <div class="keypad-row">
                <button class="pad-key pad-back" {...keyProps('back')} aria-label={t.del}>
                  ⌫<span class="pad-sub">{t.del}</span>
                </button>
                <button class="pad-key pad-enter" {...keyProps('enter')} disabled={!ready}>
                  {t.lookUp}
                </button>
              </div>
            </>
          )}
          <button
            type="button"
            class="btn btn-back btn-mode"
            data-action="mode"
            onClick={() => setMode((m) => (m === 'short' ? 'full' : 'short'))}
            disabled={mode === 'full' && !props.agencyCode}
          >
            {mode === 'short' ? t.fullCode : t.shortCode}
          </button>
          <p class="lookup-help">
            <Icon name="idcard" size={40} />
            {t.dossierHelp}
          </p>
        </div>
      )}
    </section>
  );
}
