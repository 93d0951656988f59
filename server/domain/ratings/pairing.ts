/**
 * Pairing a rating tablet with a counter. A tablet not yet paired asks for a 6-digit code
 * (kept in memory, 10 minutes); the officer at that counter, or an admin, confirms that code
 * for that counter; the tablet then gets a device token. Only the token's SHA-256 is stored
 * (rating_devices). A counter has one paired tablet: pairing another replaces it.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import { DomainError } from '../errors';
import type { RatingDeviceView, RatingPairingView } from '../../../shared/ratings';

export const PAIRING_TTL_MS = 10 * 60_000;
/** Requests kept per counter (the newest ones): a stranger opening many pages cannot fill memory. */
const MAX_REQUESTS_PER_COUNTER = 3;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

interface PendingRequest {
  code: string;
  counterId: number;
  expiresAt: number;
  /** Hands the token to the tablet that asked. */
  deliver: (token: string) => void;
}

export interface PairingChange {
  counterId: number;
}

const wrongCode = () =>
  new DomainError(
    404,
    'pairing_code_unknown',
    'Mã ghép nối không đúng, đã hết hạn hoặc không phải của quầy này. (Unknown or expired pairing code for this counter.)',
  );

export class RatingDevices {
  private readonly pending = new Map<string, PendingRequest>();
  private readonly changeListeners = new Set<(c: PairingChange) => void>();
  private readonly unpairListeners = new Set<(deviceId: number) => void>();
  private readonly online = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly config: ConfigRepo,
    private readonly clock: Clock,
  ) {}

  /** Pending requests of a counter changed (the staff page and the admin follow). */
  onChange(l: (c: PairingChange) => void): () => void {
    this.changeListeners.add(l);
    return () => this.changeListeners.delete(l);
  }

  /** A device was unpaired or replaced: its sockets must go. */
  onUnpaired(l: (deviceId: number) => void): () => void {
    this.unpairListeners.add(l);
    return () => this.unpairListeners.delete(l);
  }

  private changed(counterId: number): void {
    for (const l of [...this.changeListeners]) l({ counterId });
  }

  private purge(): void {
    const now = this.clock.now().getTime();
    for (const [code, r] of this.pending) {
      if (r.expiresAt <= now) {
        this.pending.delete(code);
        this.changed(r.counterId);
      }
    }
  }

  /** A tablet at `counterId` asks to be paired; `deliver` gets the token once confirmed. */
  request(counterId: number, deliver: (token: string) => void): { code: string; expiresAt: string; cancel: () => void } {
    this.config.counter(counterId);
    this.purge();
    const mine = [...this.pending.values()].filter((r) => r.counterId === counterId);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_REQUESTS_PER_COUNTER + 1))) this.pending.delete(old.code);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.pending.has(code));
    const expiresAt = this.clock.now().getTime() + PAIRING_TTL_MS;
    this.pending.set(code, { code, counterId, expiresAt, deliver });
    this.changed(counterId);
    return {
      code,
      expiresAt: new Date(expiresAt).toISOString(),
      cancel: () => {
        if (this.pending.get(code)?.counterId === counterId) {
          this.pending.delete(code);
          this.changed(counterId);
        }
      },
    };
  }

  /** The newest pending request of a counter. */
  pendingFor(counterId: number): { code: string; expiresAt: string } | null {
    this.purge();
    const mine = [...this.pending.values()].filter((r) => r.counterId === counterId);
    const last = mine[mine.length - 1];
    return last ? { code: last.code, expiresAt: new Date(last.expiresAt).toISOString() } : null;
  }

  pendingAll(): RatingPairingView[] {
    this.purge();
    const numbers = new Map(this.config.counters().map((c) => [c.id, c.number]));
    return [...this.pending.values()].map((r) => ({
      counterId: r.counterId,
      counterNumber: numbers.get(r.counterId) ?? 0,
      code: r.code,
      expiresAt: new Date(r.expiresAt).toISOString(),
    }));
  }

  /** Confirms `code` for `counterId`: stores the new device (replacing the counter's old one) and hands its token over. */
  confirm(counterId: number, code: string, officerId: number | null): { deviceId: number; replaced: number | null } {
    this.purge();
    const r = this.pending.get(code);
    if (!r || r.counterId !== counterId) throw wrongCode();
    this.pending.delete(code);
    const token = randomBytes(32).toString('base64url');
    const at = this.clock.now().toISOString();
    const { deviceId, replaced } = this.db.transaction(() => {
      const old = this.db.prepare('SELECT id FROM rating_devices WHERE counter_id = ?').pluck().get(counterId) as number | undefined;
      if (old !== undefined) this.db.prepare('DELETE FROM rating_devices WHERE id = ?').run(old);
      const info = this.db
        .prepare('INSERT INTO rating_devices (counter_id, token_hash, paired_at, paired_by) VALUES (?, ?, ?, ?)')
        .run(counterId, hashToken(token), at, officerId);
      return { deviceId: Number(info.lastInsertRowid), replaced: old ?? null };
    })();
    if (replaced !== null) for (const l of [...this.unpairListeners]) l(replaced);
    r.deliver(token);
    this.changed(counterId);
    return { deviceId, replaced };
  }

  /** The device a token belongs to, or null. */
  authenticate(token: string | undefined | null): { deviceId: number; counterId: number } | null {
    if (!token || token.length > 100) return null;
    const row = this.db
      .prepare('SELECT id AS deviceId, counter_id AS counterId FROM rating_devices WHERE token_hash = ?')
      .get(hashToken(token)) as { deviceId: number; counterId: number } | undefined;
    if (!row) return null;
    return row;
  }

  /** Marks a device seen now (its socket connected or it rated). */
  seen(deviceId: number, connected?: boolean): void {
    this.db.prepare('UPDATE rating_devices SET last_seen_at = ? WHERE id = ?').run(this.clock.now().toISOString(), deviceId);
    if (connected === true) this.online.set(deviceId, (this.online.get(deviceId) ?? 0) + 1);
    if (connected === false) {
      const n = (this.online.get(deviceId) ?? 1) - 1;
      if (n <= 0) this.online.delete(deviceId);
      else this.online.set(deviceId, n);
    }
  }

  list(): RatingDeviceView[] {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.counter_id AS counterId, c.number AS counterNumber, d.paired_at AS pairedAt, o.name AS pairedBy,
           d.last_seen_at AS lastSeenAt
         FROM rating_devices d JOIN counters c ON c.id = d.counter_id LEFT JOIN officers o ON o.id = d.paired_by
         ORDER BY c.number`,
      )
      .all() as Omit<RatingDeviceView, 'online'>[];
    return rows.map((r) => ({ ...r, online: this.online.has(r.id) }));
  }

  device(id: number): RatingDeviceView | null {
    return this.list().find((d) => d.id === id) ?? null;
  }

  unpair(id: number): RatingDeviceView {
    const d = this.device(id);
    if (!d) throw new DomainError(404, 'rating_device_not_found', 'Không tìm thấy thiết bị đánh giá. (Rating device not found.)');
    this.db.prepare('DELETE FROM rating_devices WHERE id = ?').run(id);
    for (const l of [...this.unpairListeners]) l(id);
    return d;
  }
}
