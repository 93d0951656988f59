import type { PublicService, ServiceQueueStats } from '../../shared/contract';

/** How many citizens wait in each field. */
export function WaitingFields({ services, stats }: { services: PublicService[]; stats: ServiceQueueStats[] }) {
  const byId = new Map(stats.map((s) => [s.serviceId, s]));
  return (
    <section class="fields">
      <div class="panel-title">
        Đang chờ theo lĩnh vực <span class="en">Waiting per field</span>
      </div>
      <div class="field-list">
        {services.map((s) => {
          const st = byId.get(s.id);
          return (
            <div key={s.id} class="field-row" data-service={s.id}>
              <span class="field-prefix">{s.prefix}</span>
              <span class="field-name">
                {s.name}
                <span class="en">{s.nameEn}</span>
              </span>
              <span class="field-count" data-testid={`waiting-${s.id}`}>
                {st?.waiting ?? 0}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
