import { describe, expect, it } from 'vitest';
import { errorCode, issueOn, makeFixture, type Fixture } from './fixture';
import { RatingService } from '../../server/domain/ratings/ratingService';
import { RatingDevices } from '../../server/domain/ratings/pairing';
import { readRatingsSettings } from '../../server/domain/ratings/settings';
import { sanitizeSettings } from '../../server/config/officeSettings';

function setup(ratings: Record<string, unknown> = {}) {
  const f = makeFixture();
  const office = f.config.office();
  f.config.saveOffice({ ...office, settings: { ...office.settings, ratings } });
  return { f, svc: new RatingService(f.db, f.config, f.queue, f.clock) };
}

/** Serves one ticket at counter 1 and finishes it; returns its id. */
function serveOne(f: Fixture, counterId = f.counters.c1): number {
  issueOn(f, f.services.a);
  const t = f.queue.callNext(counterId, f.officer);
  if (!t) throw new Error('nothing to call');
  f.clock.advance(60_000);
  f.queue.finish(counterId, f.officer);
  return t.id;
}

const rows = (f: Fixture) =>
  f.db.prepare('SELECT ticket_id AS ticketId, dossier_id AS dossierId, officer_id AS officerId, service_id AS serviceId, level, scale_size AS scaleSize, source FROM ratings ORDER BY id').all();

describe('RatingService', () => {
  it('ties a button press to the counter\'s last finished ticket within the window', () => {
    const { f, svc } = setup();
    const id = serveOne(f);
    f.clock.advance(30_000);
    const r = svc.rate({ counterId: f.counters.c1, level: 'satisfied', source: 'buttons' });
    expect(r.ticketId).toBe(id);
    expect(rows(f)).toEqual([
      { ticketId: id, dossierId: null, officerId: f.officer.id, serviceId: f.services.a, level: 'satisfied', scaleSize: 3, source: 'buttons' },
    ]);
  });

  it('keeps a press outside any window as an anonymous rating, counted apart', () => {
    const { f, svc } = setup({ windowSeconds: 60 });
    serveOne(f);
    f.clock.advance(61_000);
    const r = svc.rate({ counterId: f.counters.c1, level: 'unsatisfied', source: 'buttons' });
    expect(r.ticketId).toBeNull();
    // A touch on an idle tablet is not kept anonymous: it is refused.
    expect(errorCode(() => svc.rate({ counterId: f.counters.c1, level: 'satisfied', source: 'tablet' }))).toBe('409 nothing_to_rate');
    const s = svc.summary();
    expect(s.counts).toEqual({});
    expect(s.anonymous).toEqual({ unsatisfied: 1 });
    expect(s.satisfiedShare).toBeNull();
  });

  it('refuses a second rating of the same visit', () => {
    const { f, svc } = setup();
    const id = serveOne(f);
    svc.rate({ counterId: f.counters.c1, level: 'very_satisfied', source: 'tablet', ticketId: id });
    expect(errorCode(() => svc.rate({ counterId: f.counters.c1, level: 'unsatisfied', source: 'tablet', ticketId: id }))).toBe('409 already_rated');
    expect(errorCode(() => svc.rate({ counterId: f.counters.c1, level: 'unsatisfied', source: 'keypad' }))).toBe('409 already_rated');
    expect(rows(f)).toHaveLength(1);
    expect(svc.summary().satisfiedShare).toBe(1);
  });

  it('refuses a tablet rating of a ticket of another counter or not finished', () => {
    const { f, svc } = setup();
    issueOn(f, f.services.b);
    const t = f.queue.callNext(f.counters.c2, f.officer)!;
    expect(errorCode(() => svc.rate({ counterId: f.counters.c2, level: 'satisfied', source: 'tablet', ticketId: t.id }))).toBe('409 ticket_not_rateable');
    f.queue.finish(f.counters.c2, f.officer);
    expect(errorCode(() => svc.rate({ counterId: f.counters.c1, level: 'satisfied', source: 'tablet', ticketId: t.id }))).toBe('409 ticket_not_rateable');
    expect(rows(f)).toEqual([]);
  });

  it('rates a dossier once, whichever of its tickets is rated', () => {
    const { f, svc } = setup();
    const first = serveOne(f);
    const second = serveOne(f);
    const at = f.clock.now().toISOString();
    const dossierId = Number(
      f.db
        .prepare(
          `INSERT INTO dossiers (code, procedure_code, procedure_name, service_id, applicant_name, channel, status, received_at, created_at, updated_at)
           VALUES ('000.00.06.H56-261123-0001', '1.001193', 'Đăng ký khai sinh', ?, 'Người Thử', 'truc_tiep', 'accepted', ?, ?, ?)`,
        )
        .run(f.services.a, at, at, at).lastInsertRowid,
    );
    const link = f.db.prepare("INSERT INTO dossier_tickets (dossier_id, ticket_id, role, linked_at) VALUES (?, ?, 'receive', ?)");
    link.run(dossierId, first, at);
    link.run(dossierId, second, at);
    svc.rate({ counterId: f.counters.c1, level: 'satisfied', source: 'tablet', ticketId: first });
    expect(errorCode(() => svc.rate({ counterId: f.counters.c1, level: 'satisfied', source: 'tablet', ticketId: second }))).toBe('409 already_rated');
    expect(rows(f)).toMatchObject([{ ticketId: first, dossierId }]);
  });

  it('takes only levels of the current scale, and records the scale size', () => {
    const { f, svc } = setup();
    const id = serveOne(f);
    expect(errorCode(() => svc.rate({ counterId: f.counters.c1, level: 'neutral', source: 'tablet', ticketId: id }))).toBe('400 level_not_on_scale');
    expect(svc.levelAt(3)).toBe('unsatisfied');
    expect(svc.levelAt(4)).toBeNull();
    const office = f.config.office();
    f.config.saveOffice({ ...office, settings: { ...office.settings, ratings: { scaleSize: 5 } } });
    expect(svc.levelAt(3)).toBe('neutral');
    svc.rate({ counterId: f.counters.c1, level: 'neutral', source: 'tablet', ticketId: id });
    expect(rows(f)).toMatchObject([{ level: 'neutral', scaleSize: 5 }]);
  });

  it('adds reasons once to an unsatisfied rating, from its counter, only known presets', () => {
    const { f, svc } = setup();
    const id = serveOne(f);
    const r = svc.rate({ counterId: f.counters.c1, level: 'unsatisfied', source: 'tablet', ticketId: id });
    expect(errorCode(() => svc.addReasons(r.id, f.counters.c1, ['nonsense'], ''))).toBe('400 invalid_input');
    expect(errorCode(() => svc.addReasons(r.id, f.counters.c2, ['long_wait'], ''))).toBe('404 rating_not_found');
    svc.addReasons(r.id, f.counters.c1, ['long_wait', 'attitude'], 'Chờ hơi lâu');
    expect(errorCode(() => svc.addReasons(r.id, f.counters.c1, ['other'], ''))).toBe('409 reasons_closed');
    expect(f.db.prepare('SELECT reasons_json AS r, reason_text AS t FROM ratings').get()).toEqual({ r: '["long_wait","attitude"]', t: 'Chờ hơi lâu' });
  });

  it('names the officer who called last at the counter today', () => {
    const { f, svc } = setup();
    expect(svc.officerAt(f.counters.c1)).toBeNull();
    serveOne(f);
    expect(svc.officerAt(f.counters.c1)).toBe('Cán bộ Một');
  });
});

