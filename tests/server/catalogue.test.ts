import { describe, expect, it } from 'vitest';
import { ProcedureRepo } from '../../server/domain/catalogue/procedureRepo';
import { exportProcedures, importProcedures } from '../../server/domain/catalogue/importExport';
import { DEMO_PROCEDURES } from '../../server/domain/catalogue/demoProcedures';
import { DomainError } from '../../server/domain/errors';
import type { ImportProblem } from '../../shared/catalogue';
import { errorCode, makeFixture } from './fixture';

/** A fixture office (fields A "Tư pháp – Hộ tịch" and B "Đất đai") with the demo procedures imported as JSON into field A. */
function withDemo() {
  const f = makeFixture();
  const repo = new ProcedureRepo(f.db, f.clock);
  const list = DEMO_PROCEDURES.map(({ verify: _v, ...p }, i) => ({ ...p, field: 'A', sortOrder: i + 1 }));
  const r = importProcedures(repo, 'json', JSON.stringify(list));
  return { f, repo, imported: r };
}

/** The problems of the import_invalid error `fn` throws. */
function problemsOf(fn: () => unknown): ImportProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'import_invalid') return e.details as ImportProblem[];
    throw e;
  }
  throw new Error('expected import_invalid');
}

const count = (repo: ProcedureRepo) => repo.all().length;

describe('search', () => {
  const { repo, f } = withDemo();
  const codes = (q: string, opts?: { serviceId?: number; limit?: number }) => repo.search(q, opts).map((p) => p.code);

  it('imports the demo list', () => {
    expect(count(repo)).toBe(DEMO_PROCEDURES.length);
  });

  it.each([
    ['dang ky khai sinh', '1.001193'],
    ['khai sinh', '1.001193'],
    ['Đăng ký khai sinh', '1.001193'],
    ['KHAI SINH', '1.001193'],
    ['sinh khai', '1.001193'],
    ['ket hon', '1.000894'],
    ['kết hôn', '1.000894'],
    ['khai tu', '1.000656'],
    ['1.001193', '1.001193'],
    ['2.0008', '2.000815'],
    ['trich luc', '2.000635'],
    ['chung thuc ban sao', '2.000815'],
    ['xac nhan tinh trang hon nhan', '1.004873'],
    ['nhan cha me con', '1.001022'],
    ['tro cap', '1.001776'],
    ['dk kh', null],
  ])('"%s" finds %s first', (q, first) => {
    const found = codes(q);
    if (first === null) expect(found).toEqual([]);
    else expect(found[0]).toBe(first);
  });

  it('each word is a word prefix: "ky khai" finds both "Đăng ký khai sinh" and "Đăng ký khai tử", "hai" finds nothing inside words', () => {
    expect(codes('ky khai').sort()).toEqual(['1.000656', '1.001193']);
    expect(codes('hai sinh')).toEqual([]);
  });

  it('ranks the name starting with the query first, then the words together, then the rest', () => {
    // "Chứng thực chữ ký…" starts with "chung thuc"; "Cấp … chứng thực"? none; the two chứng thực procedures come first.
    const r = codes('chung thuc');
    expect(r.slice(0, 2).sort()).toEqual(['2.000815', '2.000884']);
    // "hon nhan": "Cấp Giấy xác nhận tình trạng hôn nhân" holds the words together; "Đăng ký kết hôn" does not match "nhan".
    expect(codes('hon nhan')).toEqual(['1.004873']);
    // "ho tich": words together in 2.000635 and 1.004859; the order then follows sortOrder.
    expect(codes('ho tich')).toEqual(['2.000635', '1.004859']);
  });

  it('filters by field and limits the results', () => {
    expect(codes('', { serviceId: f.services.b })).toEqual([]);
    expect(codes('', { serviceId: f.services.a })).toHaveLength(DEMO_PROCEDURES.length);
    expect(codes('dang ky', { limit: 2 })).toHaveLength(2);
  });

  it('lists the fields with their counts, and lists a field in order', () => {
    expect(repo.fields()).toEqual([
      { serviceId: f.services.a, name: 'Tư pháp – Hộ tịch', nameEn: '', count: DEMO_PROCEDURES.length },
      { serviceId: f.services.b, name: 'Đất đai', nameEn: '', count: 0 },
    ]);
    expect(repo.list(f.services.a)[0]?.code).toBe('1.001193');
    expect(repo.list(null)).toEqual([]);
  });

  it('a withdrawn procedure is no longer found, listed or counted, and is still readable by code', () => {
    const { repo: r } = withDemo();
    const other = new ProcedureRepo(f.db, f.clock);
    expect(other.search('khai tu')).toHaveLength(1);
    r.deactivate('1.000656');
    expect(r.search('khai tu')).toEqual([]);
    expect(r.fields()[0]?.count).toBe(DEMO_PROCEDURES.length - 1);
    expect(r.byCode('1.000656')?.active).toBe(false);
    expect(errorCode(() => r.deactivate('9.999999'))).toBe('404 not_found');
  });
});

