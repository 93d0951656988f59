/** The encoder alone from the `qrcode` package (no canvas/SVG renderers): about 8 KB gzipped. */
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}
