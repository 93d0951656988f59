import type { CardReadEvent } from '../shared/cards';
import { STRINGS, other, splitBilingual, type Lang } from './i18n';
import { Icon } from './icons';
import type { CardState } from './useCard';

/** The other language's line, smaller, under the chosen one. */
function Second(props: { lang: Lang; text: string }) {
  return (
    <span class="card-second" lang={other(props.lang)}>
      {props.text}
    </span>
  );
}

function Greeting({ read, lang }: { read: CardReadEvent; lang: Lang }) {
  const t = STRINGS[lang];
  const o = STRINGS[other(lang)];
  return (
    <section class="card-banner card-read" role="status" data-card="read">
      <div class="card-icon">
        <Icon name="idcard" size={72} />
      </div>
      <div class="card-text">
        <h1 class="card-hello" data-testid="card-greeting">
          {t.cardHello(read.greeting)}
        </h1>
        <div class="card-facts">
          {read.verified && (
            <span class="card-verified" data-testid="card-verified">
              <Icon name="verified" size={36} />
              {t.cardVerified}
              <Second lang={lang} text={o.cardVerified} />
            </span>
          )}
          {read.openDossiers > 0 && (
            <span class="card-dossiers" data-testid="card-dossiers">
              {t.cardDossiers(read.openDossiers)}
            </span>
          )}
        </div>
        <p class="card-choose">
          {t.cardChoose}
          <Second lang={lang} text={o.cardChoose} />
        </p>
      </div>
    </section>
  );
}

/**
 * What the card on the reader means for the home screen: reading, the greeting, or a calm
 * failure. Null when there is no card (the usual prompt shows then).
 */
export function CardBanner({ state, lang }: { state: CardState; lang: Lang }) {
  const t = STRINGS[lang];
  const o = STRINGS[other(lang)];
  switch (state.kind) {
    case 'none':
      return null;
    case 'read':
      return <Greeting read={state.read} lang={lang} />;
    case 'reading':
      return (
        <section class="card-banner card-reading" role="status" data-card="reading">
          <span class="spinner" aria-hidden="true" />
          <div class="card-text">
            <h1 class="card-title">{t.cardReading}</h1>
            <p class="card-body">
              {t.cardHold}
              <Second lang={lang} text={`${o.cardReading} ${o.cardHold}`} />
            </p>
          </div>
        </section>
      );
    case 'failed': {
      const msg = splitBilingual(state.message);
      const en = msg.en ?? STRINGS.en.cardFailedBody;
      return (
        <section class="card-banner card-failed" role="alert" data-card="failed">
          <div class="card-icon">
            <Icon name="idcard" size={72} />
          </div>
          <div class="card-text">
            <h1 class="card-title">{t.cardFailedTitle}</h1>
            {/* The server's message, Vietnamese first; its English part (or the kiosk's own) second. */}
            <p class="card-body" data-testid="card-failed-message">
              {lang === 'vi' ? msg.vi : en}
              <Second lang={lang} text={lang === 'vi' ? en : msg.vi} />
            </p>
          </div>
        </section>
      );
    }
  }
}

/** The discreet line on the idle home, when a reader stands at this kiosk. */
export function CardHint({ lang }: { lang: Lang }) {
  const t = STRINGS[lang];
  return (
    <p class="card-hint" data-testid="card-hint">
      <Icon name="idcard" size={36} />
      <span>
        {t.cardHint}
        <Second lang={lang} text={STRINGS[other(lang)].cardHint} />
      </span>
    </p>
  );
}
