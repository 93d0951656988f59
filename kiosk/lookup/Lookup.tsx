import { useState } from 'preact/hooks';
import type { PublicService } from '../../shared/contract';
import type { CardState } from '../useCard';
import type { Lang } from '../i18n';
import { Icon } from '../icons';
import { LOOKUP_STRINGS, type LookupStrings } from './strings';
import { ProcedureSearch, type SearchState } from './ProcedureSearch';
import { ProcedureDetail } from './ProcedureDetail';
import { DossierLookup } from './DossierLookup';

/** The lookup screens give a reader more time than the field tiles before going home. */
export const LOOKUP_IDLE_MS = 60_000;

type View = { kind: 'menu' } | { kind: 'procedures' } | { kind: 'procedure'; code: string } | { kind: 'dossier' };

export interface LookupProps {
  lang: Lang;
  /** The active fields, to take a number for a procedure's field in one touch. */
  services: PublicService[];
  /** Numbers can be issued now (office open, nothing in flight). */
  canIssue: boolean;
  kioskId: string | null;
  /** The office's own agency code (mã định danh), prefilled for the short dossier code. */
  agencyCode: string;
  timeZone: string;
  /** The chip card on this kiosk's reader. */
  card: CardState;
  onHome: () => void;
  /** Take a number: for that field, or (null) on the home screen's tiles. */
  onTakeNumber: (service: PublicService | null) => void;
}

/**
 * A bar on every lookup screen: back, the title, and the big "Lấy số" button, so taking a
 * number is never more than one touch away.
 */
export function LookupBar(props: {
  t: LookupStrings;
  title: string;
  onBack: () => void;
  /** The field the button takes a number for, shown small under "Lấy số". */
  takeField?: string;
  onTake: () => void;
}) {
  const { t } = props;
  return (
    <div class="lookup-bar">
      <button type="button" class="btn btn-back" data-action="back" onClick={props.onBack}>
        <Icon name="back" size={40} />
        {t.back}
      </button>
      <h1 class="prompt">{props.title}</h1>
      <button type="button" class="btn btn-primary btn-take" data-action="take-number" onClick={props.onTake}>
        <Icon name="printer" size={40} />
        <span class="take-text">
          {t.takeNumber}
          {props.takeField && <span class="take-field">{props.takeField}</span>}
        </span>
      </button>
    </div>
  );
}

/** The kiosk's lookup: procedures (browse or search) and dossier status (code, scanner, card). */
export function Lookup(props: LookupProps) {
  const t = LOOKUP_STRINGS[props.lang];
  const [view, setView] = useState<View>({ kind: 'menu' });
  // Kept while the citizen opens a procedure and comes back.
  const [search, setSearch] = useState<SearchState>({ query: '', serviceId: null });
  const toHome = () => props.onTakeNumber(null);

  if (view.kind === 'procedures') {
    return (
      <ProcedureSearch
        t={t}
        lang={props.lang}
        state={search}
        onState={setSearch}
        onOpen={(code) => setView({ kind: 'procedure', code })}
        onBack={() => setView({ kind: 'menu' })}
        onTake={toHome}
      />
    );
  }
  if (view.kind === 'procedure') {
    return (
      <ProcedureDetail
        t={t}
        lang={props.lang}
        code={view.code}
        services={props.services}
        canIssue={props.canIssue}
        onBack={() => setView({ kind: 'procedures' })}
        onTakeNumber={props.onTakeNumber}
      />
    );
  }
  if (view.kind === 'dossier') {
    return (
      <DossierLookup
        t={t}
        lang={props.lang}
        kioskId={props.kioskId}
        agencyCode={props.agencyCode}
        timeZone={props.timeZone}
        card={props.card}
        onBack={() => setView({ kind: 'menu' })}
        onTake={toHome}
      />
    );
  }
  return (
    <section class="lookup lookup-menu" data-screen="lookup">
      <LookupBar t={t} title={t.menuTitle} onBack={props.onHome} onTake={toHome} />
      <div class="choices lookup-choices">
        <button type="button" class="choice" data-lookup="procedures" onClick={() => setView({ kind: 'procedures' })}>
          <span class="choice-icon">
            <Icon name="document" size={72} />
          </span>
          <span class="tile-text">
            <span class="tile-name">{t.procedures}</span>
            <span class="tile-sub">{t.proceduresHint}</span>
          </span>
          <span class="tile-arrow" aria-hidden="true">
            <Icon name="back" size={48} class="icon flip" />
          </span>
        </button>
        <button type="button" class="choice" data-lookup="dossier" onClick={() => setView({ kind: 'dossier' })}>
          <span class="choice-icon">
            <Icon name="result" size={72} />
          </span>
          <span class="tile-text">
            <span class="tile-name">{t.dossier}</span>
            <span class="tile-sub">{t.dossierHint}</span>
          </span>
          <span class="tile-arrow" aria-hidden="true">
            <Icon name="back" size={48} class="icon flip" />
          </span>
        </button>
      </div>
    </section>
  );
}

/** The home screen's way into the lookup (below the field tiles). */
export function LookupButton(props: { lang: Lang; disabled: boolean; onClick: () => void }) {
  const t = LOOKUP_STRINGS[props.lang];
  return (
    <button type="button" class="lookup-entry" data-action="lookup" disabled={props.disabled} onClick={props.onClick}>
      <span class="lookup-entry-icon">
        <Icon name="info" size={48} />
      </span>
      <span class="tile-text">
        <span class="tile-name">
          {t.lookup}
          {props.lang === 'vi' && <span class="lookup-entry-en"> / Look up</span>}
        </span>
        <span class="tile-sub">{t.lookupHint}</span>
      </span>
      <span class="tile-arrow" aria-hidden="true">
        <Icon name="back" size={40} class="icon flip" />
      </span>
    </button>
  );
}
