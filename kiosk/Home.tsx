import type { ComponentChildren } from 'preact';
import type { PublicService, ServiceQueueStats } from '../shared/contract';
import type { Lang, Strings } from './i18n';
import { Icon } from './icons';

function FieldTile(props: {
  service: PublicService;
  stats: ServiceQueueStats | undefined;
  lang: Lang;
  t: Strings;
  disabled: boolean;
  onPick: (s: PublicService) => void;
}) {
  const { service: s, stats, t } = props;
  const en = props.lang === 'en' && s.nameEn !== '';
  const waiting = stats?.waiting ?? 0;
  const soldOut = stats !== undefined && stats.remainingToday <= 0;
  return (
    <button
      type="button"
      class={`tile${soldOut ? ' sold-out' : ''}`}
      disabled={props.disabled}
      data-service={s.id}
      data-prefix={s.prefix}
      onClick={() => props.onPick(s)}
    >
      <span class="tile-body">
        <span class="tile-icon">
          <Icon name={s.icon} size={72} />
        </span>
        <TileText name={s.name} nameEn={s.nameEn} en={en} />
        <span class="tile-wait" aria-label={t.waiting(waiting)}>
          {soldOut ? (
            <span class="tile-soldout">{t.soldOut}</span>
          ) : (
            <>
              <span class="tile-wait-n" data-waiting={waiting}>
                {waiting}
              </span>
              <span class="tile-wait-label">{t.waitingLabel}</span>
            </>
          )}
        </span>
      </span>
    </button>
  );
}

/** The grid of field tiles; adapts its columns to the screen's orientation and the count. */
/** A tile's name in the chosen language, with the other language smaller below. */
export function TileText(props: { name: string; nameEn: string; en: boolean }) {
  const { name, nameEn, en } = props;
  return (
    <span class="tile-text">
      <span class="tile-name">{en && nameEn ? nameEn : name}</span>
      {nameEn !== '' && (
        <span class="tile-sub" lang={en ? 'vi' : 'en'}>
          {en ? name : nameEn}
        </span>
      )}
    </span>
  );
}

export function FieldGrid(props: {
  services: PublicService[];
  stats: ServiceQueueStats[];
  lang: Lang;
  t: Strings;
  disabled: boolean;
  onPick: (s: PublicService) => void;
  extra?: ComponentChildren;
}) {
  const count = props.services.length + (props.extra ? 1 : 0);
  return (
    <div class="tiles" data-count={Math.min(count, 9)} style={{ '--n': count }}>
      {props.services.map((s) => (
        <FieldTile
          key={s.id}
          service={s}
          stats={props.stats.find((x) => x.serviceId === s.id)}
          lang={props.lang}
          t={props.t}
          disabled={props.disabled}
          onPick={props.onPick}
        />
      ))}
      {props.extra}
    </div>
  );
}

/** The clearly marked way into the priority path. */
export function PriorityTile(props: { t: Strings; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" class="tile tile-priority" disabled={props.disabled} onClick={props.onClick}>
      <span class="tile-body">
        <span class="tile-icon">
          <Icon name="priority" size={72} />
        </span>
        <span class="tile-text">
          <span class="tile-name">{props.t.priority}</span>
          <span class="tile-sub">{props.t.priorityHint}</span>
        </span>
        <span class="tile-arrow" aria-hidden="true">
          <Icon name="back" size={48} class="icon flip" />
        </span>
      </span>
    </button>
  );
}

/** Home: the prompt (or the closed notice) above the field tiles and the priority tile. */
export function Home(props: {
  services: PublicService[];
  stats: ServiceQueueStats[];
  lang: Lang;
  t: Strings;
  disabled: boolean;
  showPriority: boolean;
  notice: ComponentChildren;
  /** The card on the reader (reading, greeting, failure), shown instead of the prompt. */
  card?: ComponentChildren;
  /** A discreet line under the prompt (e.g. that a card reader is here). */
  hint?: ComponentChildren;
  /** The way into the lookup screens (procedures, dossier status), below the tiles. */
  lookup?: ComponentChildren;
  onPick: (s: PublicService) => void;
  onPriority: () => void;
}) {
  const { t } = props;
  return (
    <section class="home" data-screen="home">
      {props.notice ?? props.card ?? (
        <div class="prompt-block">
          <h1 class="prompt">{t.chooseField}</h1>
          {props.hint}
        </div>
      )}
      <FieldGrid
        services={props.services}
        stats={props.stats}
        lang={props.lang}
        t={t}
        disabled={props.disabled}
        onPick={props.onPick}
        extra={props.showPriority && <PriorityTile t={t} disabled={props.disabled} onClick={props.onPriority} />}
      />
      {props.lookup}
    </section>
  );
}
