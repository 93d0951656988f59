/**
 * Seeds the demo office's catalogue and calendar (only with the demo office, on first start):
 * the ten demo procedures (to verify, see demoProcedures.ts) and the national holidays of the
 * current and next year where known.
 */
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import type { WorkingCalendar } from '../calendar/workingCalendar';
import { hasNationalHolidays } from '../calendar/nationalHolidays';
import { localParts } from '../time';
import { log } from '../../log';
import type { ProcedureRepo } from './procedureRepo';
import { DEMO_PROCEDURES } from './demoProcedures';

export function seedDemoCatalogue(procedures: ProcedureRepo, calendar: WorkingCalendar, config: ConfigRepo, clock: Clock): void {
  const services = new Map(config.services().map((s) => [s.code, s.id]));
  procedures.saveMany(
    DEMO_PROCEDURES.map(({ verify: _verify, field, ...p }, i) => ({
      ...p,
      serviceId: services.get(field) ?? null,
      active: true,
      sortOrder: i + 1,
    })),
  );
  const year = localParts(clock.now(), config.office().timeZone).year;
  for (const y of [year, year + 1]) {
    if (hasNationalHolidays(y)) calendar.addNationalHolidays(y);
    else log.info({ year: y }, 'no national holiday list for this year: add the days on the admin page');
  }
}
