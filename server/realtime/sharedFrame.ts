import * as parser from 'socket.io-parser';

/** What socket.io's adapter hands the engine for a broadcast: packets encoded once, and their WebSocket frame. */
interface EngineWriter {
  writeToEngine(encodedPackets: string[], opts: { preEncoded: true; wsPreEncodedFrame: Buffer[] }): void;
}

interface Encoded {
  packets: string[];
  frame: Buffer[];
}

/** The header of an unmasked, final WebSocket text frame of `length` bytes (RFC 6455 §5.2). */
function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length]);
  if (length < 65_536) {
    const header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/**
 * Sends one event whose payload many sockets receive unchanged (the queue snapshot on
 * connect) from a single encoding: the socket.io packet and its WebSocket frame are built
 * once per payload and namespace, and every socket's connection writes that same buffer.
 * `socket.emit` would copy a 1.5 MB snapshot into a new buffer for each of 300 TVs
 * reconnecting at once. This is what socket.io's adapter does for a broadcast; like
 * `socket.emit`, it sends at once, in order with the socket's other messages.
 */
export class SharedFrames {
  private readonly encoded = new WeakMap<object, Map<string, Encoded | null>>();

  /** `encoder`: the server's own packet encoder, so the bytes are those `socket.emit` would send. */
  constructor(private readonly encoder: parser.Encoder = new parser.Encoder()) {}

  /** Sends `event` with `payload` to `socket`; false (nothing sent) for a payload with binary parts. */
  send(socket: { nsp: { name: string }; client: unknown }, event: string, payload: object): boolean {
    let byNamespace = this.encoded.get(payload);
    if (!byNamespace) this.encoded.set(payload, (byNamespace = new Map()));
    const nsp = socket.nsp.name;
    let done = byNamespace.get(nsp);
    if (done === undefined) {
      const packets = this.encoder.encode({ type: parser.PacketType.EVENT, nsp, data: [event, payload] });
      const [text] = packets;
      // One text packet: Engine.IO's message type "4", then the socket.io packet, as one
      // WebSocket text frame. A payload with binary parts is left to `socket.emit`.
      if (packets.length === 1 && typeof text === 'string') {
        const data = Buffer.from(`4${text}`);
        done = { packets: [text], frame: [textFrameHeader(data.length), data] };
      } else {
        done = null;
      }
      byNamespace.set(nsp, done);
    }
    if (!done) return false;
    (socket.client as EngineWriter).writeToEngine(done.packets, { preEncoded: true, wsPreEncodedFrame: done.frame });
    return true;
  }
}
