import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD needs at least 8 characters').optional(),
  PRINTER: z.string().optional(),
  /** A PN532 chip-card reader's serial port (checked when the readers start; a bad path is ignored). */
  CARD_READER: z.string().optional(),
  /** A 2D scanner's serial port for the card's QR code. */
  QR_SCANNER: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  COOKIE_SECURE: z
    .enum(['0', '1', 'true', 'false', ''], { message: 'COOKIE_SECURE must be 1 or 0 (true or false)' })
    .optional(),
});

export interface Env {
  port: number;
  host: string;
  dataDir: string;
  adminPassword?: string;
  printer?: string;
  /** CARD_READER and QR_SCANNER: serial ports placed at the kiosk without an id. */
  cardReaders: { cardReader?: string; qrScanner?: string };
  publicUrl?: string;
  /** Mark the session cookie Secure: only for a server reached over HTTPS (behind a TLS proxy). */
  secureCookies: boolean;
}

/** Reads the environment with clear errors: PORT, HOST, DATA_DIR, ADMIN_PASSWORD, PRINTER, PUBLIC_URL, COOKIE_SECURE. */
export function readEnv(source: NodeJS.ProcessEnv): Env {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${msg}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    adminPassword: e.ADMIN_PASSWORD,
    printer: e.PRINTER || undefined,
    cardReaders: { cardReader: e.CARD_READER?.trim() || undefined, qrScanner: e.QR_SCANNER?.trim() || undefined },
    publicUrl: e.PUBLIC_URL,
    secureCookies: e.COOKIE_SECURE === '1' || e.COOKIE_SECURE === 'true',
  };
}