describe('rating settings', () => {
  it('gives the defaults for nothing stored', () => {
    const s = readRatingsSettings({});
    expect(s.scaleSize).toBe(3);
    expect(s.windowSeconds).toBe(120);
    expect(s.reasons.map((r) => r.key)).toEqual(['attitude', 'long_wait', 'unclear_guidance', 'slow_handling', 'other']);
    expect(s.buttons.path).toBe('');
  });

  it('falls back to the defaults for a bad stored value and reports it as a fault', () => {
    const { settings, faults } = sanitizeSettings({ ratings: { scaleSize: 7, buttons: { path: '/etc/passwd' } } });
    expect(settings.ratings).toBeUndefined();
    expect(faults).toMatchObject([{ code: 'setting_invalid', setting: 'settings.ratings' }]);
    expect(readRatingsSettings(settings).scaleSize).toBe(3);
    expect(readRatingsSettings({ ratings: 'junk' }).scaleSize).toBe(3);
  });

  it('an office stored with broken ratings settings still loads', () => {
    const f = makeFixture();
    f.db.prepare('UPDATE office SET settings_json = ? WHERE id = 1').run(JSON.stringify({ ratings: { windowSeconds: -5 } }));
    const svc = new RatingService(f.db, f.config, f.queue, f.clock);
    expect(svc.settings().windowSeconds).toBe(120);
    expect(f.config.settingsFaults().map((x) => x.setting)).toContain('settings.ratings');
  });
});

describe('tablet pairing', () => {
  it('pairs with the right code for the right counter, keeps only the hash, refuses others', () => {
    const f = makeFixture();
    const devices = new RatingDevices(f.db, f.config, f.clock);
    let token = '';
    const req = devices.request(f.counters.c1, (t) => (token = t));
    expect(req.code).toMatch(/^\d{6}$/);
    expect(devices.pendingFor(f.counters.c1)?.code).toBe(req.code);
    expect(errorCode(() => devices.confirm(f.counters.c2, req.code, f.officer.id))).toBe('404 pairing_code_unknown');
    const wrong = req.code === '000000' ? '000001' : '000000';
    expect(errorCode(() => devices.confirm(f.counters.c1, wrong, f.officer.id))).toBe('404 pairing_code_unknown');
    devices.confirm(f.counters.c1, req.code, f.officer.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(devices.authenticate(token)).toMatchObject({ counterId: f.counters.c1 });
    expect(devices.authenticate('x'.repeat(43))).toBeNull();
    expect(JSON.stringify(f.db.prepare('SELECT * FROM rating_devices').all())).not.toContain(token);
    expect(devices.pendingFor(f.counters.c1)).toBeNull();
  });

  it('codes expire after 10 minutes; unpairing forgets the token', () => {
    const f = makeFixture();
    const devices = new RatingDevices(f.db, f.config, f.clock);
    const old = devices.request(f.counters.c1, () => undefined);
    f.clock.advance(10 * 60_000 + 1);
    expect(errorCode(() => devices.confirm(f.counters.c1, old.code, null))).toBe('404 pairing_code_unknown');
    let token = '';
    const req = devices.request(f.counters.c1, (t) => (token = t));
    const { deviceId } = devices.confirm(f.counters.c1, req.code, null);
    const gone: number[] = [];
    devices.onUnpaired((id) => gone.push(id));
    devices.unpair(deviceId);
    expect(gone).toEqual([deviceId]);
    expect(devices.authenticate(token)).toBeNull();
  });
});
