import { mkdirSync } from 'node:fs';
import { pino, stdTimeFunctions, type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { z } from 'zod';
import { LogBuffer } from './logBuffer';

/**
 * The server's log: JSON lines (`{"level":"warn","time":"…","pid":…,"msg":"…",…}`) to
 * stdout (journald or the supervisor keeps them) and, once `startLogFile` is called, to
 * a size- and day-rotated file in DATA_DIR/logs with a bounded number of old files. The
 * last warnings and errors stay in memory for the admin page (GET /api/admin/logs).
 *
 * Log lines never carry personal data or secrets: fields with these names are replaced by
 * "[redacted]" (at the top level and two levels down), whatever a caller passes (card
 * reads, passwords, sessions). Messages themselves must not contain such values.
 */
export const REDACTED_FIELDS = [
  'idNumber',
  'fullName',
  'birthDate',
  'gender',
  'identity',
  'citizen',
  'mrz',
  'password',
  'passwordHash',
  'token',
  'cookie',
  'authorization',
] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const logEnvSchema = z.object({
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FILE_SIZE: z
    .string()
    .regex(/^[1-9]\d*[BKMG]$/, 'LOG_FILE_SIZE is a size such as 10M, 500K')
    .default('10M'),
  LOG_FILES: z.coerce.number().int().min(1).max(1000).default(14),
});

export interface LogFileOptions {
  /** Folder of the log files (DATA_DIR/logs). */
  dir: string;
  /** Start a new file past this size: "10M", "500K", "300B". */
  size: string;
  /** How many rotated files to keep (besides the current one). */
  maxFiles: number;
}

/** LOG_LEVEL, LOG_FILE_SIZE and LOG_FILES from the environment, with clear errors. */
export function readLogEnv(source: NodeJS.ProcessEnv): { level: LogLevel; size: string; maxFiles: number } {
  const r = logEnvSchema.safeParse(source);
  if (!r.success) {
    throw new Error(`Invalid environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { level: r.data.LOG_LEVEL, size: r.data.LOG_FILE_SIZE, maxFiles: r.data.LOG_FILES };
}

/** The recent warnings and errors of this process, for admins. */
export const recentProblems = new LogBuffer(200);

/** Where every serialised line goes: stdout, the rotated file, and the buffer of problems. */
class Sink {
  file: RotatingFileStream | null = null;

  write(line: string): void {
    process.stdout.write(line);
    this.file?.write(line);
    // The level comes first in every line (formatters.level below), so no parsing for info lines.
    if (/^\{"level":"(warn|error|fatal)"/.test(line)) recentProblems.add(line);
  }
}

const sink = new Sink();

export const log: Logger = pino(
  {
    // A bad LOG_LEVEL is reported by readLogEnv when the server starts; info until then.
    level: LOG_LEVELS.find((l) => l === process.env.LOG_LEVEL) ?? 'info',
    base: { pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), censor: '[redacted]' },
  },
  sink,
);

/** A short text for an unknown thrown value: the message only (stacks go in `err` fields). */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Also writes the log to rotated files in `opts.dir` (`quayso.log`, then `quayso-YYYYMMDD-N.log`).
 * A folder that cannot be created is logged and the server goes on with stdout only (null).
 */
export function startLogFile(opts: LogFileOptions): RotatingFileStream | null {
  try {
    mkdirSync(opts.dir, { recursive: true });
  } catch (e) {
    log.error({ err: errorMessage(e), dir: opts.dir }, 'log folder unusable, logging to stdout only');
    return null;
  }
  const stream = createStream(rotatedName, {
    path: opts.dir,
    size: opts.size,
    interval: '1d',
    maxFiles: opts.maxFiles,
    history: 'history.txt',
  });
  stream.on('error', (e) => {
    // A full or removed disk must not stop the server: keep logging to stdout.
    if (sink.file === stream) sink.file = null;
    log.error({ err: errorMessage(e) }, 'log file stopped');
  });
  stream.on('warning', (e: Error) => log.warn({ err: e.message }, 'log file rotation'));
  void stopLogFile();
  sink.file = stream;
  return stream;
}

/** Stops writing to the log file (flushes what was written). */
export function stopLogFile(): Promise<void> {
  const stream = sink.file;
  sink.file = null;
  if (!stream) return Promise.resolve();
  return new Promise((resolve) => stream.end(() => resolve()));
}

const pad = (n: number) => String(n).padStart(2, '0');

function rotatedName(time: number | Date | null, index?: number): string {
  if (time === null) return 'quayso.log';
  const d = new Date(time);
  return `quayso-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${index ?? 1}.log`;
}
