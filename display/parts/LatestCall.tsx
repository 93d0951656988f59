import type { CallRecord, PublicService } from '../../shared/contract';

interface Props {
  call: CallRecord | null;
  service: PublicService | undefined;
  flashing: boolean;
}

/** The most recent call, very large; flashing for a few seconds after it happens. */
export function LatestCall({ call, service, flashing }: Props) {
  if (!call) {
    return (
      <section class="hero hero-empty">
        <div class="hero-label">Chưa có số nào được gọi</div>
        <div class="hero-idle">Mời quý khách lấy số thứ tự và chờ đến lượt</div>
        <div class="en">Please take a ticket and wait for your number</div>
      </section>
    );
  }
  return (
    <section key={call.id} class={`hero${flashing ? ' hero-flash' : ''}`} data-testid="latest-call">
      <div class="hero-label">
        {call.kind === 'recall' ? 'Xin mời lại công dân có số' : 'Xin mời công dân có số'}
        <span class="en">{call.kind === 'recall' ? 'Calling again' : 'Now calling'}</span>
      </div>
      <div class="hero-number" data-testid="latest-number">
        {call.number}
      </div>
      <div class="hero-counter">
        đến <b>Quầy {call.counterNumber}</b>
        <span class="en">Counter {call.counterNumber}</span>
      </div>
      {service && <div class="hero-field">{service.name}</div>}
    </section>
  );
}
