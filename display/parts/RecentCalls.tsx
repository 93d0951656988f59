import type { CallRecord } from '../../shared/contract';

/** The calls before the latest one, newest first. */
export function RecentCalls({ calls }: { calls: CallRecord[] }) {
  return (
    <section class="recent">
      <div class="panel-title">
        Số vừa gọi <span class="en">Recent calls</span>
      </div>
      <ol class="recent-list">
        {calls.map((c) => (
          <li key={c.id} class="recent-item">
            <span class="recent-number">{c.number}</span>
            <span class="recent-arrow" aria-hidden="true">
              →
            </span>
            <span class="recent-counter">Quầy {c.counterNumber}</span>
            {c.kind === 'recall' && <span class="recent-tag">gọi lại</span>}
          </li>
        ))}
        {calls.length === 0 && <li class="recent-empty">Chưa có</li>}
      </ol>
    </section>
  );
}
