import type { ServiceConfig } from '../../shared/contract';
import { conflict } from './errors';

type Numbering = Pick<ServiceConfig, 'prefix' | 'firstNumber' | 'lastNumber' | 'active'>;

const label = (s: ServiceConfig) => `"${s.name}" (${s.code})`;

/**
 * Two active fields must never give the same ticket number on one day, or calling that
 * number would pick either: an active field's prefix is its own, and fields without a
 * prefix use numeric blocks that do not overlap. Throws a 409 naming the other field.
 * Inactive fields are not checked (they issue nothing); re-activating one is.
 */
export function assertNoNumberingClash(input: Numbering, id: number | undefined, services: ServiceConfig[]): void {
  if (!input.active) return;
  for (const other of services) {
    if (other.id === id || !other.active || other.prefix !== input.prefix) continue;
    if (input.prefix !== '') {
      throw conflict(
        'duplicate_prefix',
        `Tiền tố "${input.prefix}" đang được dùng cho lĩnh vực ${label(other)}: hai lĩnh vực đang hoạt động sẽ cấp trùng số. ` +
          `(Prefix "${input.prefix}" is already used by the active field ${other.code}.)`,
        { serviceId: other.id },
      );
    }
    if (input.firstNumber <= other.lastNumber && other.firstNumber <= input.lastNumber) {
      throw conflict(
        'overlapping_numbers',
        `Dải số ${input.firstNumber}–${input.lastNumber} trùng với dải ${other.firstNumber}–${other.lastNumber} ` +
          `của lĩnh vực ${label(other)} (cùng không có tiền tố): hai lĩnh vực đang hoạt động sẽ cấp trùng số. ` +
          `(Number range overlaps the active field ${other.code}.)`,
        { serviceId: other.id },
      );
    }
  }
}
