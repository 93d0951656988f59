import type { LogEntry } from '../shared/logs';

export type { LogEntry };

type Listener = (entry: LogEntry) => void;

const LEVELS: ReadonlySet<string> = new Set(['warn', 'error', 'fatal']);

/** The last `capacity` warnings and errors of this process, oldest dropped first. */
export class LogBuffer {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(readonly capacity: number) {}

  /** Adds one serialised log line; lines that are not a warning or error are ignored. */
  add(line: string): void {
    const entry = parseLine(line);
    if (!entry) return;
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const l of this.listeners) l(entry);
  }

  /** Newest first. */
  list(): LogEntry[] {
    return [...this.entries].reverse();
  }

  /** Calls `listener` for each later entry; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function parseLine(line: string): LogEntry | null {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null) return null;
  const { level, time, msg, pid: _pid, hostname: _hostname, ...details } = record as Record<string, unknown>;
  if (typeof level !== 'string' || !LEVELS.has(level)) return null;
  return {
    time: typeof time === 'string' ? time : new Date().toISOString(),
    level: level as LogEntry['level'],
    msg: typeof msg === 'string' ? msg : '',
    details,
  };
}
