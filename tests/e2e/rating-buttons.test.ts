import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, ADMIN_PASSWORD, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { hasSocat, ptyPair, type PtyPair } from '../../tools/cardDevices';
import { ratingBoxDevice, type RatingBoxDevice } from '../../tools/simulate-rating-buttons';
import type { RatingButtonsState } from '../../shared/ratings';

const until = async (check: () => boolean | Promise<boolean>, ms = 8000) => {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  expect(await check()).toBe(true);
};

describe.skipIf(!hasSocat())('rating button box over a socat pseudo-terminal', () => {
  let s: TestServer;
  let pair: PtyPair;
  let box: RatingBoxDevice;
  let admin: Client;
  beforeAll(async () => {
    s = await startTestServer();
    pair = await ptyPair();
    admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
    const office = (await admin.get<Record<string, unknown> & { settings: Record<string, unknown> }>('/api/admin/office')).body;
    const { id: _id, ...rest } = office as { id?: unknown };
    void _id;
    const put = await admin.put('/api/admin/office', {
      ...rest,
      settings: { ...office.settings, ratings: { buttons: { path: pair.host, baudRate: 9600, heartbeatSeconds: 1, debounceMs: 1000 } } },
    });
    expect(put.status).toBe(200);
    box = await ratingBoxDevice(pair.device, { box: 'HOP-1' });
  });
  afterAll(async () => {
    await box?.close();
    await s?.close();
    pair?.close();
  });

  const buttons = async () => (await admin.get<{ buttons: RatingButtonsState }>('/api/admin/ratings/devices')).body.buttons;

  it('a press is stored against the counter\'s last finished ticket, a bounce counts once', async () => {
    await until(async () => (await buttons()).connected);
    await box.heartbeat();
    await until(async () => (await buttons()).boxes.some((b) => b.id === 'HOP-1' && b.online));
    const health = await new Client(s.url).get<{ devices: Record<string, unknown> }>('/api/health');
    expect(health.status).toBe(200);

    const kiosk = new Client(s.url);
    const services = s.app.ctx.config.services();
    const counter = s.app.ctx.config.counters().find((c) => c.number === 1)!;
    const serviceId = counter.serviceIds[0] ?? services[0]!.id;
    expect((await kiosk.post('/api/tickets', { serviceId })).status).toBe(201);
    const officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    expect((await officer.post(`/api/counters/${counter.id}/call-next`, {})).status).toBe(200);
    expect((await officer.post(`/api/counters/${counter.id}/finish`, {})).status).toBe(200);
    const ticketId = s.app.db.prepare("SELECT id FROM tickets WHERE status = 'done'").pluck().get() as number;

    await box.bounce(1, 1, 4);
    await until(() => box.replies.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(box.replies).toEqual([{ accepted: true, counter: 1, level: 1 }]);
    expect(s.app.db.prepare('SELECT ticket_id AS ticketId, level, source FROM ratings').all()).toEqual([
      { ticketId, level: 'very_satisfied', source: 'buttons' },
    ]);
    // Another button at the same counter: the visit is rated already → N, nothing stored.
    await box.press(1, 3);
    await until(() => box.replies.length === 2);
    expect(box.replies[1]).toEqual({ accepted: false, counter: 1, level: 3 });
    // Garbage is counted and ignored; the box keeps working.
    await box.send('R1:1*00\r\nnonsense\r\n');
    await until(async () => (await buttons()).counts.rejected === 2);
    expect((await buttons()).counts).toMatchObject({ presses: 2, debounced: 3 });
    expect(s.app.db.prepare('SELECT COUNT(*) FROM ratings').pluck().get()).toBe(1);
  });
});
