import { useState } from 'preact/hooks';
import type { PublicService, PublicTicket, StaffTicket } from '../shared/contract';
import { Dialog } from './Dialog';

interface Props {
  services: PublicService[];
  /** Tickets that can be called: today's waiting tickets and the no-shows. */
  callable: (PublicTicket | StaffTicket)[];
  onCall: (number: string) => void;
  /** Prints the ticket again (when the kiosk's printer failed). */
  onReprint: (number: string) => void;
  onClose: () => void;
}

/**
 * "A12" or "12" → the exact number of a callable ticket ("A012") when it is unambiguous,
 * otherwise what was typed (the server then says it does not exist).
 */
export function resolveNumber(typed: string, callable: { number: string }[]): string {
  const m = /^([A-Z]*)0*(\d+)$/.exec(typed);
  if (!m) return typed;
  const [, prefix = '', digits = ''] = m;
  const matches = callable.filter((t) => {
    const tm = /^([A-Z]*)0*(\d+)$/.exec(t.number);
    return tm && (prefix === '' || tm[1] === prefix) && Number(tm[2]) === Number(digits);
  });
  return matches.length === 1 && matches[0] ? matches[0].number : typed;
}

/** N: call a specific number (a citizen who came back, or one called out of order). */
export function NumberPad({ services, callable, onCall, onReprint, onClose }: Props) {
  const [value, setValue] = useState('');
  const press = (ch: string) => setValue((v) => (v + ch).slice(0, 12));
  const submit = () => {
    const typed = value.trim().toUpperCase();
    if (typed) onCall(resolveNumber(typed, callable));
  };
  return (
    <Dialog title="Gọi số cụ thể" titleEn="Call a specific number" onClose={onClose}>
      <form
        class="numpad"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          class="numpad-input"
          data-autofocus
          value={value}
          onInput={(e) => setValue(e.currentTarget.value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12))}
          placeholder="VD: A012"
          aria-label="Số cần gọi"
          autoComplete="off"
          inputMode="text"
        />
        <div class="numpad-prefixes">
          {services.map((s) => (
            <button type="button" key={s.id} class="numpad-key numpad-prefix" onClick={() => press(s.prefix)} title={s.name}>
              {s.prefix}
            </button>
          ))}
        </div>
        <div class="numpad-keys">
          {['7', '8', '9', '4', '5', '6', '1', '2', '3'].map((d) => (
            <button type="button" key={d} class="numpad-key" onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" class="numpad-key" onClick={() => setValue((v) => v.slice(0, -1))} aria-label="Xóa">
            ⌫
          </button>
          <button type="button" class="numpad-key" onClick={() => press('0')}>
            0
          </button>
          <button type="submit" class="numpad-key numpad-go" disabled={!value.trim()}>
            Gọi <kbd>Enter</kbd>
          </button>
        </div>
        <button
          type="button"
          class="numpad-reprint"
          data-testid="reprint"
          disabled={!value.trim()}
          onClick={() => {
            const typed = value.trim().toUpperCase();
            if (typed) onReprint(resolveNumber(typed, callable));
          }}
        >
          In lại phiếu <span class="en">Reprint ticket</span>
        </button>
        <p class="muted">
          Gõ số rồi bấm Enter. Có thể gõ gọn, ví dụ “A12” thay cho A012. <span class="en">Type the number, then Enter.</span>
        </p>
      </form>
    </Dialog>
  );
}
