import net from 'node:net';

/** Replies to DLE EOT 1, 2 and 4, in that order. */
export type StatusReplies = readonly [printer: number, offlineCause: number, paperSensor: number];

export const STATUS_READY: StatusReplies = [0x16, 0x12, 0x12];
/** Offline, stopped by paper end, roll paper end detected. */
export const STATUS_PAPER_END: StatusReplies = [0x1e, 0x32, 0x72];
/** Offline, cover open. */
export const STATUS_COVER_OPEN: StatusReplies = [0x1e, 0x16, 0x12];
/** Online, roll paper near end. */
export const STATUS_NEAR_END: StatusReplies = [0x16, 0x12, 0x1e];

export interface FakePrinterOptions {
  /** null = never answers DLE EOT (a printer without status support). */
  status?: StatusReplies | null;
  /** false = accepts connections but never reads from them (a stuck printer). */
  reads?: boolean;
}

export interface FakePrinter {
  port: number;
  /** Bytes received, one entry per connection, in connection order. */
  connections: Buffer[];
  /** Resolves once `count` connections have been closed by the client side. */
  waitForClosed(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A network ESC/POS printer on 127.0.0.1: records bytes, answers DLE EOT, closes after the client's FIN. */
export async function startFakePrinter(options: FakePrinterOptions = {}): Promise<FakePrinter> {
  const status = options.status === undefined ? STATUS_READY : options.status;
  const connections: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let closedCount = 0;
  const closeWaiters: Array<() => void> = [];

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const index = connections.push(Buffer.alloc(0)) - 1;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      closedCount++;
      for (const waiter of closeWaiters.splice(0)) waiter();
    });
    if (options.reads === false) {
      socket.pause();
      return;
    }
    let scan = 0;
    socket.on('data', (chunk: Buffer) => {
      const all = Buffer.concat([connections[index]!, chunk]);
      connections[index] = all;
      for (; scan + 2 < all.length; scan++) {
        if (all[scan] !== 0x10 || all[scan + 1] !== 0x04) continue;
        const n = all[scan + 2]!;
        const reply = n === 1 ? status?.[0] : n === 2 ? status?.[1] : n === 4 ? status?.[2] : undefined;
        if (reply !== undefined) socket.write(Buffer.from([reply]));
        scan += 2;
      }
    });
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    connections,
    waitForClosed(count: number): Promise<void> {
      return new Promise((resolve) => {
        const check = (): void => {
          if (closedCount >= count) resolve();
          else closeWaiters.push(check);
        };
        check();
      });
    },
    close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
