/**
 * Splits a QR scanner's serial stream into lines ended by CR, LF or CR LF. Lines longer
 * than the limit are dropped up to their end and counted; memory stays bounded.
 */
import { MAX_QR_BYTES } from './qr';

export type LineEvent = { type: 'line'; bytes: Buffer } | { type: 'reject'; reason: 'line-too-long' };

export class LineFramer {
  private parts: Buffer[] = [];
  private length = 0;
  private overflow = false;
  rejected = 0;

  constructor(private readonly maxBytes = MAX_QR_BYTES) {}

  get bufferedBytes(): number {
    return this.length;
  }

  reset(): void {
    this.parts = [];
    this.length = 0;
    this.overflow = false;
  }

  push(chunk: Uint8Array): LineEvent[] {
    const events: LineEvent[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== 0x0d && byte !== 0x0a) continue;
      this.append(chunk.subarray(start, i), events);
      start = i + 1;
      if (this.overflow) {
        this.overflow = false;
      } else if (this.length > 0) {
        events.push({ type: 'line', bytes: Buffer.concat(this.parts) });
      }
      this.parts = [];
      this.length = 0;
    }
    this.append(chunk.subarray(start), events);
    return events;
  }

  private append(bytes: Uint8Array, events: LineEvent[]): void {
    if (bytes.length === 0 || this.overflow) return;
    if (this.length + bytes.length > this.maxBytes) {
      this.overflow = true;
      this.rejected++;
      this.parts = [];
      this.length = 0;
      events.push({ type: 'reject', reason: 'line-too-long' });
      return;
    }
    this.parts.push(Buffer.from(bytes));
    this.length += bytes.length;
  }
}
