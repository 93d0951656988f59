import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { IssuedTicket, PriorityCategory, PublicService } from '../shared/contract';
import { api, ApiError } from '../shared/web/api';
import type { LiveQueue } from '../shared/web/live';
import { STRINGS, type Lang } from './i18n';
import { useIdle, useLive } from './hooks';
import { cardReadIdOf, useCard } from './useCard';
import { CardBanner, CardHint } from './CardBanner';
import { Home } from './Home';
import { Icon } from './icons';
import { Notice, officeNotice, type NoticeInfo } from './Notice';
import { PriorityFields, PriorityPicker } from './Priority';
import { Result } from './Result';
import { TopBar } from './TopBar';
import { Lookup, LookupButton, LOOKUP_IDLE_MS } from './lookup/Lookup';
import './lookup.css';

/** After this long without a touch, any screen goes back to home, in Vietnamese. */
export const IDLE_MS = 30_000;

type Screen =
  | { kind: 'home' }
  | { kind: 'priority' }
  | { kind: 'priorityFields'; priority: PriorityCategory }
  | { kind: 'result'; issued: IssuedTicket; service: PublicService; priority: PriorityCategory | null }
  | { kind: 'notice'; info: NoticeInfo }
  | { kind: 'lookup' };

const HOME: Screen = { kind: 'home' };

/** What the citizen should read when issuing failed. */
function noticeFor(e: unknown, service: PublicService): NoticeInfo {
  if (!(e instanceof ApiError)) return { kind: 'error' };
  if (e.status === 0) return { kind: 'offline' };
  if (e.status === 429 || e.code === 'too_many_tickets') return { kind: 'busy' };
  switch (e.code) {
    case 'closed':
      return { kind: 'closed', serverMessage: e.message };
    case 'daily_limit':
      return { kind: 'daily', serverMessage: e.message, service };
    case 'service_inactive':
      return { kind: 'inactive', serverMessage: e.message, service };
    default:
      return { kind: 'error', serverMessage: e.message };
  }
}

const byOrder = <T extends { sortOrder: number; id: number }>(a: T, b: T) => a.sortOrder - b.sortOrder || a.id - b.id;

/**
 * The ticket request waits for the print (the answer says whether it printed). A printer's
 * timeout is at most 10 s per step (status, transfer), so this never gives up on a ticket
 * the server is still printing.
 */
const ISSUE_TIMEOUT_MS = 25_000;

