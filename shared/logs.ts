/** GET /api/admin/logs: the server's recent warnings and errors (admins only). */

export type ProblemLevel = 'warn' | 'error' | 'fatal';

/** One warning or error of the server's log, as the admin page shows it. */
export interface LogEntry {
  /** ISO time of the line. */
  time: string;
  level: ProblemLevel;
  msg: string;
  /** The line's other fields (personal data already redacted), without pid and hostname. */
  details: Record<string, unknown>;
}

export interface AdminLogs {
  /** Newest first; at most `capacity`, since the server started. */
  entries: LogEntry[];
  capacity: number;
  /** The server process's start (ISO): older problems are in the log files only. */
  since: string;
}
