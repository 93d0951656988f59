/**
 * The catalogue search, timed: 2,000 generated procedures imported as CSV through the admin's
 * import route into a temporary database, then 2,000 realistic kiosk searches (a few words,
 * no diacritics, the last one cut short; some by code) through GET /api/procedures on
 * 127.0.0.1 and straight through ProcedureRepo.search. Prints p50 and p99 against the 20 ms
 * target. `npx tsx bench/catalogue.ts`; `catalogueBench()` returns the lines for `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createQuaySo } from '../server/app';
import { foldVietnamese } from '../shared/catalogue';

const PROCEDURES = 2000;
const SEARCHES = 2000;
const TARGET_MS = 20;
const ADMIN_PASSWORD = 'bench-admin-password';

const ACTIONS = ['Đăng ký', 'Cấp', 'Cấp lại', 'Cấp đổi', 'Gia hạn', 'Điều chỉnh', 'Xác nhận', 'Chứng thực', 'Thẩm định', 'Thu hồi', 'Công nhận', 'Hỗ trợ'];
const OBJECTS = [
  'giấy phép xây dựng nhà ở riêng lẻ',
  'giấy chứng nhận quyền sử dụng đất',
  'hộ kinh doanh',
  'biến động đất đai',
  'trợ cấp xã hội hàng tháng',
  'hợp đồng, giao dịch về tài sản',
  'giấy phép kinh doanh bán lẻ rượu',
  'chế độ người có công với cách mạng',
  'tình trạng hôn nhân',
  'bản sao trích lục hộ tịch',
  'hộ nghèo, hộ cận nghèo',
  'thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
  'tổ hợp tác',
  'nhà văn hóa thôn',
  'kế hoạch bảo vệ môi trường',
  'khai thác thủy sản',
  'hoạt động tín ngưỡng',
  'cơ sở giáo dục mầm non',
  'học bổng chính sách',
  'giám hộ',
];
const SUFFIXES = ['', ' trong nước', ' có yếu tố nước ngoài', ' lần đầu', ' cho tổ chức', ' cho cá nhân', ' tại cấp xã', ' theo yêu cầu'];

/** A small deterministic generator, so that every run searches the same things. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

function generatedCsv(): { csv: string; names: string[]; codes: string[] } {
  const rand = prng(7);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)] as T;
  const names: string[] = [];
  const codes: string[] = [];
  const lines = ['code,name,field,fieldName,channels,documents'];
  for (let i = 0; i < PROCEDURES; i++) {
    const name = `${pick(ACTIONS)} ${pick(OBJECTS)}${pick(SUFFIXES)} (mẫu ${i + 1})`;
    const code = `${1 + (i % 3)}.${String(100000 + i).padStart(6, '0')}`;
    names.push(name);
    codes.push(code);
    const field = ['TP', 'NNMT', 'VHXH', 'DTCT'][i % 4];
    lines.push(`${code},"${name}",${field},Lĩnh vực ${i % 40},truc_tiep|working_days:${1 + (i % 15)}|Miễn lệ phí,Tờ khai|original|1; Giấy tờ kèm theo|copy|1`);
  }
  return { csv: lines.join('\n'), names, codes };
}

/** What a citizen types: one to three words of a name without diacritics, the last cut short; or the start of a code. */
function queries(names: string[], codes: string[]): string[] {
  const rand = prng(11);
  const out: string[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    if (i % 10 === 9) {
      const code = codes[Math.floor(rand() * codes.length)] as string;
      out.push(code.slice(0, 4 + Math.floor(rand() * 5)));
      continue;
    }
    const words = foldVietnamese(names[Math.floor(rand() * names.length)] as string)
      .replace(/[(),]/g, '')
      .split(' ');
    const start = Math.floor(rand() * Math.max(1, words.length - 3));
    const take = words.slice(start, start + 1 + Math.floor(rand() * 3));
    const last = take.pop() as string;
    take.push(last.slice(0, Math.max(2, Math.ceil(last.length * (0.5 + rand() / 2)))));
    out.push(take.join(' '));
  }
  return out;
}

function get(agent: Agent, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function catalogueBench(): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quayso-bench-catalogue-'));
  const server = await createQuaySo({ dataDir, adminPassword: ADMIN_PASSWORD });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // Some of the server's shutdown waits on unref'd timers: keep this process alive until it is done.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const url = await server.listen(0, '127.0.0.1');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { csv, names, codes } = generatedCsv();
    const t0 = performance.now();
    const imported = await fetch(`${url}/api/admin/imports/procedures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ format: 'csv', content: csv }),
    });
    const importMs = performance.now() - t0;
    const result = (await imported.json()) as { created?: number };
    if (imported.status !== 200 || result.created !== PROCEDURES) throw new Error(`catalogue bench: import failed (${imported.status})`);

    const qs = queries(names, codes);
    let hits = 0;
    const http: number[] = [];
    for (const q of qs) {
      const t = performance.now();
      const r = await get(agent, `${url}/api/procedures?q=${encodeURIComponent(q)}&limit=20`);
      http.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`catalogue bench: search "${q}" → ${r.status}`);
      if ((JSON.parse(r.body) as { procedures: unknown[] }).procedures.length > 0) hits++;
    }
    const repo: number[] = [];
    for (const q of qs) {
      const t = performance.now();
      server.ctx.procedures.search(q, { limit: 20 });
      repo.push(performance.now() - t);
    }
    http.sort((a, b) => a - b);
    repo.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2);
    return [
      `catalogue: ${PROCEDURES} procedures imported as CSV through POST /api/admin/imports/procedures in ${importMs.toFixed(0)} ms;` +
        ` ${SEARCHES} searches (partial words, no diacritics, 10% by code), ${hits} with results:`,
      `  GET /api/procedures on 127.0.0.1: p50 ${f(quantile(http, 0.5))} ms, p99 ${f(quantile(http, 0.99))} ms (target p99 ≤ ${TARGET_MS} ms)`,
      `  ProcedureRepo.search: p50 ${f(quantile(repo, 0.5))} ms, p99 ${f(quantile(repo, 0.99))} ms`,
    ];
  } finally {
    agent.destroy();
    await server.close();
    clearInterval(keepAlive);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = await catalogueBench();
  for (const l of lines) console.log(l);
  process.exit(0);
}
