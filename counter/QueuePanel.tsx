import type { PublicService, QueueSnapshot, StaffTicket } from '../shared/contract';
import { clockTime, humanDuration } from './format';

interface FieldsProps {
  snapshot: QueueSnapshot | null;
  serviceIds: number[];
  now: number;
}

/** The queue of every field this counter serves: how many wait, and the longest wait. */
export function FieldQueues({ snapshot, serviceIds, now }: FieldsProps) {
  if (!snapshot) return <section class="panel muted">Đang tải hàng chờ…</section>;
  const services = snapshot.services.filter((s) => serviceIds.includes(s.id));
  const total = services.reduce((n, s) => n + (snapshot.stats.find((x) => x.serviceId === s.id)?.waiting ?? 0), 0);
  return (
    <section class="panel">
      <h2>
        Hàng chờ <span class="badge" data-testid="waiting-total">{total}</span> <span class="en">Queue</span>
      </h2>
      <ul class="fields">
        {services.map((s) => {
          const waiting = snapshot.tickets.filter((t) => t.serviceId === s.id && t.status === 'waiting');
          // Longest wait, live from the oldest waiting ticket (stats are only sent on changes).
          const oldest = waiting.reduce((min, t) => Math.min(min, Date.parse(t.issuedAt)), Infinity);
          const stat = snapshot.stats.find((x) => x.serviceId === s.id);
          const count = stat?.waiting ?? waiting.length;
          return (
            <li key={s.id} class="field" data-service={s.id}>
              <span class="field-prefix">{s.prefix}</span>
              <span class="field-name">{s.name}</span>
              <span class="field-count" data-testid={`waiting-${s.id}`}>
                {count}
              </span>
              <span class="field-wait">
                {count > 0 && Number.isFinite(oldest) ? `chờ lâu nhất ${humanDuration(now - oldest)}` : 'không có ai chờ'}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface NoShowProps {
  noShows: StaffTicket[];
  services: PublicService[];
  busy: boolean;
  onReturn: (t: StaffTicket) => void;
}

/** Citizens called who did not come: put them back in the queue when they show up. */
export function NoShowList({ noShows, services, busy, onReturn }: NoShowProps) {
  return (
    <section class="panel">
      <h2>
        Vắng mặt <span class="badge badge-muted">{noShows.length}</span> <span class="en">No-shows</span>
      </h2>
      {noShows.length === 0 ? (
        <p class="muted">Không có số nào vắng mặt.</p>
      ) : (
        <ul class="noshows">
          {noShows.map((t) => (
            <li key={t.id} class="noshow" data-ticket={t.number}>
              <span class="noshow-number">{t.number}</span>
              <span class="noshow-info">
                {services.find((s) => s.id === t.serviceId)?.name ?? ''}
                <small>gọi lúc {clockTime(t.calledAt)}</small>
              </span>
              <button type="button" class="small-btn" disabled={busy} onClick={() => onReturn(t)}>
                Gọi lại vào hàng
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
