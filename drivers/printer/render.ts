import { createCanvas, ImageData, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import { create as createQr } from 'qrcode';
import { cssFont, ensureFonts, type FontWeightName } from './fonts';
import { formatTicketTime } from './format';
import { encodeMonoPng } from './png1bit';
import { clean, wrapText } from './text';
import type { TicketPrintJob } from './types';
import { paperWidthProblem } from '../../shared/printerSettings';

export interface RenderedTicket {
  /** 1-bit PNG of exactly what is printed. */
  png: Buffer;
  width: number;
  height: number;
  /** 1 bit per pixel (1 = black), MSB first, rows of width / 8 bytes: the GS v 0 layout. */
  mono: Uint8Array;
}

export const DEFAULT_THANK_YOU = 'Cảm ơn quý khách!';
export const QR_CAPTION = 'Quét mã để theo dõi lượt';

/** A QR symbol placed on the paper: `size` × `size` modules of `cell` dots from (x, y). */
export interface QrOp {
  t: 'qr';
  x: number;
  y: number;
  cell: number;
  size: number;
  dark: Uint8Array;
}

type Op =
  | { t: 'text'; text: string; font: string; baseline: number }
  | { t: 'rule'; y: number; thickness: number }
  | QrOp
  | { t: 'logo'; x: number; y: number; w: number; h: number; image: Canvas };

/**
 * Places the QR of `url` centred on paper `width` dots wide, below `y` after a 4-module quiet
 * zone (the sides are wider), its modules sized for about `targetPx` dots; returns it and the
 * y below it (3 modules under).
 */
export function placeQr(url: string, width: number, y: number, targetPx: number): { op: QrOp; y: number } {
  const qr = createQr(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const cell = Math.max(2, Math.min(Math.floor(targetPx / size), Math.floor(width / (size + 8))));
  const top = y + 4 * cell;
  const op: QrOp = { t: 'qr', x: Math.floor((width - size * cell) / 2), y: top, cell, size, dark: Uint8Array.from(qr.modules.data) };
  return { op, y: top + size * cell + 3 * cell };
}

export function drawQr(ctx: SKRSContext2D, op: QrOp): void {
  for (let r = 0; r < op.size; r++) {
    for (let c = 0; c < op.size; c++) {
      if (op.dark[r * op.size + c]) ctx.fillRect(op.x + c * op.cell, op.y + r * op.cell, op.cell, op.cell);
    }
  }
}

interface Rect { x: number; y: number; w: number; h: number }

let measureCtx: SKRSContext2D | null = null;

/** A small canvas context for measuring text (one for every layout). */
export function measurer(): SKRSContext2D {
  if (!measureCtx) measureCtx = createCanvas(8, 8).getContext('2d');
  return measureCtx;
}

class Layout {
  y = 0;
  readonly ops: Op[] = [];
  readonly dither: Rect[] = [];
  readonly content: number;

  constructor(
    readonly ctx: SKRSContext2D,
    readonly width: number,
    readonly margin: number,
    readonly s: number,
  ) {
    this.content = width - 2 * margin;
  }

  gap(px: number): void {
    this.y += Math.round(px * this.s);
  }

  text(text: string, weight: FontWeightName, size: number): void {
    const font = cssFont(weight, size * this.s);
    this.ctx.font = font;
    const probe = this.ctx.measureText('Hg');
    for (const line of wrapText(this.ctx, text, this.content)) {
      const m = this.ctx.measureText(line);
      const ascent = Math.max(probe.fontBoundingBoxAscent, m.actualBoundingBoxAscent);
      const descent = Math.max(probe.fontBoundingBoxDescent, m.actualBoundingBoxDescent);
      this.y += Math.ceil(ascent);
      this.ops.push({ t: 'text', text: line, font, baseline: this.y });
      this.y += Math.ceil(descent);
    }
  }

  /** One line in the heavy face, as large as fits the width (capped in height). */
  bigNumber(text: string): void {
    const line = clean(text).replace(/\n/g, ' ');
    this.ctx.font = cssFont('heavy', 100);
    const at100 = this.ctx.measureText(line).width || 1;
    const size = Math.min(0.42 * this.width, (100 * this.content * 0.94) / at100);
    const font = cssFont('heavy', size);
    this.ctx.font = font;
    const m = this.ctx.measureText(line);
    this.y += Math.ceil(m.actualBoundingBoxAscent);
    this.ops.push({ t: 'text', text: line, font, baseline: this.y });
    this.y += Math.ceil(m.actualBoundingBoxDescent);
  }

  rule(): void {
    const thickness = Math.max(2, Math.round(2 * this.s));
    this.ops.push({ t: 'rule', y: this.y, thickness });
    this.y += thickness;
  }

  qr(url: string): void {
    const placed = placeQr(url, this.width, this.y, 230 * this.s);
    this.ops.push(placed.op);
    this.y = placed.y;
  }

  /** Returns false (and draws nothing) when the PNG cannot be decoded. */
  logo(png: Buffer): boolean {
    let decoded: PNG;
    try {
      decoded = PNG.sync.read(png);
    } catch {
      return false; // an unreadable logo must never stop a ticket from printing
    }
    const { width: lw, height: lh } = decoded;
    if (lw === 0 || lh === 0) return false;
    const scale = Math.min(2, (this.content * 0.6) / lw, (140 * this.s) / lh);
    const w = Math.max(1, Math.round(lw * scale));
    const h = Math.max(1, Math.round(lh * scale));
    const image = createCanvas(lw, lh);
    image.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(decoded.data), lw, lh), 0, 0);
    const x = Math.floor((this.width - w) / 2);
    this.ops.push({ t: 'logo', x, y: this.y, w, h, image });
    this.dither.push({ x, y: this.y, w, h });
    this.y += h;
    return true;
  }
}

