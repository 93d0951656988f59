import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProcedureField, ProcedureSummary } from '../../shared/catalogue';
import { api } from '../../shared/web/api';
import { VietKeyboard } from '../../shared/web/VietKeyboard';
import type { Lang } from '../i18n';
import { Icon } from '../icons';
import { LookupBar } from './Lookup';
import type { LookupStrings } from './strings';

export interface SearchState {
  query: string;
  /** The field chosen (null: all). */
  serviceId: number | null;
}

/** Results follow the typing after this pause. */
export const SEARCH_DEBOUNCE_MS = 250;
const LIMIT = 40;
export const QUERY_MAX = 60;

/** The query string of GET /api/procedures for a search state ('' when there is nothing to ask). */
export function procedureQuery(s: SearchState): string {
  const q = s.query.trim();
  if (!q && s.serviceId === null) return '';
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (s.serviceId !== null) params.set('serviceId', String(s.serviceId));
  params.set('limit', String(LIMIT));
  return params.toString();
}

type Results = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; list: ProcedureSummary[] } | { kind: 'failed' };

/** Browse by field or search with the on-screen keyboard; results as the citizen types. */
export function ProcedureSearch(props: {
  t: LookupStrings;
  lang: Lang;
  state: SearchState;
  onState: (s: SearchState) => void;
  onOpen: (code: string) => void;
  onBack: () => void;
  onTake: () => void;
}) {
  const { t, state } = props;
  const [fields, setFields] = useState<ProcedureField[] | null>(null);
  const [results, setResults] = useState<Results>({ kind: 'idle' });
  const seq = useRef(0);

  useEffect(() => {
    let live = true;
    api<{ fields: ProcedureField[] }>('GET', '/api/procedure-fields')
      .then((r) => live && setFields(r.fields.filter((f) => f.count > 0)))
      .catch(() => live && setFields([]));
    return () => {
      live = false;
    };
  }, []);

  const query = procedureQuery(state);
  useEffect(() => {
    const mine = ++seq.current;
    if (!query) {
      setResults({ kind: 'idle' });
      return;
    }
    setResults((r) => (r.kind === 'done' ? r : { kind: 'loading' }));
    const timer = setTimeout(() => {
      api<{ procedures: ProcedureSummary[] }>('GET', `/api/procedures?${query}`)
        .then((r) => mine === seq.current && setResults({ kind: 'done', list: r.procedures }))
        .catch(() => mine === seq.current && setResults({ kind: 'failed' }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const en = props.lang === 'en';
  const set = (patch: Partial<SearchState>) => props.onState({ ...state, ...patch });
  return (
    <section class="lookup lookup-procedures" data-screen="lookup-procedures">
      <LookupBar t={t} title={t.procedures} onBack={props.onBack} onTake={props.onTake} />
      <div class="search-box" role="search">
        <svg class="icon search-icon" viewBox="0 0 48 48" width="40" height="40" aria-hidden="true">
          <circle cx="20" cy="20" r="12" fill="none" stroke="currentColor" stroke-width="4" />
          <path d="M29 29l12 12" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
        </svg>
        <output class={`search-text${state.query ? '' : ' empty'}`} data-query={state.query} aria-live="polite">
          {state.query || t.searchPlaceholder}
          <span class="caret" aria-hidden="true" />
        </output>
        {state.query && (
          <button type="button" class="btn-clear" data-action="clear" onClick={() => set({ query: '' })}>
            {t.clear}
          </button>
        )}
      </div>
      {fields && fields.length > 0 && (
        <div class="field-chips" role="group" aria-label={t.fields}>
          <button type="button" class={`chip${state.serviceId === null ? ' on' : ''}`} data-field="all" onClick={() => set({ serviceId: null })}>
            {t.allFields}
          </button>
          {fields.map((f) => (
            <button
              type="button"
              key={f.serviceId}
              class={`chip${state.serviceId === f.serviceId ? ' on' : ''}`}
              data-field={f.serviceId}
              onClick={() => set({ serviceId: state.serviceId === f.serviceId ? null : f.serviceId })}
            >
              {en && f.nameEn ? f.nameEn : f.name}
              <span class="chip-count">{f.count}</span>
            </button>
          ))}
        </div>
      )}
      <div class="procedure-results" data-results={results.kind}>
        {results.kind === 'idle' && <p class="lookup-hint">{t.typeOrPick}</p>}
        {results.kind === 'loading' && <p class="lookup-hint">{t.searching}</p>}
        {results.kind === 'failed' && <p class="lookup-hint lookup-error">{t.loadFailed}</p>}
        {results.kind === 'done' && results.list.length === 0 && <p class="lookup-hint">{t.noResults}</p>}
        {results.kind === 'done' &&
          results.list.map((p) => (
            <button type="button" key={p.code} class="procedure-item" data-procedure={p.code} onClick={() => props.onOpen(p.code)}>
              <span class="tile-text">
                <span class="procedure-name">{p.name}</span>
                <span class="tile-sub">
                  {p.code}
                  {p.fieldName ? ` · ${p.fieldName}` : ''}
                </span>
              </span>
              <span class="tile-arrow" aria-hidden="true">
                <Icon name="back" size={40} class="icon flip" />
              </span>
            </button>
          ))}
      </div>
      <div class="search-keyboard">
        <p class="search-help">{t.searchHelp}</p>
        <VietKeyboard value={state.query} maxLength={QUERY_MAX} onChange={(query) => set({ query })} />
      </div>
    </section>
  );
}
