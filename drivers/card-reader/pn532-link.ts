/**
 * One PN532 command at a time over a byte port: write the frame, wait for the ACK
 * (resend when it is missing or a NACK comes), wait for the answer (NACK a corrupted
 * one so the PN532 resends it), and abort with an ACK on timeout.
 */
import {
  ACK_FRAME,
  encodeCommand,
  NACK_FRAME,
  Pn532FrameParser,
  TFI_PN532,
  WAKEUP_PREAMBLE,
  type FrameRejectReason,
  type Pn532Frame,
} from './pn532-frame';

/** The serial port as the link sees it. */
export interface BytePort {
  write(data: Buffer): void;
  /** Subscribes to received bytes; returns the unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
}

export type Pn532ErrorCode = 'no-ack' | 'timeout' | 'syntax-error' | 'closed';

export class Pn532Error extends Error {
  constructor(
    readonly code: Pn532ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Pn532Error';
  }
}

export interface Pn532LinkOptions {
  /** Wait for the ACK before resending (ms). */
  ackTimeoutMs: number;
  /** Default wait for the answer after the ACK (ms). */
  responseTimeoutMs: number;
  /** Sends of one command without an ACK before giving up. */
  attempts: number;
  /** NACKs sent for corrupted answers to one command before giving up. */
  maxNacks: number;
}

/**
 * A PN532 ACKs within a few ms of a frame's last byte (the longest frame takes ~24 ms at
 * 115200 baud), but a resend of a command whose ACK was merely late runs it twice, and a
 * secure-messaging APDU run twice breaks the session: so the ACK wait leaves room for a
 * busy host (garbage collection, a loaded machine) rather than racing it.
 */
export const DEFAULT_LINK_OPTIONS: Pn532LinkOptions = {
  ackTimeoutMs: 200,
  responseTimeoutMs: 1000,
  attempts: 3,
  maxNacks: 3,
};

const MAX_QUEUED_FRAMES = 8;

type Waiter = { resolve: (frame: Pn532Frame | null) => void; timer: NodeJS.Timeout };

export class Pn532Link {
  private readonly parser = new Pn532FrameParser();
  private readonly queue: Pn532Frame[] = [];
  private waiter: Waiter | null = null;
  private nacksLeft = 0;
  private awaitingAnswer = false;
  private wakeupPending = false;
  private closed = false;
  private busy: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;
  /** Bytes written, for the benchmark's serial floor. */
  bytesWritten = 0;
  bytesRead = 0;

  constructor(
    private readonly port: BytePort,
    private readonly options: Pn532LinkOptions = DEFAULT_LINK_OPTIONS,
    private readonly onReject: (reason: FrameRejectReason) => void = () => {},
  ) {
    this.unsubscribe = port.onData((chunk) => this.receive(chunk));
  }

  /** The next command is preceded by the 55 55 00… wakeup preamble. */
  wakeUp(): void {
    this.wakeupPending = true;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.deliver(null);
  }

  /** Sends a command and returns the answer's data (after D5 CMD+1). Serialised. */
  command(code: number, params: Uint8Array = Buffer.alloc(0), timeoutMs?: number): Promise<Buffer> {
    const run = this.busy.then(() => this.exchange(code, params, timeoutMs ?? this.options.responseTimeoutMs));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private receive(chunk: Buffer): void {
    this.bytesRead += chunk.length;
    for (const event of this.parser.push(chunk)) {
      if (event.type === 'frame') {
        this.deliver(event.frame);
        continue;
      }
      this.onReject(event.reason);
      if (this.awaitingAnswer && event.reason !== 'garbage' && this.nacksLeft > 0) {
        this.nacksLeft--;
        this.write(NACK_FRAME);
      }
    }
  }

  /** Hands a frame to the waiting exchange, else queues it (a few at most). */
  private deliver(frame: Pn532Frame | null): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      clearTimeout(waiter.timer);
      waiter.resolve(frame);
    } else if (frame) {
      this.queue.push(frame);
      if (this.queue.length > MAX_QUEUED_FRAMES) this.queue.shift();
    }
  }

  private nextFrame(timeoutMs: number): Promise<Pn532Frame | null> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, Math.max(0, timeoutMs));
      this.waiter = { resolve, timer };
    });
  }

  private write(bytes: Buffer): void {
    this.bytesWritten += bytes.length;
    this.port.write(bytes);
  }

  private async exchange(code: number, params: Uint8Array, timeoutMs: number): Promise<Buffer> {
    if (this.closed) throw new Pn532Error('closed', 'the port is closed');
    this.queue.length = 0;
    const frame = encodeCommand(code, params);
    let acked = false;
    for (let attempt = 0; attempt < this.options.attempts && !acked; attempt++) {
      this.write(this.wakeupPending ? Buffer.concat([WAKEUP_PREAMBLE, frame]) : frame);
      const deadline = Date.now() + this.options.ackTimeoutMs;
      for (;;) {
        const got = await this.nextFrame(deadline - Date.now());
        if (this.closed) throw new Pn532Error('closed', 'the port is closed');
        if (got === null || got.kind === 'nack') break;
        if (got.kind === 'error') throw new Pn532Error('syntax-error', `PN532 refused command ${hexByte(code)}`);
        if (got.kind === 'ack') {
          acked = true;
          break;
        }
      }
    }
    this.wakeupPending = false;
    if (!acked) throw new Pn532Error('no-ack', `no ACK for command ${hexByte(code)}`);
    return this.awaitAnswer(code, timeoutMs);
  }

  private async awaitAnswer(code: number, timeoutMs: number): Promise<Buffer> {
    this.awaitingAnswer = true;
    this.nacksLeft = this.options.maxNacks;
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const got = await this.nextFrame(deadline - Date.now());
        if (this.closed) throw new Pn532Error('closed', 'the port is closed');
        if (got === null) {
          // An ACK from the host aborts the running command.
          this.write(ACK_FRAME);
          throw new Pn532Error('timeout', `no answer to command ${hexByte(code)} in ${timeoutMs} ms`);
        }
        if (got.kind === 'error') throw new Pn532Error('syntax-error', `PN532 error frame for ${hexByte(code)}`);
        if (got.kind === 'info' && got.tfi === TFI_PN532 && got.command === ((code + 1) & 0xff)) return got.data;
      }
    } finally {
      this.awaitingAnswer = false;
    }
  }
}

function hexByte(n: number): string {
  return `0x${n.toString(16).padStart(2, '0').toUpperCase()}`;
}
