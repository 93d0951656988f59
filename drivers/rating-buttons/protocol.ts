/**
 * The rating button box's serial line protocol (docs/rating-buttons.md). ASCII lines ended by
 * CR LF (CR or LF alone is accepted), each with an NMEA-style checksum:
 *
 *   R<counter>:<level>*<XX>   a press: counter number 1–999, level 1–5 (1 = best)
 *   H<box id>*<XX>            a heartbeat, every few seconds; box id: 1–16 of A–Z a–z 0–9 -
 *   A<counter>:<level>*<XX>   server → box: the press was recorded
 *   N<counter>:<level>*<XX>   server → box: the press was refused (already rated, unknown counter…)
 *
 * XX is the XOR of every byte before '*' (the letter included), as two hex digits
 * (upper or lower case accepted; the server writes upper case).
 */

/** A line is at most this long (the longest valid one, `R999:5*XX`, is 9 bytes). */
export const MAX_LINE_BYTES = 32;

export type BoxFrame = { type: 'press'; counter: number; level: number } | { type: 'heartbeat'; box: string };

export type RejectReason = 'garbage' | 'bad-checksum' | 'line-too-long';

export type ParsedLine = { ok: true; frame: BoxFrame } | { ok: false; reason: RejectReason };

/** XOR of the bytes of `body`, as two upper-case hex digits. */
export function checksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i) & 0xff;
  return x.toString(16).toUpperCase().padStart(2, '0');
}

/** A line with its checksum and CR LF. */
export const withChecksum = (body: string): string => `${body}*${checksum(body)}\r\n`;

export const pressLine = (counter: number, level: number) => withChecksum(`R${counter}:${level}`);
export const heartbeatLine = (box: string) => withChecksum(`H${box}`);
export const replyLine = (accepted: boolean, counter: number, level: number) =>
  withChecksum(`${accepted ? 'A' : 'N'}${counter}:${level}`);

const PRESS = /^R([1-9]\d{0,2}):([1-5])$/;
const HEARTBEAT = /^H([A-Za-z0-9-]{1,16})$/;
const REPLY = /^([AN])([1-9]\d{0,2}):([1-5])$/;

/** Splits `body*XX` and checks the sum: the body, or why not. */
function checked(bytes: Buffer): { ok: true; body: string } | { ok: false; reason: RejectReason } {
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return { ok: false, reason: 'garbage' };
  const line = bytes.toString('latin1');
  const star = line.lastIndexOf('*');
  if (star < 1 || star !== line.length - 3) return { ok: false, reason: 'garbage' };
  const sum = line.slice(star + 1);
  if (!/^[0-9A-Fa-f]{2}$/.test(sum)) return { ok: false, reason: 'garbage' };
  const body = line.slice(0, star);
  if (checksum(body) !== sum.toUpperCase()) return { ok: false, reason: 'bad-checksum' };
  return { ok: true, body };
}

/** One line from the box (without its line end). */
export function parseBoxLine(bytes: Buffer): ParsedLine {
  if (bytes.length > MAX_LINE_BYTES) return { ok: false, reason: 'line-too-long' };
  const c = checked(bytes);
  if (!c.ok) return c;
  const press = PRESS.exec(c.body);
  if (press) return { ok: true, frame: { type: 'press', counter: Number(press[1]), level: Number(press[2]) } };
  const beat = HEARTBEAT.exec(c.body);
  if (beat) return { ok: true, frame: { type: 'heartbeat', box: beat[1] as string } };
  return { ok: false, reason: 'garbage' };
}

/** A server reply as the box reads it (the simulator uses this). */
export function parseReplyLine(bytes: Buffer): { accepted: boolean; counter: number; level: number } | null {
  const c = checked(bytes);
  if (!c.ok) return null;
  const m = REPLY.exec(c.body);
  return m ? { accepted: m[1] === 'A', counter: Number(m[2]), level: Number(m[3]) } : null;
}