describe('save', () => {
  it('creates, updates with the right version, refuses a stale one, and keeps the version when nothing changed', () => {
    const { repo } = withDemo();
    const p = repo.record('1.001193')!;
    const { outcome, record } = repo.save({ ...p, name: 'Đăng ký khai sinh (đúng hạn)' }, p.version);
    expect(outcome).toBe('updated');
    expect(record.version).toBe(p.version + 1);
    expect(errorCode(() => repo.save({ ...p, name: 'Khác' }, p.version))).toBe('409 stale_version');
    expect(repo.save({ ...record }, record.version).outcome).toBe('unchanged');
    expect(repo.record('1.001193')?.version).toBe(record.version);
    expect(repo.search('dung han')[0]?.code).toBe('1.001193');
  });
});

const GOOD_CSV = [
  '\uFEFFMã thủ tục,Tên thủ tục,field,fieldName,channels,documents,sets,legalBasis',
  '1.000001,Thủ tục thử một,A,Hộ tịch,"truc_tiep|working_days:3|Miễn lệ phí; truc_tuyen|same_day|10.000 đồng\\; nộp online","Tờ khai|original|1; Giấy chứng sinh|original_or_certified_copy|2",1,"Luật Hộ tịch',
  'Nghị định 123/2015/NĐ-CP"',
  '',
  '1.000002,Thủ tục thử hai,Đất đai,Đất đai,Trực tiếp|3 ngày làm việc|Không,Đơn đề nghị,2,',
].join('\r\n');

