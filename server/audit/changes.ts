/** Keys whose values never enter the audit log, at any depth (password, newPassword, passwordHash, token…). */
const SECRET_KEY = /(password|hash|token|secret|cookie)$/i;

/** Fields that are bookkeeping, not content: left out of before/after. */
const IGNORED = new Set(['id', 'version']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `value` without any secret key (passwords, hashes, tokens), at any depth. */
export function masked<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => masked(v)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = masked(v);
  return out as T;
}

/** Nested objects as dotted paths (`settings.printer.uri`); arrays and other values are leaves. */
function flatten(value: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    if (prefix === '' && IGNORED.has(k)) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length > 0) flatten(v, path, out);
    else out[path] = v;
  }
  return out;
}

export interface Changes {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * What changed between two states of a record, as the changed fields only (dotted paths
 * for nested settings). A creation has no `before` and lists every field. Secrets are
 * removed first. Null when nothing changed.
 */
export function changes(before: object | null, after: object): Changes | null {
  const a = flatten(masked({ ...after }));
  if (!before) return { before: null, after: a };
  const b = flatten(masked({ ...before }));
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    was[key] = b[key] ?? null;
    now[key] = a[key] ?? null;
  }
  return Object.keys(now).length ? { before: was, after: now } : null;
}
