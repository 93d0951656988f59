import type { IssuedTicket, PriorityCategory, PublicService } from '../shared/contract';
import { STRINGS, other, type Lang, type Strings } from './i18n';
import { Icon } from './icons';
import { useCountdown } from './hooks';
import { priorityName } from './Priority';
import { Qr } from './Qr';

/** Seconds the result stays up; longer when the printer failed, so there is time to take a photo. */
export const RESULT_SECONDS = 8;
export const RESULT_SECONDS_NO_PRINT = 20;

/** The issued number, very large, with what to expect; returns home by itself. */
export function Result(props: {
  issued: IssuedTicket;
  service: PublicService | undefined;
  priority: PriorityCategory | null;
  lang: Lang;
  t: Strings;
  onDone: () => void;
}) {
  const { issued, t, service } = props;
  // An older server may not send `print` yet: then the ticket was printed the old way.
  const printFailed = issued.print != null && !issued.print.ok;
  // 'none': the unit uses no ticket printer at all, which is not a fault.
  const noPrinter = issued.print?.code === 'none';
  const message = noPrinter ? 'noPrinter' : 'printFault';
  const left = useCountdown(printFailed ? RESULT_SECONDS_NO_PRINT : RESULT_SECONDS, props.onDone);
  const en = props.lang === 'en' && service != null && service.nameEn !== '';
  const fieldName = en ? service.nameEn : (service?.name ?? issued.serviceName);
  const trackUrl = new URL(issued.trackUrl, window.location.origin).href;
  return (
    <section
      class={`result${printFailed ? ' no-print' : ''}`}
      data-screen="result"
      data-print={issued.print?.code ?? 'unknown'}
      aria-live="assertive"
    >
      <div class="ticket">
        <p class="ticket-label">{t.yourNumber}</p>
        <p
          class="ticket-number"
          data-number={issued.ticket.number}
          style={{ '--len': Math.max(3, issued.ticket.number.length) }}
        >
          {issued.ticket.number}
        </p>
        <p class="ticket-field">{fieldName}</p>
        {props.priority && (
          <p class="ticket-priority">
            <Icon name="priority" size={36} />
            {t.priorityChosen(priorityName(props.priority, props.lang))}
          </p>
        )}
      </div>
      <div class="result-info">
        <p class="ahead" data-ahead={issued.waitingAhead}>
          {t.ahead(issued.waitingAhead)}
        </p>
        {issued.estimatedWaitMinutes != null && (
          <p class="estimate">{t.estimate(Math.max(1, Math.round(issued.estimatedWaitMinutes)))}</p>
        )}
        {printFailed ? (
          <div class={`print-fault${noPrinter ? ' print-none' : ''}`} role="status">
            <Qr text={trackUrl} px={240} label={t.scanToFollow} />
            <div class="print-fault-text">
              <p class="print-fault-msg">{t[message]}</p>
              <p class="print-fault-other" lang={other(props.lang)}>
                {STRINGS[other(props.lang)][message]}
              </p>
              <p class="print-fault-scan">{t.scanToFollow}</p>
            </div>
          </div>
        ) : (
          <p class="take-ticket">
            <Icon name="printer" size={56} />
            {t.takeTicket}
          </p>
        )}
      </div>
      <div class="result-actions">
        <button type="button" class="btn btn-primary btn-done" onClick={props.onDone}>
          {t.done}
        </button>
        <p class="countdown" data-seconds={left}>
          {t.returning(left)}
        </p>
      </div>
    </section>
  );
}
