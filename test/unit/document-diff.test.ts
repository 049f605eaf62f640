import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../shared/core/audit/document-diff';

describe('diffDocuments', () => {
  it('names nested fields and compares segments by code', () => {
    const before = { title: 'A', segments: [{ code: 'RT', n: 1 }, { code: 'RW', n: 2 }] };
    const after = { title: 'A', segments: [{ code: 'NEW', n: 9 }, { code: 'RT', n: 1 }, { code: 'RW', n: 3 }] };
    expect(diffDocuments(before, after)).toEqual([
      { path: 'segments[RW].n', before: 2, after: 3 },
      { path: 'segments[NEW]', after: { code: 'NEW', n: 9 } },
    ]);
  });

  it('reports removed and added fields', () => {
    expect(diffDocuments({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 3] }, d: 'x' })).toEqual([
      { path: 'a', before: 1 },
      { path: 'b.c', before: [1, 2], after: [1, 3] },
      { path: 'd', after: 'x' },
    ]);
  });

  it('finds nothing in equal documents', () => {
    expect(diffDocuments({ a: [{ code: 'X', v: 1 }] }, { a: [{ code: 'X', v: 1 }] })).toEqual([]);
  });
});
