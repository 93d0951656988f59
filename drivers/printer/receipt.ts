/**
 * The dossier receipt slip "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" on the ticket printer:
 * rendered to the same 1-bit raster as tickets (Be Vietnam Pro, threshold at mid-grey) and
 * sent through the same ESC/POS raster encoder. The same data makes the A4/A5 page (/slip/).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { cssFont, ensureFonts, type FontWeightName } from './fonts';
import { encodeMonoPng } from './png1bit';
import { assertWidth, canvasFor, drawQr, measurer, placeQr, toMono, type QrOp, type RenderedTicket } from './render';
import { clean, wrapText } from './text';
import type { TicketPrintJob } from './types';

/** One paper received, as printed: its name, its form in words, copies per set. */
export interface ReceiptDocument {
  name: string;
  /** "Bản chính", "Bản sao có chứng thực", … (empty when not known). */
  form: string;
  copies: number;
}

/** Everything printed on a receipt slip, already in words (dates formatted in the office's zone). */
export interface ReceiptSlip {
  /** Lines above the unit name (settings.printer.headerLines), e.g. the superior authority. */
  headerLines: string[];
  unitName: string;
  code: string;
  /** `<public base>/h/<code>`, the dossier's status page, encoded in the QR. */
  qrUrl: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  procedureCode: string;
  procedureName: string;
  /** "Trực tiếp", "Bưu chính", … */
  channel: string;
  documents: ReceiptDocument[];
  sets: number;
  /** "Trong ngày", "5 ngày làm việc" (empty when the procedure has none). */
  processingTime: string;
  /** "HH:mm ngày dd/MM/yyyy" */
  receivedAt: string;
  /** "HH:mm ngày dd/MM/yyyy", or null when no due date applies. */
  dueAt: string | null;
  collectAt: string;
  /** The receiving officer's name. */
  officerName: string;
  /** "Quầy 1" (empty when received elsewhere). */
  counterName: string;
}

export const RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
export const NATIONAL_HEADING = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;
export const RECEIPT_QR_CAPTION = 'Quét mã để tra cứu tình trạng hồ sơ';
export const RECEIPT_FOOTER = 'Vui lòng mang theo giấy này khi đến nhận kết quả.';

/** "Hẹn trả kết quả: HH:mm ngày dd/MM/yyyy" (or the words for no due date). */
export function dueLine(dueAt: string | null): string {
  return dueAt ? `Hẹn trả kết quả: ${dueAt}` : 'Hẹn trả kết quả: theo thông báo của cơ quan giải quyết';
}

/** "1. Tờ khai đăng ký khai sinh (Bản chính): 1 bản" */
export function documentLine(d: ReceiptDocument, index: number): string {
  const form = d.form.trim() ? ` (${d.form.trim()})` : '';
  return `${index + 1}. ${d.name}${form}: ${d.copies} bản`;
}

type Op =
  | { t: 'text'; text: string; font: string; x: number; baseline: number; align: 'center' | 'left' }
  | { t: 'rule'; x: number; y: number; w: number; thickness: number }
  | QrOp;

class ReceiptLayout {
  y = 0;
  readonly ops: Op[] = [];
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

  private lineBox(font: string, line: string): { ascent: number; descent: number } {
    this.ctx.font = font;
    const probe = this.ctx.measureText('Hg');
    const m = this.ctx.measureText(line);
    return {
      ascent: Math.ceil(Math.max(probe.fontBoundingBoxAscent, m.actualBoundingBoxAscent)),
      descent: Math.ceil(Math.max(probe.fontBoundingBoxDescent, m.actualBoundingBoxDescent)),
    };
  }

  /** Centred, wrapped. */
  center(text: string, weight: FontWeightName, size: number): void {
    const font = cssFont(weight, size * this.s);
    this.ctx.font = font;
    for (const line of wrapText(this.ctx, text, this.content)) {
      const box = this.lineBox(font, line);
      this.y += box.ascent;
      this.ops.push({ t: 'text', text: line, font, x: this.width / 2, baseline: this.y, align: 'center' });
      this.y += box.descent;
    }
  }

  /** Left-aligned, wrapped; lines after the first are indented by `hang` dots. */
  left(text: string, weight: FontWeightName, size: number, hang = 0): void {
    const font = cssFont(weight, size * this.s);
    this.ctx.font = font;
    const first = wrapText(this.ctx, text, this.content);
    const [head, ...rest] = first;
    if (head === undefined) return;
    const lines = [head, ...(rest.length ? wrapText(this.ctx, rest.join(' '), this.content - hang) : [])];
    lines.forEach((line, i) => {
      const box = this.lineBox(font, line);
      this.y += box.ascent;
      this.ops.push({ t: 'text', text: line, font, x: this.margin + (i === 0 ? 0 : hang), baseline: this.y, align: 'left' });
      this.y += box.descent;
    });
  }

  rule(fraction = 1): void {
    const thickness = Math.max(2, Math.round(2 * this.s));
    const w = Math.round(this.content * fraction);
    this.ops.push({ t: 'rule', x: Math.round((this.width - w) / 2), y: this.y, w, thickness });
    this.y += thickness;
  }

  qr(url: string): void {
    const placed = placeQr(url, this.width, this.y, 220 * this.s);
    this.ops.push(placed.op);
    this.y = placed.y;
  }
}

