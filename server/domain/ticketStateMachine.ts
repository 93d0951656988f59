import type { TicketAction, TicketStatus } from '../../shared/contract';
import { conflict } from './errors';

/**
 * The ticket state machine. Each action lists the statuses it may start from and the
 * status it leads to. Anything else is an illegal transition (HTTP 409).
 *
 *   waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
 *      ▲                │  ╰──finish (served without a separate start)──▶ done
 *      │                ╰──no_show──▶ no_show ──return──▶ waiting
 *      ╰──transfer── waiting / called / serving (same ticket, keeps its place)
 *   waiting ──cancel──▶ cancelled;   waiting / no_show of a past day ──expire──▶ expired
 *   called / serving of a past day ──finish (by the day rollover, flagged closed_by_rollover)──▶ done
 */
export const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus | null }> = {
  issue: { from: [], to: 'waiting' },
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called', 'serving'], to: null },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['called', 'serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  return: { from: ['no_show'], to: 'waiting' },
  transfer: { from: ['waiting', 'called', 'serving'], to: 'waiting' },
  cancel: { from: ['waiting'], to: 'cancelled' },
  expire: { from: ['waiting', 'called', 'no_show'], to: 'expired' },
};

const STATUS_VI: Record<TicketStatus, string> = {
  waiting: 'đang chờ',
  called: 'đã được gọi',
  serving: 'đang được phục vụ',
  done: 'đã xong',
  no_show: 'vắng mặt',
  cancelled: 'đã hủy',
  expired: 'đã hết hạn',
};

const ACTION_VI: Record<TicketAction, string> = {
  issue: 'cấp số',
  call: 'gọi',
  recall: 'gọi lại',
  start: 'bắt đầu phục vụ',
  finish: 'kết thúc',
  no_show: 'đánh dấu vắng mặt',
  return: 'đưa lại vào hàng chờ',
  transfer: 'chuyển',
  cancel: 'hủy',
  expire: 'cho hết hạn',
};

export function canTransition(action: TicketAction, from: TicketStatus): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The status after `action`, or a 409 DomainError when it is not allowed from `from`. */
export function nextStatus(action: TicketAction, from: TicketStatus, number: string): TicketStatus {
  if (!canTransition(action, from)) {
    throw conflict(
      'illegal_transition',
      `Không thể ${ACTION_VI[action]} số ${number} vì số này ${STATUS_VI[from]}. ` +
        `(Cannot ${action.replace('_', '-')} ticket ${number}: it is ${from.replace('_', '-')}.)`,
      { action, from },
    );
  }
  return TRANSITIONS[action].to ?? from;
}

export function statusLabelVi(status: TicketStatus): string {
  return STATUS_VI[status];
}
