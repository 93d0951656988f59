/**
 * The floor for the call→event latency: a bare socket.io server that relays one event to
 * every client when it receives an HTTP POST. No database, no domain logic.
 * Prints its URL on stdout like the real server does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/relay') {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as Record<string, unknown>;
      io.of('/public').emit('ticket:called', payload);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { serveClient: false });
io.of('/public');
http.listen(0, '127.0.0.1', () => {
  console.log(`bare relay đang chạy tại http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
