import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQuaySo, type AppOptions, type QuaySoApp } from '../../server/app';

export const ADMIN_PASSWORD = 'admin-pass-123';
export const OFFICER_PASSWORD = 'officer-pass-123';

export interface TestServer {
  app: QuaySoApp;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the real server on an ephemeral port with a fresh data directory and the demo office. */
export async function startTestServer(opts: Partial<AppOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'quayso-test-'));
  const app = await createQuaySo({ adminPassword: ADMIN_PASSWORD, ...opts, dataDir });
  // Known passwords for the seeded officers, so tests can log in as them.
  for (const o of app.ctx.officers.list()) {
    if (o.role === 'officer') await app.ctx.officers.save({ ...o, password: OFFICER_PASSWORD }, o.id);
  }
  const url = await app.listen(0, '127.0.0.1');
  return {
    app,
    url,
    dataDir,
    close: async () => {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tiny HTTP client that keeps a session cookie, like a browser would. */
export class Client {
  cookie = '';
  /** Sent with every request, e.g. { 'x-kiosk-id': 'sanh-1' }. */
  headers: Record<string, string> = {};
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }

  async login(username: string, password: string): Promise<this> {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return this;
  }
}