export function App(props: { live: LiveQueue; kioskId: string | null }) {
  const { kioskId } = props;
  const live = useLive(props.live);
  const [lang, setLang] = useState<Lang>('vi');
  const [screen, setScreen] = useState<Screen>(HOME);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const t = STRINGS[lang];

  const card = useCard(kioskId);
  const { forget: forgetCard } = card;
  const goHome = useCallback(() => setScreen(HOME), []);
  /**
   * A finished ticket (or 30 s without a touch) ends the citizen's session: the next one
   * starts in Vietnamese, and the identity read from a card is forgotten on screen.
   */
  const finish = useCallback(() => {
    setScreen(HOME);
    setLang('vi');
    forgetCard();
  }, [forgetCard]);
  const poke = useIdle(screen.kind === 'lookup' ? LOOKUP_IDLE_MS : IDLE_MS, finish);
  // A card laid on the reader counts as a touch, and brings back the home screen to greet.
  useEffect(() => {
    if (card.state.kind === 'none') return;
    poke();
    if (!inFlight.current) setScreen((s) => (s.kind === 'result' || s.kind === 'notice' ? HOME : s));
  }, [card.state, poke]);
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const snap = live.snapshot;
  const services = (snap?.services ?? []).filter((s) => s.active).sort(byOrder);
  const priorities = (snap?.priorities ?? []).filter((p) => p.active).sort(byOrder);
  const stats = snap?.stats ?? [];
  const closed = officeNotice(snap?.office);

  const issue = async (service: PublicService, priority: PriorityCategory | null) => {
    // A double tap must not issue two tickets: the ref blocks before any re-render.
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    // A citizen greeted by their card: the ticket is linked to them.
    const cardReadId = cardReadIdOf(card.state);
    try {
      const issued = await api<IssuedTicket>(
        'POST',
        '/api/tickets',
        { serviceId: service.id, priorityId: priority?.id ?? null, ...(cardReadId ? { cardReadId } : {}) },
        ISSUE_TIMEOUT_MS,
        kioskId ? { 'x-kiosk-id': kioskId } : {},
      );
      setScreen({ kind: 'result', issued, service, priority });
    } catch (e) {
      const info = noticeFor(e, service);
      if (info.kind === 'closed') live.refresh();
      setScreen({ kind: 'notice', info });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  let body;
  if (screen.kind === 'result') {
    body = (
      <Result
        key={screen.issued.ticket.id}
        issued={screen.issued}
        service={services.find((s) => s.id === screen.service.id) ?? screen.service}
        priority={screen.priority}
        lang={lang}
        t={t}
        onDone={finish}
      />
    );
  } else if (screen.kind === 'notice') {
    body = (
      <div class="notice-screen" data-screen="notice">
        <Notice info={screen.info} lang={lang}>
          <button type="button" class="btn btn-primary" onClick={goHome}>
            {t.home}
          </button>
        </Notice>
      </div>
    );
  } else if (live.offline) {
    body = (
      <div class="notice-screen" data-screen="offline">
        <Notice info={{ kind: 'offline' }} lang={lang} />
      </div>
    );
  } else if (!snap) {
    body = (
      <div class="loading" data-screen="loading">
        {t.loading}
      </div>
    );
  } else if (screen.kind === 'lookup') {
    body = (
      <Lookup
        lang={lang}
        services={services}
        canIssue={!busy && closed == null}
        kioskId={kioskId}
        agencyCode={snap.office.agencyCode}
        timeZone={snap.office.timeZone}
        card={card.state}
        onHome={goHome}
        onTakeNumber={(s) => (s ? void issue(s, null) : goHome())}
      />
    );
  } else if (screen.kind === 'priority' && !closed) {
    body = (
      <PriorityPicker
        priorities={priorities}
        lang={lang}
        t={t}
        onBack={goHome}
        onPick={(priority) => setScreen({ kind: 'priorityFields', priority })}
      />
    );
  } else if (screen.kind === 'priorityFields' && !closed) {
    const priority = screen.priority;
    body = (
      <PriorityFields
        priority={priority}
        services={services}
        stats={stats}
        lang={lang}
        t={t}
        disabled={busy}
        onBack={() => setScreen({ kind: 'priority' })}
        onPick={(s) => void issue(s, priority)}
      />
    );
  } else {
    body = (
      <Home
        services={services}
        stats={stats}
        lang={lang}
        t={t}
        disabled={busy || closed != null}
        showPriority={priorities.length > 0}
        notice={closed && <Notice info={closed} lang={lang} compact />}
        card={card.state.kind === 'none' ? null : <CardBanner state={card.state} lang={lang} />}
        hint={card.readerPresent ? <CardHint lang={lang} /> : null}
        onPick={(s) => void issue(s, null)}
        onPriority={() => setScreen({ kind: 'priority' })}
        lookup={<LookupButton lang={lang} disabled={busy} onClick={() => setScreen({ kind: 'lookup' })} />}
      />
    );
  }

  return (
    <div class={`kiosk lang-${lang}`} onContextMenu={(e) => e.preventDefault()}>
      <TopBar
        t={t}
        lang={lang}
        officeName={snap?.office.name ?? ''}
        timeZone={snap?.office.timeZone}
        connected={live.connected || (!snap && !live.offline)}
        onToggleLang={() => setLang((l) => (l === 'vi' ? 'en' : 'vi'))}
      />
      <main class="stage">{body}</main>
      {busy && (
        <div class="issuing" role="status">
          <div class="issuing-box">
            <span class="spinner" aria-hidden="true" />
            {t.issuing}
          </div>
        </div>
      )}
      {screen.kind === 'home' && snap?.office.notice && !closed && !live.offline && (
        <footer class="footer">
          <Icon name="info" size={36} />
          <span>{snap.office.notice}</span>
        </footer>
      )}
    </div>
  );
}
