import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, issueOn, makeFixture, type Fixture } from './fixture';
import { ADMIN_PASSWORD, Client, OFFICER_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import type { IssuedTicket, StaffTicket } from '../../shared/contract';

// Counter 1 serves A and B, counter 2 serves B only (see fixture.ts).
let f: Fixture;
beforeEach(() => {
  f = makeFixture();
});

const issue = (serviceId: number) => issueOn(f, serviceId);


describe('a counter acts only on its own tickets', () => {
  it('a ticket active at another counter cannot be transferred away, not even by an admin', () => {
    const t = issue(f.services.b);
    f.queue.callNext(f.counters.c2, f.officer);
    f.queue.start(f.counters.c2, f.officer);
    for (const who of [f.officer, f.admin]) {
      expect(errorCode(() => f.queue.transfer(f.counters.c1, who, { serviceId: f.services.a }, t.id))).toBe(
        '409 ticket_at_other_counter',
      );
    }
    expect(f.queue.tickets.activeAtCounter(f.counters.c2)?.id).toBe(t.id);
    // Counter 2 itself may, by id as by its current ticket.
    expect(f.queue.transfer(f.counters.c2, f.officer, { serviceId: f.services.a }, t.id).status).toBe('waiting');
  });

  it('a waiting ticket is transferred or cancelled only by a counter serving its field or sent it', () => {
    const a1 = issue(f.services.a);
    const a2 = issue(f.services.a);
    expect(errorCode(() => f.queue.transfer(f.counters.c2, f.officer, { serviceId: f.services.b }, a1.id))).toBe(
      '409 ticket_not_for_counter',
    );
    expect(errorCode(() => f.queue.cancel(a1.id, f.officer, f.counters.c2))).toBe('409 ticket_not_for_counter');
    expect(f.queue.tickets.byId(a1.id)?.status).toBe('waiting');
    // Counter 1 serves A: it sends A001 to counter 2, which may then act on it.
    f.queue.transfer(f.counters.c1, f.officer, { counterId: f.counters.c2 }, a1.id);
    expect(f.queue.cancel(a1.id, f.officer, f.counters.c2).status).toBe('cancelled');
    expect(f.queue.cancel(a2.id, f.officer, f.counters.c1).status).toBe('cancelled');
  });

  it('a no-show is returned only by a counter serving its field or the counter that called it', () => {
    const a1 = issue(f.services.a);
    f.queue.callNext(f.counters.c1, f.officer);
    f.queue.skip(f.counters.c1, f.officer);
    expect(errorCode(() => f.queue.returnTicket(a1.id, f.officer, f.counters.c2))).toBe('409 ticket_not_for_counter');
    expect(f.queue.returnTicket(a1.id, f.officer, f.counters.c1).status).toBe('waiting');
    // Sent to counter 2 (which does not serve A), called and missed there: counter 2 may return it.
    f.queue.transfer(f.counters.c1, f.officer, { counterId: f.counters.c2 }, a1.id);
    f.queue.callNext(f.counters.c2, f.officer);
    f.queue.skip(f.counters.c2, f.officer);
    expect(f.queue.returnTicket(a1.id, f.officer, f.counters.c2).status).toBe('waiting');
  });

  it('needs the acting counter from an officer, who must be allowed there; an admin may act for the office', () => {
    const b1 = issue(f.services.b);
    const b2 = issue(f.services.b);
    expect(errorCode(() => f.queue.cancel(b1.id, f.officer, null))).toBe('400 counter_required');
    const bound = { ...f.officer, counterIds: [f.counters.c1] };
    expect(errorCode(() => f.queue.cancel(b1.id, bound, f.counters.c2))).toBe('403 not_your_counter');
    expect(f.queue.cancel(b1.id, bound, f.counters.c1).status).toBe('cancelled');
    expect(f.queue.cancel(b2.id, f.admin, null).status).toBe('cancelled');
  });
});

describe('over HTTP', () => {
  let s: TestServer;
  let officer: Client;
  let admin: Client;
  beforeAll(async () => {
    s = await startTestServer();
    officer = await new Client(s.url).login('canbo1', OFFICER_PASSWORD);
    admin = await new Client(s.url).login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await s.close();
  });

  it('cancel takes the acting counter and checks it against the ticket', async () => {
    // Demo office: field 1 (TP) is served by counters 1, 3 and 4, not by counter 2.
    const issued = await new Client(s.url).post<IssuedTicket>('/api/tickets', { serviceId: 1 });
    const id = issued.body.ticket.id;
    const none = await officer.post<{ error: { code: string } }>(`/api/tickets/${id}/cancel`, {});
    expect(none).toMatchObject({ status: 400, body: { error: { code: 'counter_required' } } });
    const wrong = await officer.post<{ error: { code: string } }>(`/api/tickets/${id}/cancel`, { counterId: 2 });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'ticket_not_for_counter' } } });
    const ok = await officer.post<{ ticket: StaffTicket }>(`/api/tickets/${id}/cancel`, { counterId: 1 });
    expect(ok).toMatchObject({ status: 200, body: { ticket: { status: 'cancelled' } } });
    const other = await new Client(s.url).post<IssuedTicket>('/api/tickets', { serviceId: 1 });
    const byAdmin = await admin.post<{ ticket: StaffTicket }>(`/api/tickets/${other.body.ticket.id}/cancel`, {});
    expect(byAdmin).toMatchObject({ status: 200, body: { ticket: { status: 'cancelled' } } });
  });
});
