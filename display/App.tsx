import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CallRecord, QueueSnapshot } from '../shared/contract';
import type { LiveQueue, LiveState } from '../shared/web/live';
import type { Announcer } from './voice/announcer';
import { effectiveOptions, resolveScope, sameOptions, type DisplayOptions, type UrlOptions } from './options';
import { DEFAULT_TIME_ZONE } from './clock';
import { MissedCallTracker } from './missedCalls';
import { Clock } from './parts/Clock';
import { LatestCall } from './parts/LatestCall';
import { CounterBoard } from './parts/CounterBoard';
import { RecentCalls } from './parts/RecentCalls';
import { WaitingFields } from './parts/WaitingFields';
import { Ticker } from './parts/Ticker';

/** How long a new call stays highlighted (flashing border). */
export const FLASH_MS = 6000;
/** Calls listed under "recent" (besides the latest). */
const RECENT = 6;

declare global {
  interface Window {
    /** Test hook: what the display shows as the latest call, and the options it runs with. */
    __qsDisplay?: { lastCall: CallRecord | null; options: DisplayOptions };
  }
}

/** Applies the display's voice options; fetches the clips the first time sound is on. */
function configureAnnouncer(announcer: Announcer, o: DisplayOptions) {
  const wasMuted = announcer.options.muted;
  announcer.setOptions({ muted: o.muted, repeat: o.repeat, secondLang: o.english ? 'en' : null, voice: o.voice });
  if (wasMuted && !o.muted) void announcer.preload();
}

interface Props {
  live: LiveQueue;
  announcer: Announcer;
  url: UrlOptions;
}

export function App({ live, announcer, url }: Props) {
  const [state, setState] = useState<LiveState>(live.current);
  const [flashId, setFlashId] = useState<number | null>(null);
  const flashTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const off = live.subscribe(setState);
    return () => {
      off();
    };
  }, [live]);

  // The URL over its profile over the office settings; a new object only when something changed.
  const optionsRef = useRef<DisplayOptions | null>(null);
  const options = useMemo(() => {
    const next = effectiveOptions(url, state.snapshot?.office.display);
    if (optionsRef.current && sameOptions(optionsRef.current, next)) return optionsRef.current;
    optionsRef.current = next;
    return next;
  }, [url, state.snapshot]);

  useEffect(() => {
    if (state.snapshot) configureAnnouncer(announcer, options);
  }, [announcer, options, state.snapshot]);

  // Live calls, and calls missed while reconnecting (learnt from the fresh snapshot), take the
  // same path: announced in order and highlighted. The announcer never says a call id twice.
  useEffect(() => {
    const tracker = new MissedCallTracker();
    const present = (call: CallRecord, snap: QueueSnapshot) => {
      // Read the options from the snapshot of this very moment, not from the last render.
      const now = effectiveOptions(url, snap.office.display);
      if (!resolveScope(snap, now).showsCall(call)) return;
      configureAnnouncer(announcer, now);
      announcer.enqueue({ id: call.id, number: call.number, counterNumber: call.counterNumber, kind: call.kind });
      setFlashId(call.id);
      if (flashTimer.current) clearTimeout(flashTimer.current);
      flashTimer.current = setTimeout(() => setFlashId(null), FLASH_MS);
    };
    const onSnapshot = (snap: QueueSnapshot) => {
      for (const call of tracker.missedIn(snap)) present(call, snap);
    };
    const offSnapshot = live.onSnapshot(onSnapshot);
    // A snapshot that came before this effect ran is the first one: it only sets what is known.
    if (live.current.snapshot) onSnapshot(live.current.snapshot);
    const offCall = live.onCall((call) => {
      tracker.saw(call);
      const snap = live.current.snapshot;
      if (snap) present(call, snap);
    });
    return () => {
      offSnapshot();
      offCall();
      if (flashTimer.current) clearTimeout(flashTimer.current);
    };
  }, [live, announcer, url]);

  const snap = state.snapshot;
  const scope = useMemo(() => (snap ? resolveScope(snap, options) : null), [snap, options]);
  const calls = useMemo(() => (snap && scope ? snap.lastCalls.filter(scope.showsCall) : []), [snap, scope]);
  const latest = calls[0] ?? null;

  useEffect(() => {
    window.__qsDisplay = { lastCall: latest, options };
  }, [latest, options]);

  if (!snap || !scope) {
    return (
      <div class="tv tv-loading">
        <div class="loading">
          Đang kết nối máy chủ…<span class="en">Connecting to the server…</span>
        </div>
      </div>
    );
  }

  return (
    <div class="tv">
      <header class="tv-head">
        <div class="unit">
          <div class="unit-name">{snap.office.name}</div>
          <div class="unit-sub">
            Hệ thống xếp hàng tự động <span class="en">Queue management</span>
          </div>
        </div>
        {options.missingProfile ? (
          <div class="profile-badge profile-missing" role="status">
            Không có màn hình “{options.missingProfile}” – đang hiện tất cả
          </div>
        ) : options.profileName ? (
          <div class="profile-badge">{options.profileName}</div>
        ) : null}
        <Clock timeZone={snap.office.timeZone || DEFAULT_TIME_ZONE} />
      </header>
      <main class="tv-main">
        <div class="tv-col tv-col-left">
          <LatestCall
            call={latest}
            service={latest ? snap.services.find((s) => s.id === latest.serviceId) : undefined}
            flashing={latest != null && latest.id === flashId}
          />
          <RecentCalls calls={calls.slice(1, 1 + RECENT)} />
        </div>
        <div class="tv-col tv-col-right">
          <CounterBoard counters={scope.counters} activeCounterId={flashId != null ? (latest?.counterId ?? null) : null} />
          <WaitingFields services={scope.services} stats={snap.stats} />
        </div>
      </main>
      {state.connected ? (
        <Ticker text={snap.office.notice} />
      ) : (
        <footer class="offline" role="status">
          Mất kết nối máy chủ – đang kết nối lại… <span class="en">Reconnecting…</span>
        </footer>
      )}
    </div>
  );
}
