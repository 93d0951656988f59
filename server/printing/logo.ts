import { constants, promises as fsp } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PNG } from 'pngjs';
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE } from '../../shared/printerSettings';

export type LogoLoad = { ok: true; png: Buffer } | { ok: false; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Where a configured logo path points: relative paths are inside DATA_DIR. */
export const logoFile = (path: string, dataDir: string): string => (isAbsolute(path) ? path : join(dataDir, path));

/** Width and height from the PNG header (IHDR), or null when the bytes are not a PNG. */
function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Reads a ticket logo without ever blocking: the file is opened non-blocking (a FIFO or a
 * device does not wait for a writer), and only a regular file of at most LOGO_MAX_BYTES that
 * decodes as a PNG of at most LOGO_MAX_SIDE pixels a side is accepted. Reasons are in Vietnamese.
 */
export async function loadLogo(path: string, dataDir: string): Promise<LogoLoad> {
  const file = logoFile(path, dataDir);
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return { ok: false, reason: code === 'ENOENT' ? 'không tìm thấy tệp logo' : `không đọc được tệp logo (${code})` };
  }
  let png: Buffer;
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, reason: 'logo phải là một tệp PNG thường' };
    if (st.size > LOGO_MAX_BYTES) return { ok: false, reason: `tệp logo lớn hơn ${LOGO_MAX_BYTES / 1024} KB` };
    png = await fh.readFile();
  } catch (e) {
    return { ok: false, reason: `không đọc được tệp logo (${(e as NodeJS.ErrnoException).code ?? 'EIO'})` };
  } finally {
    await fh.close().catch(() => undefined);
  }
  // The file may have grown between the size check and the read.
  if (png.length > LOGO_MAX_BYTES) return { ok: false, reason: `tệp logo lớn hơn ${LOGO_MAX_BYTES / 1024} KB` };
  const size = pngSize(png);
  if (!size) return { ok: false, reason: 'tệp logo không phải ảnh PNG' };
  if (size.width < 1 || size.height < 1 || size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE) {
    return { ok: false, reason: `ảnh logo phải từ 1 đến ${LOGO_MAX_SIDE} điểm mỗi chiều` };
  }
  try {
    PNG.sync.read(png);
  } catch {
    return { ok: false, reason: 'tệp logo không phải ảnh PNG đọc được' };
  }
  return { ok: true, png };
}
