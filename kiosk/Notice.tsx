import type { ComponentChildren } from 'preact';
import type { OfficeInfo, PublicService } from '../shared/contract';
import { STRINGS, closedMessageEn, other, type Lang } from './i18n';
import { Icon } from './icons';

export type NoticeKind = 'closed' | 'daily' | 'offline' | 'busy' | 'inactive' | 'error';

/** What a calm notice says; `serverMessage` is the server's Vietnamese text when it has one. */
export interface NoticeInfo {
  kind: NoticeKind;
  serverMessage?: string | null;
  service?: PublicService | null;
}

interface Texts {
  title: string;
  body: string;
  help?: string;
}

const ICONS: Record<NoticeKind, string> = {
  closed: 'clock',
  daily: 'hourglass',
  offline: 'offline',
  busy: 'pause',
  inactive: 'pause',
  error: 'info',
};

function texts(info: NoticeInfo, lang: Lang): Texts {
  const t = STRINGS[lang];
  const vi = lang === 'vi';
  const msg = info.serverMessage ?? null;
  const svc = info.service ? (vi ? info.service.name : info.service.nameEn || info.service.name) : null;
  switch (info.kind) {
    case 'closed':
      return { title: t.closedTitle, body: vi ? (msg ?? t.closedBody) : closedMessageEn(msg), help: t.closedHelp };
    case 'daily':
      // The server's message already names the field; otherwise name it before the advice.
      return { title: t.dailyTitle, body: vi && msg ? msg : `${svc ? `${svc}. ` : ''}${t.dailyBody}` };
    case 'offline':
      return { title: t.offlineTitle, body: t.offlineBody };
    case 'busy':
      return { title: t.busyTitle, body: t.busyBody };
    case 'inactive':
      return { title: t.inactiveTitle, body: `${svc ? `${svc}. ` : ''}${t.inactiveBody}` };
    case 'error':
      return { title: t.errorTitle, body: vi && msg ? `${msg} ${t.errorBody}` : t.errorBody };
  }
}

/**
 * A calm, bilingual message: the chosen language large, the other one smaller below.
 * `compact` is the version shown above the disabled tiles when the office is closed.
 */
export function Notice(props: { info: NoticeInfo; lang: Lang; compact?: boolean; children?: ComponentChildren }) {
  const main = texts(props.info, props.lang);
  const second = texts(props.info, other(props.lang));
  return (
    <section
      class={`notice notice-${props.info.kind}${props.compact ? ' compact' : ''}`}
      role="alert"
      data-notice={props.info.kind}
    >
      <div class="notice-icon">
        <Icon name={ICONS[props.info.kind]} size={96} />
      </div>
      <div class="notice-text">
        <h1 class="notice-title">{main.title}</h1>
        <p class="notice-body">{main.body}</p>
        {main.help && <p class="notice-help">{main.help}</p>}
        <div class="notice-other" lang={other(props.lang)}>
          <p class="notice-other-title">{second.title}</p>
          <p>{second.body}</p>
        </div>
      </div>
      {props.children && <div class="notice-actions">{props.children}</div>}
    </section>
  );
}

/** The notice for the office's current state, or null when tickets can be issued. */
export function officeNotice(office: OfficeInfo | undefined): NoticeInfo | null {
  if (!office || office.openNow) return null;
  return { kind: 'closed', serverMessage: office.closedMessage };
}
