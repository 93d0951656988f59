/**
 * The country signing CA certificates (CSCA) an office trusts for chip cards: files in
 * DATA_DIR/csca/ (PEM, one or more certificates a file, or DER). With them a chip read's
 * signature chain is checked (`verified`); without them only the signed hashes are
 * (`hashes-only`). Read once at start, asynchronously; a file that is not a regular file
 * of bounded size holding a CA certificate is skipped with a reason, never a crash.
 */
import { X509Certificate } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A CSCA certificate is a few kilobytes; a file far larger is not one. */
export const CSCA_MAX_BYTES = 256 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export interface CscaStore {
  certificates: X509Certificate[];
  /** Files that were skipped, with why (file names only: no personal data here). */
  problems: { file: string; reason: string }[];
}

function parseCertificates(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  const blocks = text.match(PEM_BLOCK);
  return blocks ? blocks.map((b) => new X509Certificate(b)) : [new X509Certificate(bytes)];
}

/** Loads every CSCA certificate in `dir`; a missing folder means none. */
export async function loadCscas(dir: string): Promise<CscaStore> {
  const store: CscaStore = { certificates: [], problems: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return store;
  }
  for (const file of names) {
    const path = join(dir, file);
    try {
      const st = await stat(path);
      if (!st.isFile()) throw new Error('not a regular file');
      if (st.size > CSCA_MAX_BYTES) throw new Error(`larger than ${CSCA_MAX_BYTES / 1024} KB`);
      const certs = parseCertificates(await readFile(path));
      if (certs.some((c) => !c.ca)) throw new Error('not a CA certificate');
      store.certificates.push(...certs);
    } catch (e) {
      store.problems.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return store;
}
