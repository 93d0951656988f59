import { create } from 'qrcode/lib/core/qrcode';

/** One SVG path for the dark modules of a QR code, merging horizontal runs. */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  }
  return { size: n, d };
}

/** A QR code drawn client side, with the 4-module quiet zone scanners need. */
export function Qr(props: { text: string; px: number; label: string }) {
  const { size, d } = qrPath(props.text);
  const q = 4;
  return (
    <svg
      class="qr"
      width={props.px}
      height={props.px}
      viewBox={`${-q} ${-q} ${size + 2 * q} ${size + 2 * q}`}
      shape-rendering="crispEdges"
      role="img"
      aria-label={props.label}
    >
      <rect x={-q} y={-q} width={size + 2 * q} height={size + 2 * q} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
