/**
 * The installation's secret for the keyed hash of ID numbers: 32 random bytes in
 * DATA_DIR/secret.key, created readable by the server's user only (0600) at first start.
 * Without it, the stored hashes cannot be matched to an ID number by anyone guessing.
 */
import crypto from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'secret.key';
const SECRET_BYTES = 32;

/** Reads the secret, creating it (0600, never overwritten) when absent. */
export function loadInstallationSecret(dataDir: string): Buffer {
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, crypto.randomBytes(SECRET_BYTES).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (secret.length < 16) throw new Error(`${file}: the secret is too short or not hex`);
  chmodSync(file, 0o600);
  return secret;
}

/** The keyed hash (HMAC-SHA256, hex) by which a citizen is looked up. */
export function idNumberHmac(secret: Buffer, idNumber: string): string {
  return crypto.createHmac('sha256', secret).update(idNumber, 'utf8').digest('hex');
}
