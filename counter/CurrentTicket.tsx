import type { ComponentChildren } from 'preact';
import type { PublicService, StaffTicket } from '../shared/contract';
import { clockTime, humanDuration, since, stopwatch } from './format';

interface Props {
  ticket: StaffTicket | null;
  service: PublicService | undefined;
  paused: boolean;
  now: number;
  /** The citizen on this ticket (chip card), if any. */
  citizen?: ComponentChildren;
}

/** The ticket at this counter: its number very large, field, priority and timings. */
export function CurrentTicket({ ticket, service, paused, now, citizen }: Props) {
  if (!ticket) {
    return (
      <section class="current current-empty" data-testid="current">
        <div class="current-label">
          Chưa có số nào tại quầy <span class="en">No ticket at this counter</span>
        </div>
        <div class="current-number current-none" data-testid="current-number">
          —
        </div>
        <p class="current-hint">
          {paused ? (
            <>
              Quầy đang tạm dừng. Bấm <kbd>P</kbd> để tiếp tục nhận công dân.
            </>
          ) : (
            <>
              Bấm <kbd>Space</kbd> để gọi số tiếp theo.
            </>
          )}
        </p>
      </section>
    );
  }
  const serving = ticket.status === 'serving';
  const waited = ticket.calledAt ? Date.parse(ticket.calledAt) - Date.parse(ticket.issuedAt) : since(ticket.issuedAt, now);
  return (
    <section class={`current ${serving ? 'current-serving' : 'current-called'}`} data-testid="current">
      <div class="current-label">
        {serving ? 'Đang phục vụ' : 'Đã gọi – chờ công dân đến quầy'}
        <span class="en">{serving ? 'Serving' : 'Called, waiting for the citizen'}</span>
      </div>
      <div class="current-number" data-testid="current-number">
        {ticket.number}
      </div>
      <div class="current-field">{service?.name ?? 'Lĩnh vực không rõ'}</div>
      {ticket.priority && (
        <div class="current-priority">Ưu tiên: {ticket.priorityName ?? 'có'}</div>
      )}
      {citizen}
      <dl class="current-times">
        <div>
          <dt>Lấy số lúc</dt>
          <dd>{clockTime(ticket.issuedAt)}</dd>
        </div>
        <div>
          <dt>Đã chờ</dt>
          <dd>{humanDuration(waited)}</dd>
        </div>
        {serving ? (
          <div class="current-clock">
            <dt>Thời gian phục vụ</dt>
            <dd>{stopwatch(since(ticket.startedAt, now))}</dd>
          </div>
        ) : (
          <div class="current-clock">
            <dt>Gọi {ticket.callCount > 1 ? `(${ticket.callCount} lần) ` : ''}cách đây</dt>
            <dd>{stopwatch(since(ticket.calledAt, now))}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
