import { z } from 'zod';


export const FieldChange = z.object({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
}).meta({ id: 'FieldChange' });
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * The fields that differ between two JSON documents, for the audit trail. Arrays of objects with
 * a `code` (segments) are compared by code, so that inserting a segment reads as one added
 * segment rather than every later one changing: `segments[KADER].targetHeadcount`.
 */
export function diffDocuments(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isCodedList(before) && isCodedList(after)) return diffCodedLists(before, after, path);
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffDocuments(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(document)', ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
}

type Coded = { code: string } & Record<string, unknown>;

function diffCodedLists(before: Coded[], after: Coded[], path: string): FieldChange[] {
  const old = new Map(before.map((item) => [item.code, item]));
  const updated = new Map(after.map((item) => [item.code, item]));
  const codes = [...new Set([...old.keys(), ...updated.keys()])];
  return codes.flatMap((code) => diffDocuments(old.get(code), updated.get(code), `${path}[${code}]`));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCodedList(value: unknown): value is Coded[] {
  return Array.isArray(value) && value.every((item) => isPlainObject(item) && typeof item.code === 'string');
}
