import type { CounterView } from '../shared/contract';

/** Every counter action, its keys (shown on its button) and when it makes sense. */
export type ActionId = 'next' | 'recall' | 'number' | 'skip' | 'start' | 'finish' | 'transfer' | 'pause' | 'dossier' | 'returnResult' | 'reprintSlip';

export interface ActionDef {
  id: ActionId;
  label: string;
  labelEn: string;
  /** Key names as printed on the button. */
  keys: string[];
  /** KeyboardEvent.code values that trigger it. */
  codes: string[];
}

export const ACTIONS: readonly ActionDef[] = [
  { id: 'next', label: 'Gọi số tiếp theo', labelEn: 'Call next', keys: ['Space', 'Enter', 'F1'], codes: ['Space', 'Enter', 'NumpadEnter', 'F1'] },
  { id: 'recall', label: 'Gọi lại', labelEn: 'Recall', keys: ['R', 'F2'], codes: ['KeyR', 'F2'] },
  { id: 'start', label: 'Bắt đầu phục vụ', labelEn: 'Start', keys: ['B'], codes: ['KeyB'] },
  { id: 'finish', label: 'Kết thúc', labelEn: 'Finish', keys: ['K', 'F4'], codes: ['KeyK', 'F4'] },
  { id: 'skip', label: 'Vắng mặt', labelEn: 'No-show', keys: ['S', 'F3'], codes: ['KeyS', 'F3'] },
  { id: 'transfer', label: 'Chuyển', labelEn: 'Transfer', keys: ['T'], codes: ['KeyT'] },
  { id: 'number', label: 'Gọi số cụ thể', labelEn: 'Call a number', keys: ['N'], codes: ['KeyN'] },
  { id: 'pause', label: 'Tạm dừng', labelEn: 'Pause', keys: ['P'], codes: ['KeyP'] },
  { id: 'dossier', label: 'Hồ sơ', labelEn: 'Dossier', keys: ['H', 'F6'], codes: ['KeyH', 'F6'] },
  { id: 'returnResult', label: 'Trả kết quả', labelEn: 'Hand over result', keys: ['G', 'F7'], codes: ['KeyG', 'F7'] },
  { id: 'reprintSlip', label: 'In lại phiếu hẹn', labelEn: 'Reprint slip', keys: ['I', 'F8'], codes: ['KeyI', 'F8'] },
];

const LETTER_KEYS: Record<string, string> = { r: 'KeyR', b: 'KeyB', k: 'KeyK', s: 'KeyS', t: 'KeyT', n: 'KeyN', p: 'KeyP', h: 'KeyH', g: 'KeyG', i: 'KeyI' };

/** The action a key press asks for, or null. Letters match by key and by physical key. */
export function actionForKey(e: Pick<KeyboardEvent, 'key' | 'code'>): ActionDef | null {
  const letter = LETTER_KEYS[e.key.toLowerCase()];
  const code = e.key === ' ' ? 'Space' : e.key === 'Enter' ? 'Enter' : /^F\d$/.test(e.key) ? e.key : (letter ?? e.code);
  return ACTIONS.find((a) => a.codes.includes(code)) ?? null;
}

/** Why an action cannot run now (Vietnamese), or null when it can. */
export function blockedReason(id: ActionId, view: CounterView | null): string | null {
  if (!view) return 'Đang tải dữ liệu quầy…';
  const cur = view.current;
  const paused = view.counter.state === 'paused';
  switch (id) {
    case 'next':
    case 'number':
      return paused ? 'Quầy đang tạm dừng. Bấm P để tiếp tục.' : null;
    case 'recall':
    case 'finish':
    case 'transfer':
    case 'dossier':
    case 'reprintSlip':
      return cur ? null : 'Chưa có số nào đang ở quầy.';
    case 'start':
      if (!cur) return 'Chưa có số nào đang ở quầy.';
      return cur.status === 'called' ? null : 'Số này đã đang được phục vụ.';
    case 'skip':
      if (!cur) return 'Chưa có số nào đang ở quầy.';
      return cur.status === 'called' ? null : 'Công dân đã đến quầy, không thể đánh dấu vắng mặt.';
    case 'pause':
    case 'returnResult':
      return null;
  }
}
