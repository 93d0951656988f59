import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A bare WebSocket client speaking engine.io v4 / socket.io v5 by hand over TCP, so a test
 * can do what a browser never does: send thousands of packets and stop reading its socket.
 */
export class RawSocketIo {
  /** Bytes received after the handshake (counted only while reading). */
  received = 0;
  readonly closed: Promise<void>;
  private constructor(private readonly sock: Socket) {
    this.closed = new Promise((resolve) => sock.once('close', () => resolve()));
    sock.on('error', () => undefined); // the server may drop us mid-write: seen as 'close'
  }

  /** Opens a WebSocket to `/socket.io/` and stops reading it at once. */
  static async open(port: number): Promise<RawSocketIo> {
    const sock = connect(port, '127.0.0.1');
    const key = randomBytes(16).toString('base64');
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.once('connect', () => {
        sock.write(
          `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
            `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      let head = '';
      const onData = (d: Buffer) => {
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        sock.off('data', onData);
        sock.off('error', reject);
        sock.pause();
        if (head.startsWith('HTTP/1.1 101')) resolve();
        else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
      };
      sock.on('data', onData);
    });
    return new RawSocketIo(sock);
  }

  /**
   * Sends engine.io packets, each in a masked text frame: `40/public,` is a message (`4`)
   * carrying socket.io's connect (`0`) to /public; `42/public,7["snapshot:get"]` an event with ack id 7.
   */
  send(packets: string[]): Promise<void> {
    if (this.sock.destroyed) return Promise.resolve();
    const frames = Buffer.concat(packets.map(maskedTextFrame));
    return new Promise((resolve) => this.sock.write(frames, () => resolve()));
  }

  /** Starts reading again (counting bytes) so that a close by the server is seen. */
  drain(): void {
    this.sock.on('data', (d: Buffer) => (this.received += d.length));
    this.sock.resume();
  }

  destroy(): void {
    this.sock.destroy();
  }
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x81, 0x80 | len]) : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  const mask = randomBytes(4);
  for (let i = 0; i < len; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([head, mask, payload]);
}
