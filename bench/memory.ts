import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : NaN;
}

/**
 * One line on the memory of the processes involved: the server's own resident memory,
 * apart from the bench process (whose hundreds of socket clients are not the server's).
 */
export function memoryLine(when: string, serverPid: number, relayPid?: number): string {
  const parts = [`server RSS ${rssMb(serverPid).toFixed(0)} MB`];
  if (relayPid !== undefined) parts.push(`bare relay ${rssMb(relayPid).toFixed(0)} MB`);
  parts.push(`bench clients ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  return `memory ${when}: ${parts.join(', ')}`;
}