function counterLine(name: string): string {
  return /^qu[aầ]y\b/iu.test(name.normalize('NFC').trim()) ? name : `Quầy: ${name}`;
}

function layoutTicket(job: TicketPrintJob, width: number): Layout {
  const s = Math.max(0.8, width / 576);
  const L = new Layout(measurer(), width, Math.round(width * 0.04), s);
  L.gap(12);
  if (job.logoPng && job.logoPng.length > 0 && L.logo(job.logoPng)) L.gap(10);
  for (const line of job.headerLines ?? []) L.text(line, 'regular', 22);
  L.text(job.unitName, 'bold', 28);
  L.gap(12);
  L.rule();
  L.gap(14);
  L.text('SỐ THỨ TỰ', 'bold', 26);
  L.gap(10);
  L.bigNumber(job.number);
  L.gap(18);
  L.text(job.serviceName, 'bold', 30);
  if (job.counterName?.trim()) L.text(counterLine(job.counterName), 'regular', 26);
  if (job.priorityName?.trim()) {
    L.gap(4);
    L.text(`Ưu tiên: ${job.priorityName}`, 'bold', 26);
  }
  L.gap(12);
  L.rule();
  L.gap(10);
  L.text(`Thời gian: ${formatTicketTime(job.issuedAt, job.timeZone)}`, 'regular', 22);
  const ahead = Number.isFinite(job.waitingAhead) ? Math.max(0, Math.trunc(job.waitingAhead)) : 0;
  L.text(`Số người chờ trước: ${ahead}`, 'regular', 22);
  if (job.qrUrl.trim()) {
    L.qr(job.qrUrl.trim());
    L.text(QR_CAPTION, 'regular', 19);
  }
  const thanks = job.thankYou ?? DEFAULT_THANK_YOU;
  if (thanks.trim()) {
    L.gap(10);
    L.text(thanks, 'bold', 24);
  }
  L.gap(16);
  return L;
}

