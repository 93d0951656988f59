/**
 * DG13 of the Vietnamese card: tag 6D, SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8,
 * SET { SEQUENCE { INTEGER n, value… } … } }. Fields are read by their number n, never
 * by position; absent fields are accepted and unknown ones are kept raw.
 */
import { decodeUtf8 } from './bytes';
import { checkDepth, children, integerValue, readTlv, TlvError, type TlvNode } from './tlv';

export interface Dg13Data {
  /** 1: the 12-digit ID number. */
  idNumber: string | null;
  /** 2 */
  fullName: string | null;
  /** 3: as written on the chip, dd/mm/yyyy. */
  birthDate: string | null;
  /** 4: "Nam" / "Nữ". */
  gender: string | null;
  nationality: string | null;
  ethnicity: string | null;
  religion: string | null;
  placeOfOrigin: string | null;
  placeOfResidence: string | null;
  identifyingFeatures: string | null;
  /** 11 */
  issueDate: string | null;
  /** 12 */
  expiryDate: string | null;
  /** 13: father then mother, as on the chip (one SEQUENCE per name). */
  parents: string[];
  /** 14: null when absent or empty (single). */
  spouse: string | null;
  /** 15: the old 9-digit CMND number. */
  oldIdNumber: string | null;
  /** Field numbers this parser does not know (e.g. 16), with their raw value bytes. */
  unknown: { field: number; raw: Buffer }[];
}

export type Dg13Result = { ok: true; value: Dg13Data } | { ok: false; reason: 'malformed' | 'bad-encoding' };

const STRING_TAGS = new Set([0x0c, 0x13, 0x16, 0x14, 0x1a]);

const TEXT_FIELDS = {
  1: 'idNumber',
  2: 'fullName',
  3: 'birthDate',
  4: 'gender',
  5: 'nationality',
  6: 'ethnicity',
  7: 'religion',
  8: 'placeOfOrigin',
  9: 'placeOfResidence',
  10: 'identifyingFeatures',
  11: 'issueDate',
  12: 'expiryDate',
  15: 'oldIdNumber',
} as const satisfies Record<number, keyof Dg13Data>;

class EncodingError extends Error {}

function text(node: TlvNode): string {
  const value = decodeUtf8(node.value);
  if (value === undefined) throw new EncodingError('invalid UTF-8');
  return value.normalize('NFC').trim();
}

/** Every string inside `nodes`, depth first (names nested in SEQUENCEs). */
function strings(nodes: TlvNode[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (STRING_TAGS.has(node.tag)) out.push(text(node));
    else if (node.constructed) out.push(...strings(children(node)));
  }
  return out.filter((s) => s.length > 0);
}

/** The SET of fields: the first SET found under the 6D / SEQUENCE wrappers. */
function findFieldSet(node: TlvNode, depth: number): TlvNode | undefined {
  if (node.tag === 0x31) return node;
  if (!node.constructed || depth > 3) return undefined;
  for (const child of children(node)) {
    const found = findFieldSet(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function emptyDg13(): Dg13Data {
  return {
    idNumber: null,
    fullName: null,
    birthDate: null,
    gender: null,
    nationality: null,
    ethnicity: null,
    religion: null,
    placeOfOrigin: null,
    placeOfResidence: null,
    identifyingFeatures: null,
    issueDate: null,
    expiryDate: null,
    parents: [],
    spouse: null,
    oldIdNumber: null,
    unknown: [],
  };
}

export function parseDg13(file: Uint8Array): Dg13Result {
  try {
    const root = readTlv(file, 0);
    if (root.end !== file.length || (root.tag !== 0x6d && root.tag !== 0x30)) return { ok: false, reason: 'malformed' };
    checkDepth(root);
    const set = findFieldSet(root, 0);
    if (!set) return { ok: false, reason: 'malformed' };
    const out = emptyDg13();
    for (const entry of children(set)) {
      if (entry.tag !== 0x30) continue;
      const [numberNode, ...values] = children(entry);
      if (!numberNode || numberNode.tag !== 0x02) return { ok: false, reason: 'malformed' };
      const field = integerValue(numberNode);
      if (field === 13) out.parents = strings(values);
      else if (field === 14) out.spouse = strings(values)[0] ?? null;
      else if (field in TEXT_FIELDS) {
        const key = TEXT_FIELDS[field as keyof typeof TEXT_FIELDS];
        out[key] = strings(values)[0] ?? null;
      } else {
        out.unknown.push({ field, raw: Buffer.concat(values.map((v) => v.raw)) });
      }
    }
    return { ok: true, value: out };
  } catch (error) {
    if (error instanceof EncodingError) return { ok: false, reason: 'bad-encoding' };
    if (error instanceof TlvError) return { ok: false, reason: 'malformed' };
    throw error;
  }
}
