import { ACTIONS, blockedReason, type ActionId } from './actions';
import type { CounterView } from '../shared/contract';

interface Props {
  view: CounterView | null;
  busy: string | null;
  onAction: (id: ActionId) => void;
}

/** The big action buttons, each with its keyboard shortcut printed on it. */
export function ActionBar({ view, busy, onAction }: Props) {
  const paused = view?.counter.state === 'paused';
  return (
    <div class="actions">
      {ACTIONS.map((a) => {
        const label = a.id === 'pause' && paused ? 'Tiếp tục' : a.label;
        const labelEn = a.id === 'pause' && paused ? 'Resume' : a.labelEn;
        const blocked = blockedReason(a.id, view);
        return (
          <button
            type="button"
            key={a.id}
            class={`action action-${a.id}${busy === a.id ? ' action-busy' : ''}${a.id === 'pause' && paused ? ' action-resume' : ''}`}
            data-action={a.id}
            disabled={blocked !== null || busy !== null}
            title={blocked ?? undefined}
            onClick={() => onAction(a.id)}
          >
            <span class="action-label">
              {busy === a.id ? 'Đang xử lý…' : label}
              <span class="en">{labelEn}</span>
            </span>
            <span class="action-keys">
              {a.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </span>
          </button>
        );
      })}
    </div>
  );
}