/** One drawing canvas per paper width, grown on demand: rendering is synchronous, so reuse is safe. */
const canvases = new Map<number, Canvas>();

export function canvasFor(width: number, height: number): Canvas {
  let canvas = canvases.get(width);
  if (!canvas || canvas.height < height) {
    canvas = createCanvas(width, Math.max(height, 1600));
    canvases.set(width, canvas);
  }
  return canvas;
}

function draw(L: Layout, height: number): Uint8ClampedArray {
  const ctx = canvasFor(L.width, height).getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, height);
  ctx.fillStyle = '#000000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const cx = L.width / 2;
  for (const op of L.ops) {
    if (op.t === 'text') {
      ctx.font = op.font;
      ctx.fillText(op.text, cx, op.baseline);
    } else if (op.t === 'rule') {
      ctx.fillRect(L.margin, op.y, L.width - 2 * L.margin, op.thickness);
    } else if (op.t === 'qr') {
      drawQr(ctx, op);
    } else {
      ctx.drawImage(op.image, op.x, op.y, op.w, op.h);
    }
  }
  return ctx.getImageData(0, 0, L.width, height).data;
}

const BAYER4 = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

/** Threshold to packed 1-bit rows (text and QR are pure black/white); logos get ordered dithering. */
export function toMono(rgba: Uint8ClampedArray, width: number, height: number, dither: Rect[] = []): Uint8Array {
  const rowBytes = width >> 3;
  const mono = new Uint8Array(rowBytes * height);
  let p = 0;
  for (let i = 0; i < mono.length; i++) {
    let byte = 0;
    if (rgba[p]! < 128) byte |= 0x80;
    if (rgba[p + 4]! < 128) byte |= 0x40;
    if (rgba[p + 8]! < 128) byte |= 0x20;
    if (rgba[p + 12]! < 128) byte |= 0x10;
    if (rgba[p + 16]! < 128) byte |= 0x08;
    if (rgba[p + 20]! < 128) byte |= 0x04;
    if (rgba[p + 24]! < 128) byte |= 0x02;
    if (rgba[p + 28]! < 128) byte |= 0x01;
    mono[i] = byte;
    p += 32;
  }
  for (const r of dither) {
    for (let y = r.y; y < Math.min(height, r.y + r.h); y++) {
      for (let x = Math.max(0, r.x); x < Math.min(width, r.x + r.w); x++) {
        const q = (y * width + x) * 4;
        const lum = 0.299 * rgba[q]! + 0.587 * rgba[q + 1]! + 0.114 * rgba[q + 2]!;
        const idx = y * rowBytes + (x >> 3);
        const bit = 0x80 >> (x & 7);
        if (lum < (BAYER4[(y & 3) * 4 + (x & 3)]! + 0.5) * 16) mono[idx] = mono[idx]! | bit;
        else mono[idx] = mono[idx]! & ~bit;
      }
    }
  }
  return mono;
}

export function assertWidth(widthDots: number): void {
  const problem = paperWidthProblem(widthDots);
  if (problem) throw new RangeError(`Paper width: ${problem} (multiple of 8 dots in 256..832, got ${widthDots})`);
}

/** Renders a ticket to a black-and-white raster `widthDots` wide (576 = 80 mm, 384 = 58 mm). */
export function renderTicket(job: TicketPrintJob, widthDots: number): RenderedTicket {
  assertWidth(widthDots);
  if (job.raster) {
    if (job.raster.width !== widthDots) throw new RangeError(`Raster is ${job.raster.width} dots wide, the paper ${widthDots}`);
    return job.raster;
  }
  ensureFonts();
  const layout = layoutTicket(job, widthDots);
  const height = Math.ceil(layout.y);
  const mono = toMono(draw(layout, height), widthDots, height, layout.dither);
  return { png: encodeMonoPng(mono, widthDots, height), width: widthDots, height, mono };
}
