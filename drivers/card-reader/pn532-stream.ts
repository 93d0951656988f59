import { Transform, type TransformCallback } from 'node:stream';
import { Pn532FrameParser } from './pn532-frame';

/**
 * A Transform from raw serial bytes to PN532 frames (object mode on the readable side).
 * Each 'data' item is a Pn532Frame; rejections are emitted as 'reject' events with
 * (reason: FrameRejectReason, bytes: number) and never error the stream.
 */
export class Pn532FrameStream extends Transform {
  readonly parser = new Pn532FrameParser();

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const event of this.parser.push(chunk)) {
      if (event.type === 'frame') this.push(event.frame);
      else this.emit('reject', event.reason, event.bytes);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.parser.reset();
    callback();
  }
}

