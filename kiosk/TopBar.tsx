import type { Lang, Strings } from './i18n';
import { Icon } from './icons';
import { useNow } from './hooks';

function format(now: Date, lang: Lang, timeZone: string | undefined, opts: Intl.DateTimeFormatOptions): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(locale, { ...opts, timeZone }).format(now);
  } catch {
    return new Intl.DateTimeFormat(locale, opts).format(now);
  }
}

function Clock(props: { lang: Lang; timeZone: string | undefined }) {
  const now = useNow(1_000);
  const time = format(now, props.lang, props.timeZone, { hour: '2-digit', minute: '2-digit', hour12: false });
  const date = format(now, props.lang, props.timeZone, {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  return (
    <div class="clock" aria-live="off">
      <span class="clock-time">{time}</span>
      <span class="clock-date">{date}</span>
    </div>
  );
}

/** The red band on every screen: emblem, unit name, clock, language toggle, connection badge. */
export function TopBar(props: {
  t: Strings;
  lang: Lang;
  officeName: string;
  timeZone: string | undefined;
  connected: boolean;
  onToggleLang: () => void;
}) {
  const { t } = props;
  return (
    <header class="topbar">
      <div class="emblem" aria-hidden="true">
        <svg viewBox="0 0 48 48" width="100%" height="100%">
          <circle cx="24" cy="24" r="23" fill="#ffcd00" />
          <circle cx="24" cy="24" r="19.5" fill="#b3121b" />
          <path
            fill="#ffcd00"
            d="M24 9.5l3.4 10.4h10.9l-8.8 6.4 3.4 10.4-8.9-6.4-8.9 6.4 3.4-10.4-8.8-6.4h10.9z"
          />
        </svg>
      </div>
      <div class="unit">
        <span class="unit-name">{props.officeName}</span>
        <span class="unit-sub">{t.unitSubtitle}</span>
      </div>
      {!props.connected && (
        <span class="badge-reconnect" role="status">
          <span class="dot" />
          {t.reconnecting}
        </span>
      )}
      <Clock lang={props.lang} timeZone={props.timeZone} />
      <button
        type="button"
        class="lang-toggle"
        lang={props.lang === 'vi' ? 'en' : 'vi'}
        onClick={props.onToggleLang}
      >
        <Icon name="globe" size={36} />
        {t.langButton}
      </button>
    </header>
  );
}
