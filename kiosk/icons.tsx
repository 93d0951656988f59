import type { JSX } from 'preact';

/**
 * Line icons bundled in the code (no files, no CDN), drawn on a 48×48 grid. Field icons
 * are keyed by the service's `icon`; anything unknown falls back to `document`.
 */
const PATHS: Record<string, JSX.Element> = {
  family: (
    <>
      <circle cx="10" cy="12" r="4.5" />
      <path d="M3 42V31a7 7 0 0 1 14 0v11" />
      <circle cx="26" cy="12" r="4.5" />
      <path d="M19 42V31a7 7 0 0 1 14 0v11" />
      <circle cx="40.5" cy="25" r="3.5" />
      <path d="M35 42v-4a5.5 5.5 0 0 1 11 0v4" />
    </>
  ),
  land: (
    <>
      <path d="M5 12l13-5 12 5 13-5v29l-13 5-12-5-13 5z" />
      <path d="M18 7v29M30 12v29" />
    </>
  ),
  people: (
    <>
      <circle cx="24" cy="14" r="6" />
      <path d="M13 41v-4a11 11 0 0 1 22 0v4" />
      <circle cx="9" cy="19" r="4" />
      <path d="M3 37v-2a7 7 0 0 1 8-7" />
      <circle cx="39" cy="19" r="4" />
      <path d="M45 37v-2a7 7 0 0 0-8-7" />
    </>
  ),
  building: (
    <>
      <path d="M9 42V13l12-6v35M21 42V19h18v23M4 42h40" />
      <path d="M14 17h.01M14 24h.01M14 31h.01M26 25h.01M33 25h.01M26 31h.01M33 31h.01M26 37h.01M33 37h.01" />
    </>
  ),
  result: (
    <>
      <path d="M11 5h17l10 10v28H11z" />
      <path d="M28 5v10h10M17 29l5 5 10-11" />
    </>
  ),
  document: (
    <>
      <path d="M11 5h17l10 10v28H11z" />
      <path d="M28 5v10h10M17 24h15M17 31h15M17 38h9" />
    </>
  ),
  priority: (
    <path d="M24 41S8 31.5 8 20a8.5 8.5 0 0 1 16-4 8.5 8.5 0 0 1 16 4c0 11.5-16 21-16 21z" />
  ),
  elderly: (
    <>
      <circle cx="20" cy="8" r="4.5" />
      <path d="M20 15q-3.5 7-1 14M19 29l-6 14M19 29l7 14M20 19l10 6M31 25v18M31 25c0-3.5 5-3.5 5 0" />
    </>
  ),
  disability: (
    <>
      <circle cx="21" cy="7" r="4" />
      <path d="M21 14v11h11l5 11M21 19h10" />
      <path d="M15 21a11 11 0 1 0 15.5 15" />
    </>
  ),
  pregnant: (
    <>
      <circle cx="21" cy="8" r="4.5" />
      <path d="M21 15c-3 4-4 9-3 14l-1 14M22 18c8 2 11 7 10 12s-5 6-10 4M23 34l1 9" />
    </>
  ),
  merit: <path d="M24 5l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L24 35l-11.7 6.3 2.2-13.1L5 18.9 18.1 17z" />,
  back: <path d="M30 10L16 24l14 14" />,
  globe: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M6 24h36M24 6c6 6 7 12 7 18s-1 12-7 18M24 6c-6 6-7 12-7 18s1 12 7 18" />
    </>
  ),
  printer: (
    <>
      <path d="M14 18V6h20v12M14 36H8V18h32v18h-6" />
      <path d="M14 28h20v14H14z" />
    </>
  ),
  clock: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M24 13v11l7 5" />
    </>
  ),
  offline: (
    <>
      <path d="M6 18a26 26 0 0 1 36 0M12 25a17 17 0 0 1 24 0M18 32a8 8 0 0 1 12 0" />
      <path d="M24 39h.01M8 6l32 36" />
    </>
  ),
  hourglass: <path d="M13 6h22M13 42h22M15 6c0 10 9 12 9 18s-9 8-9 18M33 6c0 10-9 12-9 18s9 8 9 18" />,
  pause: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M19 17v14M29 17v14" />
    </>
  ),
  info: (
    <>
      <circle cx="24" cy="24" r="18" />
      <path d="M24 22v11M24 15h.01" />
    </>
  ),
  idcard: (
    <>
      <rect x="4" y="10" width="40" height="28" rx="4" />
      <circle cx="15" cy="22" r="4" />
      <path d="M8 32c1.5-3.5 4-5 7-5s5.5 1.5 7 5M27 19h11M27 25h11M27 31h7" />
    </>
  ),
  verified: (
    <>
      <path d="M24 4l16 6v12c0 10-7 18-16 22C15 40 8 32 8 22V10z" />
      <path d="M16 24l6 6 11-12" />
    </>
  ),
};

export function Icon(props: { name: string; size?: number; class?: string }) {
  const size = props.size ?? 48;
  return (
    <svg
      class={props.class ?? 'icon'}
      width={size}
      height={size}
      viewBox="0 0 48 48"
      fill="none"
      stroke="currentColor"
      stroke-width="3"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {PATHS[props.name] ?? PATHS.document}
    </svg>
  );
}

/** An icon for a priority category, guessed from its Vietnamese name. */
export function priorityIcon(name: string): string {
  const n = name.toLowerCase();
  if (n.includes('cao tuổi') || n.includes('già')) return 'elderly';
  if (n.includes('khuyết tật')) return 'disability';
  if (n.includes('mang thai') || n.includes('con nhỏ')) return 'pregnant';
  if (n.includes('có công') || n.includes('thương binh')) return 'merit';
  return 'priority';
}
