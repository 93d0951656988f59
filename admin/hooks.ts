import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../shared/web/api';

/** Called when the server answers 401 (session expired or ended): the app shows the login again. */
export const SessionLost = createContext<() => void>(() => undefined);

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reports a 401 to the app; returns the message to show for any error. */
function useErrorHandler(): (e: unknown) => string {
  const lost = useContext(SessionLost);
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) lost();
      return errorText(e);
    },
    [lost],
  );
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** Increases on every successful load: forms keyed by it start again from the server's data. */
  version: number;
  reload: () => Promise<void>;
}

/** GETs `path` on mount and on `reload()`. A failed reload keeps the previous data. */
export function useLoad<T>(path: string): Loaded<T> {
  const onError = useErrorHandler();
  const [state, setState] = useState<{ data: T | null; error: string | null; version: number }>({
    data: null,
    error: null,
    version: 0,
  });
  const reload = useCallback(async () => {
    try {
      const data = await api<T>('GET', path);
      setState((s) => ({ data, error: null, version: s.version + 1 }));
    } catch (e) {
      const error = onError(e);
      setState((s) => ({ ...s, error }));
    }
  }, [path, onError]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'ok' }
  | { kind: 'error'; text: string }
  /** Someone else saved the record after this form was opened (409 stale_version). */
  | { kind: 'stale'; text: string };

export interface Saver {
  status: SaveStatus;
  /** Runs a save (and the reload after it); true when it succeeded. Errors become the status. */
  run: (save: () => Promise<void>) => Promise<boolean>;
  clear: () => void;
  /** Reloads the section from the server (its forms start again from the latest data); offered after a stale save. */
  reload: (() => Promise<void>) | null;
}

/**
 * The state of one form's save button and its message ("Đã lưu" or the server's error).
 * `reload` loads the section again: after a save refused as outdated, the message offers it.
 */
export function useSaver(reload?: () => Promise<void>): Saver {
  const onError = useErrorHandler();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const busy = useRef(false);
  const run = useCallback(
    async (save: () => Promise<void>) => {
      if (busy.current) return false;
      busy.current = true;
      setStatus({ kind: 'saving' });
      try {
        await save();
        setStatus({ kind: 'ok' });
        return true;
      } catch (e) {
        const text = onError(e);
        setStatus(e instanceof ApiError && e.code === 'stale_version' ? { kind: 'stale', text } : { kind: 'error', text });
        return false;
      } finally {
        busy.current = false;
      }
    },
    [onError],
  );
  const clear = useCallback(() => setStatus({ kind: 'idle' }), []);
  return { status, run, clear, reload: reload ?? null };
}

/** A form's working copy of some data; `set` changes some of its keys. */
export function useDraft<T extends object>(initial: T): [T, (patch: Partial<T>) => void, (next: T) => void] {
  const [draft, setDraft] = useState(initial);
  const set = useCallback((patch: Partial<T>) => setDraft((d) => ({ ...d, ...patch })), []);
  return [draft, set, setDraft];
}
