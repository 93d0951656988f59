/** Minimal TrueType/OpenType 'cmap' reader: code point -> glyph id (0 = .notdef, i.e. missing). */
export function glyphLookup(font: Buffer): (codePoint: number) => number {
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let t = 0; t < numTables; t++) {
    const rec = 12 + t * 16;
    if (font.toString('latin1', rec, rec + 4) === 'cmap') cmap = font.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error('Font has no cmap table');
  const subtables = new Map<string, number>();
  const count = font.readUInt16BE(cmap + 2);
  for (let s = 0; s < count; s++) {
    const rec = cmap + 4 + s * 8;
    subtables.set(`${font.readUInt16BE(rec)}/${font.readUInt16BE(rec + 2)}`, cmap + font.readUInt32BE(rec + 4));
  }
  const full = subtables.get('3/10') ?? subtables.get('0/4') ?? subtables.get('0/6');
  if (full !== undefined && font.readUInt16BE(full) === 12) {
    const groups = font.readUInt32BE(full + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const rec = full + 16 + g * 12;
        const start = font.readUInt32BE(rec);
        const end = font.readUInt32BE(rec + 4);
        if (cp >= start && cp <= end) return font.readUInt32BE(rec + 8) + (cp - start);
      }
      return 0;
    };
  }
  const bmp = subtables.get('3/1') ?? subtables.get('0/3');
  if (bmp === undefined || font.readUInt16BE(bmp) !== 4) throw new Error('No supported cmap subtable (format 4 or 12)');
  const segCount = font.readUInt16BE(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const ranges = deltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segCount; s++) {
      if (cp > font.readUInt16BE(ends + s * 2)) continue;
      const start = font.readUInt16BE(starts + s * 2);
      if (cp < start) return 0;
      const delta = font.readInt16BE(deltas + s * 2);
      const rangeOffset = font.readUInt16BE(ranges + s * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = font.readUInt16BE(ranges + s * 2 + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