function layoutReceipt(slip: ReceiptSlip, width: number): ReceiptLayout {
  const s = Math.max(0.7, width / 576);
  const L = new ReceiptLayout(measurer(), width, Math.round(width * 0.04), s);
  const hang = Math.round(28 * s);
  L.gap(10);
  for (const line of slip.headerLines) L.center(line, 'regular', 20);
  L.center(slip.unitName, 'bold', 22);
  L.gap(8);
  L.center(NATIONAL_HEADING[0], 'bold', 19);
  L.center(NATIONAL_HEADING[1], 'bold', 19);
  L.gap(8);
  L.rule(0.4);
  L.gap(16);
  // Broken where an office breaks it, so that no word hangs alone on the second line.
  L.center('GIẤY TIẾP NHẬN HỒ SƠ', 'heavy', 26);
  L.center('VÀ HẸN TRẢ KẾT QUẢ', 'heavy', 26);
  L.gap(10);
  L.center('Mã hồ sơ', 'regular', 20);
  L.center(slip.code, 'heavy', 27);
  if (slip.qrUrl.trim()) {
    L.qr(slip.qrUrl.trim());
    L.center(RECEIPT_QR_CAPTION, 'regular', 18);
  }
  L.gap(8);
  L.rule();
  L.gap(10);
  L.left(`Người nộp hồ sơ: ${slip.applicantName}`, 'bold', 21, hang);
  if (slip.applicantPhone.trim()) L.left(`Điện thoại: ${slip.applicantPhone}`, 'regular', 20, hang);
  if (slip.applicantAddress.trim()) L.left(`Địa chỉ: ${slip.applicantAddress}`, 'regular', 20, hang);
  L.gap(6);
  L.left(`Thủ tục: ${slip.procedureName}`, 'bold', 21, hang);
  if (slip.procedureCode.trim()) L.left(`Mã thủ tục: ${slip.procedureCode}`, 'regular', 19, hang);
  L.left(`Hình thức nộp: ${slip.channel}`, 'regular', 19, hang);
  L.gap(6);
  L.left('Giấy tờ đã nhận:', 'bold', 20);
  if (slip.documents.length === 0) L.left('(không có giấy tờ kèm theo)', 'regular', 19, hang);
  slip.documents.forEach((d, i) => L.left(documentLine(d, i), 'regular', 19, hang));
  L.left(`Số bộ hồ sơ: ${slip.sets}`, 'regular', 20, hang);
  L.gap(6);
  if (slip.processingTime.trim()) L.left(`Thời hạn giải quyết: ${slip.processingTime}`, 'regular', 20, hang);
  L.left(`Nhận hồ sơ lúc: ${slip.receivedAt}`, 'regular', 20, hang);
  L.gap(4);
  L.left(dueLine(slip.dueAt), 'heavy', 23, hang);
  L.gap(4);
  L.left(`Nơi nhận kết quả: ${slip.collectAt}`, 'regular', 20, hang);
  L.gap(6);
  const where = slip.counterName.trim() ? ` (${slip.counterName})` : '';
  L.left(`Cán bộ tiếp nhận: ${slip.officerName}${where}`, 'regular', 20, hang);
  L.gap(10);
  L.rule();
  L.gap(8);
  L.center(RECEIPT_FOOTER, 'regular', 19);
  L.gap(16);
  return L;
}

function draw(L: ReceiptLayout, height: number): Uint8ClampedArray {
  const ctx = canvasFor(L.width, height).getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, height);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'alphabetic';
  for (const op of L.ops) {
    if (op.t === 'text') {
      ctx.font = op.font;
      ctx.textAlign = op.align;
      ctx.fillText(op.text, op.x, op.baseline);
    } else if (op.t === 'rule') {
      ctx.fillRect(op.x, op.y, op.w, op.thickness);
    } else {
      drawQr(ctx, op);
    }
  }
  return ctx.getImageData(0, 0, L.width, height).data;
}

/** Renders a receipt slip to a black-and-white raster `widthDots` wide (576 = 80 mm, 384 = 58 mm). */
export function renderReceipt(slip: ReceiptSlip, widthDots: number): RenderedTicket {
  assertWidth(widthDots);
  ensureFonts();
  const cleaned: ReceiptSlip = {
    ...slip,
    documents: slip.documents.map((d) => ({ ...d, name: clean(d.name).replace(/\n/g, ' ') })),
  };
  const layout = layoutReceipt(cleaned, widthDots);
  const height = Math.ceil(layout.y);
  const mono = toMono(draw(layout, height), widthDots, height);
  return { png: encodeMonoPng(mono, widthDots, height), width: widthDots, height, mono };
}

/**
 * A print job carrying an already rendered receipt: the printers print `raster` as it is
 * (renderTicket passes it through), so a receipt takes the ticket's device queue, ESC/POS
 * raster encoder and simulated-printer files (named `<code>-<fileTag>`).
 */
export function receiptPrintJob(slip: ReceiptSlip, raster: RenderedTicket, at: Date, timeZone: string, fileTag: string): TicketPrintJob {
  return {
    unitName: slip.unitName,
    number: slip.code,
    serviceName: slip.procedureName,
    issuedAt: at,
    timeZone,
    waitingAhead: 0,
    qrUrl: slip.qrUrl,
    ticketId: fileTag,
    raster,
  };
}
