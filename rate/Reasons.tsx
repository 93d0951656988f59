import { useState } from 'preact/hooks';
import type { RatingReason } from '../shared/ratings';
import { VietKeyboard } from '../shared/web/VietKeyboard';

export const MAX_TEXT = 200;

/** Why not satisfied: preset reasons to touch, an optional text on the on-screen keyboard, send or skip. */
export function Reasons({
  reasons,
  allowText,
  busy,
  onSend,
  onSkip,
}: {
  reasons: RatingReason[];
  allowText: boolean;
  busy: boolean;
  onSend: (keys: string[], text: string) => void;
  onSkip: () => void;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(false);
  const toggle = (key: string) => setPicked((p) => (p.includes(key) ? p.filter((k) => k !== key) : [...p, key]));
  const nothing = picked.length === 0 && text.trim() === '';
  return (
    <div class="reasons">
      <h1 class="reasons-title">
        Quý khách chưa hài lòng về điều gì?
        <span class="en">What was not satisfactory? Touch one or more.</span>
      </h1>
      <div class="reason-list">
        {reasons.map((r) => (
          <button
            type="button"
            key={r.key}
            class={`reason${picked.includes(r.key) ? ' reason-on' : ''}`}
            data-reason={r.key}
            aria-pressed={picked.includes(r.key)}
            onClick={() => toggle(r.key)}
          >
            <span class="reason-check" aria-hidden="true">
              {picked.includes(r.key) ? '✓' : ''}
            </span>
            <span>
              {r.vi}
              {r.en && <span class="en">{r.en}</span>}
            </span>
          </button>
        ))}
      </div>
      {allowText &&
        (typing ? (
          <div class="reason-text">
            <div class="reason-text-box" data-testid="reason-text">
              {text || <span class="placeholder">Ý kiến của quý khách… (Your comment…)</span>}
            </div>
            <VietKeyboard value={text} onChange={setText} maxLength={MAX_TEXT} onEnter={() => setTyping(false)} />
          </div>
        ) : (
          <button type="button" class="reason-write" onClick={() => setTyping(true)}>
            ✎ Viết ý kiến khác <span class="en">Write a comment</span>
          </button>
        ))}
      <div class="reason-actions">
        <button type="button" class="btn-skip" disabled={busy} onClick={onSkip}>
          Bỏ qua <span class="en">Skip</span>
        </button>
        <button type="button" class="btn-send" disabled={busy || nothing} onClick={() => onSend(picked, text.trim())}>
          Gửi ý kiến <span class="en">Send</span>
        </button>
      </div>
    </div>
  );
}
