import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, OFFICER_PASSWORD, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import type { CounterView } from '../../shared/contract';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('concurrent counters', () => {
  it('counters calling next in parallel never get the same ticket', async () => {
    const admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
    const office = await admin.get<Record<string, unknown>>('/api/admin/office');
    await admin.put('/api/admin/office', { ...office.body, ticketRateLimitPerMinute: 0 });
    // Every counter serves field A (id 1) in the demo office: counter 2 needs it added.
    const c2 = (await admin.get<{ id: number; number: number; name: string; serviceIds: number[] }[]>('/api/admin/counters')).body.find(
      (c) => c.number === 2,
    );
    await admin.put(`/api/admin/counters/${c2?.id}`, { ...c2, serviceIds: [1, ...(c2?.serviceIds ?? [])] });
    const kiosk = new Client(s.url);
    const TICKETS = 60;
    await Promise.all(Array.from({ length: TICKETS }, () => kiosk.post('/api/tickets', { serviceId: 1 })));

    const officers = await Promise.all(
      [1, 2, 3, 4].map(async (counter) => {
        // Officers of counters 1–3; the admin covers counter 4.
        const c = counter === 4 ? admin : await new Client(s.url).login(`canbo${counter}`, OFFICER_PASSWORD);
        return { counter, c };
      }),
    );
    const served: string[] = [];
    await Promise.all(
      officers.map(async ({ counter, c }) => {
        for (;;) {
          // Fire two requests at once each round, as a nervous double click would.
          const [r1, r2] = await Promise.all([
            c.post<CounterView>(`/api/counters/${counter}/call-next`),
            c.post<CounterView>(`/api/counters/${counter}/call-next`),
          ]);
          const got = [r1, r2].filter((r) => r.status === 200).map((r) => r.body.current?.number as string);
          served.push(...got);
          if (r1.status === 204 && r2.status === 204) break;
        }
      }),
    );
    expect(served.length).toBe(TICKETS);
    expect(new Set(served).size).toBe(TICKETS);
    const perTicketCalls = s.app.db
      .prepare("SELECT ticket_id, COUNT(*) AS n FROM call_log WHERE kind = 'call' GROUP BY ticket_id HAVING n > 1")
      .all();
    expect(perTicketCalls).toEqual([]);
  });
});
