import type { ApiErrorBody } from '../contract';

/** An API error with the server's code and its (Vietnamese-first) message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls the JSON API. Network failures become ApiError(0, 'network'). Every request that
 * may change something says it is JSON, even without a body: the server refuses others (415).
 */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 8000,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: /^(GET|HEAD)$/i.test(method) ? extraHeaders : { ...extraHeaders, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: ctrl.signal,
    });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. (Cannot reach the server.)');
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 204) return null as T;
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (data as ApiErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `HTTP ${res.status}`);
  }
  return data as T;
}
