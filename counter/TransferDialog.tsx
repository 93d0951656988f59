import type { PublicCounter, PublicService, StaffTicket } from '../shared/contract';
import { Dialog } from './Dialog';

export interface TransferTarget {
  serviceId?: number;
  counterId?: number;
}

interface Props {
  ticket: StaffTicket;
  services: PublicService[];
  counters: PublicCounter[];
  ownCounterId: number;
  onPick: (target: TransferTarget, label: string) => void;
  onClose: () => void;
}

/** T: transfer the current ticket to another field (keys 1–9) or to a given counter. */
export function TransferDialog({ ticket, services, counters, ownCounterId, onPick, onClose }: Props) {
  const fields = services.filter((s) => s.active);
  const others = counters.filter((c) => c.id !== ownCounterId && c.state !== 'closed');
  const onKeyDown = (e: KeyboardEvent) => {
    const n = Number.parseInt(e.key, 10);
    const s = Number.isInteger(n) && n >= 1 ? fields[n - 1] : undefined;
    if (s) {
      e.preventDefault();
      onPick({ serviceId: s.id }, s.name);
    }
  };
  return (
    <Dialog title={`Chuyển số ${ticket.number}`} titleEn="Transfer" onClose={onClose}>
      <div class="transfer" onKeyDown={onKeyDown}>
        <section>
          <h3>
            Sang lĩnh vực <span class="en">To a field</span>
          </h3>
          {fields.map((s, i) => (
            <button
              type="button"
              key={s.id}
              class="pick"
              data-service={s.id}
              disabled={s.id === ticket.serviceId}
              onClick={() => onPick({ serviceId: s.id }, s.name)}
            >
              {i < 9 && <kbd>{i + 1}</kbd>}
              <span class="pick-prefix">{s.prefix}</span>
              <span class="pick-name">{s.name}</span>
              {s.id === ticket.serviceId && <span class="pick-note">lĩnh vực hiện tại</span>}
            </button>
          ))}
        </section>
        <section>
          <h3>
            Sang quầy <span class="en">To a counter</span>
          </h3>
          {others.map((c) => (
            <button
              type="button"
              key={c.id}
              class="pick"
              data-counter={c.id}
              onClick={() => onPick({ counterId: c.id }, `quầy ${c.number}`)}
            >
              <span class="pick-prefix pick-counter">{c.number}</span>
              <span class="pick-name">{c.name}</span>
              {c.state === 'paused' && <span class="pick-note">tạm dừng</span>}
            </button>
          ))}
          {others.length === 0 && <p class="muted">Không có quầy nào khác đang mở.</p>}
        </section>
      </div>
    </Dialog>
  );
}
