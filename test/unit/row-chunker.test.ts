import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES } from '../../shared/core/roster/import-limits';
import type { RawRosterRow } from '../../shared/core/roster/raw-roster-row';
import { RowChunker } from '../../shared/documents/roster-file/row-chunker';

function chunksOf(rows: RawRosterRow[]) {
  const chunker = new RowChunker();
  const chunks = rows.flatMap((row) => chunker.add(row) ?? []);
  const last = chunker.flush();
  return last ? [...chunks, last] : chunks;
}

describe('RowChunker', () => {
  it('keeps every chunk of a large upload within 1 MB of JSON, numbered in order, every row once', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ row: i + 2, values: { nik: String(3674011001900000 + i), name: `Ibu Siti Nurhaliza ${i}`, address: 'Jl. Merpati No. 1 RT 001 RW 002' } }));
    const chunks = chunksOf(rows);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify({ rows: chunk.rows }))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
  });

  it('counts multi-byte characters by their UTF-8 size', () => {
    // Names in Javanese script and emoji take 3 and 4 bytes a character: counted as 1, they would overflow a chunk.
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ row: i + 2, values: { name: `${'ꦱꦶꦠꦶ'.repeat(20)}😀${i}` } }));
    for (const chunk of chunksOf(rows)) expect(Buffer.byteLength(JSON.stringify({ rows: chunk.rows }))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
  });

  it('closes a chunk at maxRows too, for routes that take at most so many rows', () => {
    const chunker = new RowChunker<number>({ maxRows: 3 });
    const chunks = Array.from({ length: 7 }, (_, i) => i).flatMap((n) => chunker.add(n) ?? []);
    const last = chunker.flush();
    expect([...chunks, ...(last ? [last] : [])]).toEqual([{ seq: 0, rows: [0, 1, 2] }, { seq: 1, rows: [3, 4, 5] }, { seq: 2, rows: [6] }]);
  });

  it('makes no chunk from no rows', () => {
    expect(chunksOf([])).toEqual([]);
  });
});
