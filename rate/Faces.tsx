import type { RatingLevel, RatingLevelLabel } from '../shared/ratings';

/** The mouth of each level: a smile for the best, flat for neutral, a frown for the worst. */
const MOUTHS: Record<RatingLevel, string> = {
  very_satisfied: 'M30 60 Q50 84 70 60 Z',
  satisfied: 'M32 62 Q50 76 68 62',
  neutral: 'M33 66 L67 66',
  unsatisfied: 'M33 70 Q50 58 67 70',
  very_unsatisfied: 'M31 74 Q50 52 69 74',
};

/** Eyebrows frown on the lower levels. */
const BROWS: Partial<Record<RatingLevel, string>> = {
  unsatisfied: 'M28 32 L42 36 M72 32 L58 36',
  very_unsatisfied: 'M27 30 L43 38 M73 30 L57 38',
};

/** A face drawn for a level (bundled, no icon font or CDN), in the level's colour. */
export function Face({ level, color, size = 120 }: { level: RatingLevel; color: string; size?: number }) {
  const open = level === 'very_satisfied';
  return (
    <svg class="face" viewBox="0 0 100 100" width={size} height={size} aria-hidden="true">
      <circle cx="50" cy="50" r="46" fill={color} />
      <circle cx="50" cy="50" r="46" fill="none" stroke="rgba(0,0,0,.18)" stroke-width="3" />
      <circle cx="35" cy="42" r="6" fill="#fff" />
      <circle cx="65" cy="42" r="6" fill="#fff" />
      {BROWS[level] && <path d={BROWS[level]} stroke="#fff" stroke-width="4" stroke-linecap="round" fill="none" />}
      <path
        d={MOUTHS[level]}
        stroke="#fff"
        stroke-width="6"
        stroke-linecap="round"
        stroke-linejoin="round"
        fill={open ? '#fff' : 'none'}
      />
    </svg>
  );
}

/** The scale as big touch targets, best first; the key number for a USB keypad in the corner. */
export function FaceButtons({
  levels,
  busy,
  compact,
  onPick,
}: {
  levels: RatingLevelLabel[];
  busy: boolean;
  compact?: boolean;
  onPick: (level: RatingLevel) => void;
}) {
  return (
    <div class={`faces faces-${levels.length}${compact ? ' faces-compact' : ''}`} role="group" aria-label="Mức độ hài lòng">
      {levels.map((l, i) => (
        <button
          type="button"
          key={l.key}
          class="face-btn"
          data-level={l.key}
          style={{ borderColor: l.color }}
          disabled={busy}
          onPointerDown={(e) => {
            e.preventDefault();
            onPick(l.key);
          }}
          onClick={(e) => {
            // Keyboard activation (Enter/Space on a focused button); touches act on pointer down.
            if (e.detail === 0) onPick(l.key);
          }}
        >
          <Face level={l.key} color={l.color} size={compact ? 88 : 150} />
          <span class="face-vi" style={{ color: l.color }}>
            {l.vi.toLocaleUpperCase('vi')}
          </span>
          {l.en && <span class="face-en">{l.en}</span>}
          <span class="face-key" aria-hidden="true">
            {i + 1}
          </span>
        </button>
      ))}
    </div>
  );
}
