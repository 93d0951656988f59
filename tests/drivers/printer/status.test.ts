import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { cssFont, ensureFonts } from '../../../drivers/printer/fonts';
import { parseStatusReply, refusal, statusFromBits } from '../../../drivers/printer/status';
import { wrapText } from '../../../drivers/printer/text';
import { STATUS_COVER_OPEN, STATUS_NEAR_END, STATUS_PAPER_END, STATUS_READY } from './fake-printer';

describe('DLE EOT status parsing', () => {
  it('reads the offline, cover, paper-end and near-end bits', () => {
    expect(parseStatusReply(Buffer.from(STATUS_READY))).toEqual({
      offline: false,
      coverOpen: false,
      paperEnd: false,
      paperNearEnd: false,
      errorOccurred: false,
    });
    expect(parseStatusReply(Buffer.from(STATUS_PAPER_END))).toMatchObject({ offline: true, paperEnd: true });
    expect(parseStatusReply(Buffer.from(STATUS_COVER_OPEN))).toMatchObject({ offline: true, coverOpen: true, paperEnd: false });
    expect(parseStatusReply(Buffer.from(STATUS_NEAR_END))).toMatchObject({ offline: false, paperNearEnd: true });
    expect(parseStatusReply(Buffer.from([0x16, 0x52]))).toMatchObject({ errorOccurred: true, paperNearEnd: false });
  });

  it('treats no reply or bytes that break the fixed bits as unknown', () => {
    expect(parseStatusReply(Buffer.alloc(0))).toBeNull();
    expect(parseStatusReply(Buffer.from([0xff, 0x12, 0x12]))).toBeNull();
    expect(parseStatusReply(Buffer.from('OK'))).toBeNull();
  });

  it('maps bits to refusals and to PrinterStatus', () => {
    const paperEnd = parseStatusReply(Buffer.from(STATUS_PAPER_END))!;
    expect(refusal(paperEnd, 'p')?.code).toBe('paper_end');
    expect(refusal(parseStatusReply(Buffer.from(STATUS_COVER_OPEN))!, 'p')?.code).toBe('cover_open');
    expect(refusal(parseStatusReply(Buffer.from([0x1e, 0x12, 0x12]))!, 'p')?.code).toBe('offline');
    expect(refusal(parseStatusReply(Buffer.from(STATUS_NEAR_END))!, 'p')).toBeNull();
    expect(statusFromBits(paperEnd, 'escpos-tcp', 't')).toMatchObject({ online: false, paperEnd: true, kind: 'escpos-tcp', target: 't' });
    expect(statusFromBits(null, 'escpos-tcp', 't')).toMatchObject({ online: true, error: expect.stringMatching(/unknown/) });
  });
});

describe('wrapText', () => {
  it('keeps every line within the width and loses no characters', () => {
    ensureFonts();
    const ctx = createCanvas(8, 8).getContext('2d');
    ctx.font = cssFont('bold', 30);
    const text = 'Chứng thực bản sao từ bản chính\nĐăngkýkếthônvàkhaisinhchotrẻemĐăngkýkếthôn  và   khai sinh';
    const lines = wrapText(ctx, text, 200);
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(200);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(wrapText(ctx, ' \t\n ', 200)).toEqual([]);
  });
});
