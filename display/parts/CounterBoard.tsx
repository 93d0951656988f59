import type { PublicCounter } from '../../shared/contract';
import { counterLabel } from '../../shared/web/labels';

/** One row per counter: its number and the ticket it serves now. */
export function CounterBoard({ counters, activeCounterId }: { counters: PublicCounter[]; activeCounterId: number | null }) {
  return (
    <section class="board" style={{ '--rows': String(Math.max(4, counters.length)) }}>
      <div class="panel-title">
        Quầy phục vụ <span class="en">Counters</span>
      </div>
      <div class="board-rows">
        {counters.map((c) => (
          <div
            key={c.id}
            class={`board-row${c.id === activeCounterId ? ' board-row-active' : ''}${c.state === 'paused' ? ' board-row-paused' : ''}`}
            data-counter={c.number}
          >
            <div class="board-no">{c.number}</div>
            <div class="board-name">{counterLabel(c)}</div>
            <div class="board-ticket" data-testid={`counter-${c.number}-ticket`}>
              {c.state === 'paused' ? (
                <span class="board-paused">Tạm dừng</span>
              ) : (
                (c.currentTicket?.number ?? <span class="board-none">—</span>)
              )}
            </div>
          </div>
        ))}
        {counters.length === 0 && <div class="board-empty">Không có quầy nào phù hợp với cấu hình màn hình này.</div>}
      </div>
    </section>
  );
}