describe('import', () => {
  it('a good CSV (BOM, Vietnamese headings, a cell over two lines, a blank line, sub-formats) is imported', () => {
    const { repo, f } = withDemo();
    expect(importProcedures(repo, 'csv', GOOD_CSV)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const one = repo.byCode('1.000001')!;
    expect(one.serviceId).toBe(f.services.a);
    expect(one.channels).toEqual([
      { channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Miễn lệ phí' },
      { channel: 'truc_tuyen', time: { unit: 'same_day' }, fee: '10.000 đồng; nộp online' },
    ]);
    expect(one.documents).toEqual([
      { name: 'Tờ khai', form: 'original', copies: 1 },
      { name: 'Giấy chứng sinh', form: 'original_or_certified_copy', copies: 2 },
    ]);
    expect(one.legalBasis).toBe('Luật Hộ tịch\nNghị định 123/2015/NĐ-CP');
    const two = repo.byCode('1.000002')!;
    expect(two.serviceId).toBe(f.services.b);
    expect(two.channels).toEqual([{ channel: 'truc_tiep', time: { unit: 'working_days', value: 3 }, fee: 'Không' }]);
    expect(two.documents).toEqual([{ name: 'Đơn đề nghị', form: 'original', copies: 1 }]);
    expect(two.sets).toBe(2);
    expect(importProcedures(repo, 'csv', GOOD_CSV)).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it('a bad CSV names each bad row by its line in the file and imports nothing', () => {
    const { repo } = withDemo();
    const bad = [
      'code,name,field,channels,documents,sets',
      '1.000010,Tốt một,A,truc_tiep|same_day|Không,Tờ khai,1',
      '1.000011,"Tên trên',
      'hai dòng",A,truc_tiep|mai|Không,Tờ khai,1',
      ',Không có mã,A,,,1',
      '1.000013,Lĩnh vực lạ,XYZ,,,1',
      '1.000014,Giấy tờ sai,A,,Tờ khai|bản photo|1,1',
      '1.000015,Số bộ sai,A,,,một',
      '1.000010,Trùng mã,A,,,1',
      '1.000016,Tốt hai,A,,,1',
    ].join('\n');
    const before = repo.all();
    const problems = problemsOf(() => importProcedures(repo, 'csv', bad));
    expect(problems.map((p) => p.line)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(problems[0]).toMatchObject({ code: '1.000011' });
    expect(problems[0]?.reason).toContain('thời hạn "mai"');
    expect(problems[1]?.reason).toContain('code');
    expect(problems[2]?.reason).toContain('XYZ');
    expect(problems[3]?.reason).toContain('bản photo');
    expect(problems[4]?.reason).toContain('sets');
    expect(problems[5]?.reason).toContain('dòng 2');
    expect(repo.all()).toEqual(before);
    expect(repo.byCode('1.000010')).toBeNull();
  });

  it('a CSV with a broken quote or unknown columns is refused whole', () => {
    const { repo } = withDemo();
    expect(problemsOf(() => importProcedures(repo, 'csv', 'code,name\n1.1,"không đóng ngoặc\n'))[0]?.reason).toContain('CSV');
    expect(problemsOf(() => importProcedures(repo, 'csv', 'code,name,gia\n1.1,A,3\n'))[0]?.reason).toContain('gia');
    expect(problemsOf(() => importProcedures(repo, 'csv', 'code,fee\n1.1,A\n')).map((p) => p.reason).join()).toContain('name');
  });

  it('JSON: an array or { procedures }, bad rows named by index + 1, nothing partial', () => {
    const { repo } = withDemo();
    const good = { procedures: [{ code: '3.000001', name: 'Thủ tục JSON', field: 'A', channels: [{ channel: 'truc_tiep', time: { unit: 'same_day' }, fee: '' }] }] };
    expect(importProcedures(repo, 'json', JSON.stringify(good), true)).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(repo.byCode('3.000001')).toBeNull();
    expect(importProcedures(repo, 'json', JSON.stringify(good))).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const n = count(repo);
    const bad = [
      { code: '3.000002', name: 'Tốt' },
      { code: '3.000003' },
      { code: '3.000004', name: 'Cách thức lạ', channels: [{ channel: 'fax', time: { unit: 'same_day' } }] },
      { code: '3.000005', name: 'Thời hạn âm', channels: [{ channel: 'truc_tiep', time: { unit: 'working_days', value: -1 } }] },
      { code: '3.000006', name: 'Trường lạ', colour: 'đỏ' },
      'không phải đối tượng',
    ];
    const problems = problemsOf(() => importProcedures(repo, 'json', JSON.stringify(bad)));
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(problems[0]).toEqual({ line: 2, code: '3.000003', reason: expect.stringContaining('name') });
    expect(count(repo)).toBe(n);
    expect(repo.byCode('3.000002')).toBeNull();
    expect(problemsOf(() => importProcedures(repo, 'json', '{ "procedures": ')).at(0)?.line).toBe(0);
    expect(problemsOf(() => importProcedures(repo, 'json', '{ "items": [] }')).at(0)?.reason).toContain('procedures');
    expect(problemsOf(() => importProcedures(repo, 'json', '[]')).at(0)?.reason).toContain('không có thủ tục');
  });
});

describe('export', () => {
  it.each(['csv', 'json'] as const)('%s re-imports unchanged, and rebuilds the same catalogue in another office', (format) => {
    const { repo } = withDemo();
    importProcedures(repo, 'csv', GOOD_CSV);
    repo.deactivate('1.000656');
    const file = exportProcedures(repo, format);
    if (format === 'csv') expect(file.startsWith('\uFEFFcode,name,field,')).toBe(true);
    expect(importProcedures(repo, format, file)).toEqual({ created: 0, updated: 0, unchanged: count(repo) });

    const other = withDemo();
    const strip = (r: ProcedureRepo) => r.all().map(({ version: _v, updatedAt: _u, ...p }) => p);
    importProcedures(other.repo, format, file);
    expect(strip(other.repo)).toEqual(strip(repo));
  });
});
