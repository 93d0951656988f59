import * as parser from 'socket.io-parser';

/**
 * Payloads that many sockets receive unchanged (the queue snapshot) are serialised to JSON
 * once and the text is reused for every socket that gets them: on connect, in `snapshot:get`
 * acks and in broadcasts. Any other payload goes through socket.io's own encoder.
 */
export class SharedPayloads {
  private readonly json = new WeakMap<object, string>();
  private lastLength = 0;

  /** Marks `payload` as shared: its JSON is computed now, once, and reused for every socket. */
  share<T extends object>(payload: T): T {
    if (!this.json.has(payload)) {
      const text = JSON.stringify(payload);
      this.json.set(payload, text);
      this.lastLength = text.length;
    }
    return payload;
  }

  /** The JSON of a shared payload, or undefined for any other value. */
  jsonOf(value: unknown): string | undefined {
    return typeof value === 'object' && value !== null ? this.json.get(value) : undefined;
  }

  /** Length of the JSON of the payload shared last (the current snapshot's size). */
  get latestLength(): number {
    return this.lastLength;
  }
}

/**
 * A socket.io parser whose encoder writes a shared payload's stored JSON instead of
 * stringifying (and scanning for binary) it again. The output is byte for byte what
 * socket.io-parser produces: `<type>[<nsp>,][<id>]<json array of the arguments>`.
 */
export function sharingParser(shared: SharedPayloads): typeof parser {
  class SharingEncoder extends parser.Encoder {
    override encode(packet: parser.Packet): (string | Buffer | ArrayBuffer | ArrayBufferView)[] {
      if ((packet.type === parser.PacketType.EVENT || packet.type === parser.PacketType.ACK) && Array.isArray(packet.data)) {
        const args = packet.data as unknown[];
        const parts = args.map((a) => shared.jsonOf(a));
        if (parts.some((p) => p !== undefined)) {
          const body = args.map((a, i) => parts[i] ?? JSON.stringify(a) ?? 'null').join(',');
          const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
          return [`${packet.type}${nsp}${packet.id ?? ''}[${body}]`];
        }
      }
      return super.encode(packet);
    }
  }
  return { ...parser, Encoder: SharingEncoder };
}
