import { describe, expect, it } from 'vitest';
import { typeShort } from '../../kiosk/lookup/DossierLookup';
import { procedureQuery } from '../../kiosk/lookup/ProcedureSearch';
import { dossierCodeFromInput, formatDateTime, statusTone, timelinessBadge } from '../../kiosk/lookup/format';
import { phoneRoute } from '../../phone/App';
import type { PublicDossierStatus } from '../../shared/dossiers';

describe('kiosk lookup helpers', () => {
  it('the keypad fills the date first (6 digits), then the number; delete goes back across both', () => {
    let parts = { day: '', seq: '' };
    for (const k of '2310270361') parts = typeShort(parts, k);
    expect(parts).toEqual({ day: '231027', seq: '0361' });
    parts = typeShort(parts, 'x');
    expect(parts).toEqual({ day: '231027', seq: '0361' });
    for (let i = 0; i < 5; i++) parts = typeShort(parts, 'back');
    expect(parts).toEqual({ day: '23102', seq: '' });
    let full = { day: '231027', seq: '' };
    for (const k of '12345678') full = typeShort(full, k);
    expect(full.seq).toBe('123456');
  });

  it('takes the code out of a scanned slip link, or keeps a bare code', () => {
    expect(dossierCodeFromInput('http://10.0.0.2:3000/h/000.00.06.H56-231027-0361')).toBe('000.00.06.H56-231027-0361');
    expect(dossierCodeFromInput('https://x.vn/h/000.00.06.H56-231027-0361?utm=1')).toBe('000.00.06.H56-231027-0361');
    expect(dossierCodeFromInput('  231027 361 ')).toBe('231027 361');
  });

  it('asks the catalogue only when there is a query or a field', () => {
    expect(procedureQuery({ query: '  ', serviceId: null })).toBe('');
    expect(procedureQuery({ query: 'kết hôn', serviceId: null })).toBe('q=k%E1%BA%BFt+h%C3%B4n&limit=40');
    expect(procedureQuery({ query: '', serviceId: 3 })).toBe('serviceId=3&limit=40');
  });

  it('writes dates the Vietnamese way in the office time zone, and names late or not', () => {
    expect(formatDateTime('2023-10-27T07:30:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('27/10/2023 14:30');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
    expect(timelinessBadge('overdue_open')).toEqual({ vi: 'Quá hạn', en: 'Overdue', tone: 'bad' });
    expect(timelinessBadge('on_time')).toEqual({ vi: 'Đúng hạn', en: 'On time', tone: 'good' });
    expect(timelinessBadge('none').tone).toBe('none');
    const d = { status: 'supplement_requested' } as PublicDossierStatus;
    expect(statusTone(d)).toBe('action');
    expect(statusTone({ ...d, status: 'resolved' })).toBe('ready');
  });

  it('routes the phone app by path: /h/ dossier, /p/ procedure, /t/ ticket', () => {
    expect(phoneRoute('/h/000.00.06.H56-231027-0361')).toEqual({ kind: 'dossier', code: '000.00.06.H56-231027-0361' });
    expect(phoneRoute('/p/1.000894')).toEqual({ kind: 'procedure', code: '1.000894' });
    expect(phoneRoute('/t/ABCDEFGHJKLM')).toEqual({ kind: 'ticket', code: 'ABCDEFGHJKLM' });
    expect(phoneRoute('/h/%E0%A4%A')).toEqual({ kind: 'dossier', code: '%E0%A4%A' });
  });
});
