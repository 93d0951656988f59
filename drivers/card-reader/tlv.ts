/**
 * A small BER/DER TLV reader for the chip's files (EF.COM, DG1, DG13, EF.SOD).
 * Definite lengths only, at most 4 length octets and the bytes actually present;
 * nesting is bounded, so a hostile file cannot exhaust the stack or memory.
 */

export interface TlvNode {
  /** The tag as a number, its bytes big-endian (e.g. 0x5F1F, 0x6D, 0x30). */
  tag: number;
  constructed: boolean;
  /** The value bytes (a view into the input). */
  value: Buffer;
  /** Header and value (a view into the input). */
  raw: Buffer;
}

export class TlvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlvError';
  }
}

export const MAX_TLV_DEPTH = 12;

/** Tag, constructed flag, value length and value offset of the TLV at `offset` (value not checked). */
export function readTlvHeader(
  input: Uint8Array,
  offset = 0,
): { tag: number; constructed: boolean; length: number; valueAt: number } {
  let at = offset;
  const first = input[at++];
  if (first === undefined) throw new TlvError('TLV: no tag');
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    for (let i = 0; ; i++) {
      const next = input[at++];
      if (next === undefined || i >= 3) throw new TlvError('TLV: tag too long or truncated');
      tag = tag * 256 + next;
      if ((next & 0x80) === 0) break;
    }
  }
  const lengthByte = input[at++];
  if (lengthByte === undefined) throw new TlvError('TLV: no length');
  let length = lengthByte;
  if (lengthByte === 0x80) throw new TlvError('TLV: indefinite length');
  if (lengthByte > 0x80) {
    const count = lengthByte - 0x80;
    if (count > 4) throw new TlvError('TLV: length too long');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = input[at++];
      if (b === undefined) throw new TlvError('TLV: truncated length');
      length = length * 256 + b;
    }
  }
  return { tag, constructed: (first & 0x20) !== 0, length, valueAt: at };
}

/** Reads one TLV at `offset`; throws TlvError on a malformed or truncated header. */
export function readTlv(input: Uint8Array, offset = 0): TlvNode & { end: number } {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const { tag, constructed, length, valueAt } = readTlvHeader(bytes, offset);
  const end = valueAt + length;
  if (end > bytes.length) throw new TlvError(`TLV: length ${length} beyond the data`);
  return { tag, constructed, value: bytes.subarray(valueAt, end), raw: bytes.subarray(offset, end), end };
}

/** All the TLVs that fill `input` exactly, in order. */
export function readAll(input: Uint8Array): TlvNode[] {
  const out: TlvNode[] = [];
  for (let at = 0; at < input.length; ) {
    const node = readTlv(input, at);
    out.push({ tag: node.tag, constructed: node.constructed, value: node.value, raw: node.raw });
    at = node.end;
  }
  return out;
}

/** The children of a constructed node. */
export function children(node: TlvNode): TlvNode[] {
  if (!node.constructed) throw new TlvError(`TLV: tag ${node.tag.toString(16)} is not constructed`);
  return readAll(node.value);
}

/** The single TLV that fills `input`, which must carry `tag`. */
export function expectTlv(input: Uint8Array, tag: number): TlvNode {
  const node = readTlv(input, 0);
  if (node.tag !== tag) throw new TlvError(`TLV: expected tag ${tag.toString(16)}, got ${node.tag.toString(16)}`);
  if (node.end !== input.length) throw new TlvError('TLV: trailing bytes');
  return node;
}

/** Checks that the whole tree parses within MAX_TLV_DEPTH levels. */
export function checkDepth(node: TlvNode, depth = 0): void {
  if (depth > MAX_TLV_DEPTH) throw new TlvError('TLV: nested too deeply');
  if (node.constructed) for (const child of children(node)) checkDepth(child, depth + 1);
}

/** Decodes a DER INTEGER that fits a safe JavaScript number (non-negative). */
export function integerValue(node: TlvNode): number {
  if (node.tag !== 0x02 || node.value.length === 0 || node.value.length > 6) {
    throw new TlvError('TLV: not a small INTEGER');
  }
  let n = 0;
  for (const b of node.value) n = n * 256 + b;
  if ((node.value[0] ?? 0) & 0x80) throw new TlvError('TLV: negative INTEGER');
  return n;
}

/** Decodes an OBJECT IDENTIFIER to dotted form. */
export function oidValue(node: TlvNode): string {
  if (node.tag !== 0x06 || node.value.length === 0) throw new TlvError('TLV: not an OBJECT IDENTIFIER');
  const parts: number[] = [];
  let current = 0;
  for (const b of node.value) {
    current = current * 128 + (b & 0x7f);
    if (current > Number.MAX_SAFE_INTEGER / 256) throw new TlvError('TLV: OID arc too large');
    if ((b & 0x80) === 0) {
      parts.push(current);
      current = 0;
    }
  }
  if ((node.value[node.value.length - 1] ?? 0) & 0x80) throw new TlvError('TLV: truncated OID');
  const first = parts.shift() ?? 0;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}
