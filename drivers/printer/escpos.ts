import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { renderTicket, type RenderedTicket } from './render';
import type { TicketPrintJob } from './types';

export interface EscPosOptions {
  /** Rows per GS v 0 command, 1..255 (default 255) so printers with small input buffers cope. */
  bandRows?: number;
  /** 'partial' leaves a hinge so the ticket hangs from the printer (default 'full'). */
  cut?: 'full' | 'partial';
}

/** ESC @ : initialise the printer. */
export const ESC_INIT = Buffer.from([0x1b, 0x40]);

/** GS v 0 header for one band: m = 0 (normal), xL xH = bytes per row, yL yH = rows. */
export function rasterHeader(bytesPerRow: number, rows: number): Buffer {
  return Buffer.from([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]);
}

/**
 * Raster bands for a packed 1-bit image (GS v 0 layout). node-thermal-printer's own image path
 * only takes RGBA PNG data and re-thresholds it pixel by pixel, so the bands are built here.
 */
export function rasterBands(mono: Uint8Array, width: number, height: number, bandRows = 255): Buffer[] {
  if (!Number.isInteger(bandRows) || bandRows < 1 || bandRows > 255) {
    throw new RangeError(`bandRows must be 1..255 (got ${bandRows})`);
  }
  const bytesPerRow = Math.ceil(width / 8);
  if (mono.length < bytesPerRow * height) throw new RangeError('Bitmap is smaller than width x height');
  const bands: Buffer[] = [];
  for (let top = 0; top < height; top += bandRows) {
    const rows = Math.min(bandRows, height - top);
    const band = Buffer.allocUnsafe(8 + bytesPerRow * rows);
    rasterHeader(bytesPerRow, rows).copy(band, 0);
    band.set(mono.subarray(top * bytesPerRow, (top + rows) * bytesPerRow), 8);
    bands.push(band);
  }
  return bands;
}

/**
 * Full ESC/POS stream for a rendered ticket (EPSON command set via node-thermal-printer):
 * ESC @, ESC a 1 (centre), GS v 0 bands, ESC d 4 (feed to the cutter), GS V cut, ESC @.
 */
export function encodeRendered(ticket: RenderedTicket, options: EscPosOptions = {}): Buffer {
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
  printer.add(ESC_INIT);
  printer.alignCenter();
  printer.add(Buffer.concat(rasterBands(ticket.mono, ticket.width, ticket.height, options.bandRows ?? 255)));
  if (options.cut === 'partial') printer.partialCut({ verticalTabAmount: 1 });
  else printer.cut({ verticalTabAmount: 1 });
  return printer.getBuffer();
}

/** Render + encode: ticket data to the bytes sent to the printer. */
export function encodeTicket(job: TicketPrintJob, widthDots: number, options: EscPosOptions = {}): Buffer {
  return encodeRendered(renderTicket(job, widthDots), options);
}
