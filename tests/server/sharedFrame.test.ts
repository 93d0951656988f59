import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { SharedFrames } from '../../server/realtime/sharedFrame';

let http: HttpServer | null = null;
let io: Server | null = null;
const clients: ClientSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
  http = io = null;
});

async function serve(onConnect: (socket: ServerSocket) => void): Promise<string> {
  http = createServer();
  io = new Server(http, { serveClient: false });
  io.of('/public').on('connection', onConnect);
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/public`;
}

function received(url: string, transports: ('websocket' | 'polling')[]): Promise<unknown[]> {
  const c = connect(url, { transports, forceNew: true, reconnection: false });
  clients.push(c);
  const events: unknown[] = [];
  return new Promise((resolve) => {
    c.on('snapshot', (p: unknown) => events.push(p));
    c.on('after', () => resolve(events));
  });
}

describe('SharedFrames', () => {
  const payload = { tickets: Array.from({ length: 2000 }, (_, i) => ({ id: i, number: `A${i}`, name: 'Tư pháp – Hộ tịch' })) };

  it('delivers the payload intact over WebSocket and polling, in order with what the socket sends next', async () => {
    const frames = new SharedFrames();
    const url = await serve((socket) => {
      expect(frames.send(socket, 'snapshot', payload)).toBe(true);
      socket.emit('after');
    });
    for (const transports of [['websocket'], ['polling']] as const) {
      expect(await received(url, [...transports])).toEqual([payload]);
    }
  });

  it('encodes a payload once per namespace, however many sockets receive it', async () => {
    const frames = new SharedFrames();
    const writes: unknown[][] = [];
    const url = await serve((socket) => {
      const client = socket.client as unknown as { writeToEngine: (p: unknown, o: { wsPreEncodedFrame?: unknown[] }) => void };
      const original = client.writeToEngine.bind(client);
      client.writeToEngine = (p, o) => {
        if (o.wsPreEncodedFrame) writes.push(o.wsPreEncodedFrame);
        original(p, o);
      };
      frames.send(socket, 'snapshot', payload);
      socket.emit('after');
    });
    await Promise.all([received(url, ['websocket']), received(url, ['websocket']), received(url, ['websocket'])]);
    expect(writes).toHaveLength(3);
    expect(writes[1]?.[1]).toBe(writes[0]?.[1]);
    expect(writes[2]?.[1]).toBe(writes[0]?.[1]);
  });

  it('leaves a payload with binary parts to socket.emit', async () => {
    const frames = new SharedFrames();
    let sent: boolean | null = null;
    const url = await serve((socket) => {
      sent = frames.send(socket, 'snapshot', { logo: Buffer.from([1, 2, 3]) });
      socket.emit('after');
    });
    expect(await received(url, ['websocket'])).toEqual([]);
    expect(sent).toBe(false);
  });
});
