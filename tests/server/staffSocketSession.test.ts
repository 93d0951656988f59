import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerInfo } from '../../shared/contract';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

/** A counter page's live socket on /staff, logged in with `cookie`; resolves once connected. */
function staffSocket(cookie: string): Promise<Socket> {
  const socket = connect(`${s.url}/staff`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const disconnected = (socket: Socket) =>
  new Promise<string>((resolve) => {
    if (!socket.connected) resolve('already');
    socket.once('disconnect', (reason) => resolve(reason));
  });

/** Whether a new /staff socket with this cookie is refused. */
function refused(cookie: string): Promise<boolean> {
  const socket = connect(`${s.url}/staff`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(false));
    socket.once('connect_error', () => resolve(true));
  }).finally(() => socket.close());
}

async function officerLogin(username: string): Promise<Client> {
  return new Client(s.url).login(username, OFFICER_PASSWORD);
}

describe('a /staff socket ends with its session', () => {
  it('logout disconnects the sockets of that session only', async () => {
    const a = await officerLogin('canbo1');
    const b = await officerLogin('canbo1'); // the same officer on a second device
    const loggedOut = a.cookie;
    const [sa, sb] = [await staffSocket(a.cookie), await staffSocket(b.cookie)];
    const ended = disconnected(sa);
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    expect(await ended).toBe('io server disconnect');
    expect(await refused(loggedOut)).toBe(true);
    // The other device's session and socket are untouched.
    expect(await sb.timeout(10_000).emitWithAck('snapshot:get')).toHaveProperty('tickets');
    expect(await refused(b.cookie)).toBe(false);
    sa.close();
    sb.close();
  });

  it('deactivating an officer, or giving them a new password, disconnects all their sockets', async () => {
    const admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
    const officers = (await admin.get<OfficerInfo[]>('/api/admin/officers')).body;
    const byName = (u: string) => officers.find((o) => o.username === u)!;

    for (const [username, change] of [
      ['canbo2', { active: false }],
      ['canbo3', { password: 'a-brand-new-password' }],
    ] as const) {
      const officer = byName(username);
      const c = await officerLogin(username);
      const socket = await staffSocket(c.cookie);
      const other = await staffSocket((await officerLogin('canbo1')).cookie);
      const ended = disconnected(socket);
      const { id: _id, ...rest } = officer;
      expect((await admin.put(`/api/admin/officers/${officer.id}`, { ...rest, ...change })).status).toBe(200);
      expect(await ended).toBe('io server disconnect');
      expect(await refused(c.cookie)).toBe(true);
      expect(await other.timeout(10_000).emitWithAck('snapshot:get')).toHaveProperty('tickets');
      socket.close();
      other.close();
    }
  });
});
