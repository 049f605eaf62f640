import { describe, expect, it } from 'vitest';
import { NIK_BUCKETS, nikBucket } from '../../shared/core/people/nik-bucket';
import { SeenNiks } from '../../shared/core/roster/seen-niks';

const nik = (i: number) => `367401${String(10 + (i % 28)).padStart(2, '0')}0${1 + (i % 9)}8${i % 10}${String(i % 10_000).padStart(4, '0')}`;

describe('NIK buckets', () => {
  it('spreads similar NIKs evenly over the buckets', () => {
    const counts = new Array<number>(NIK_BUCKETS).fill(0);
    for (let i = 0; i < 64_000; i++) counts[nikBucket(nik(i))]! += 1;
    const expected = 64_000 / NIK_BUCKETS;
    for (const count of counts) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });

  it('ignores the spaces, dots and dashes an office types', () => {
    expect(nikBucket('3674 0110 0190 0001')).toBe(nikBucket('3674011001900001'));
    expect(nikBucket('3674.0110.0190.0001')).toBe(nikBucket('3674-0110-0190-0001'));
  });
});

describe('SeenNiks', () => {
  it('never forgets a NIK it was given, and rarely claims one it was not', () => {
    const seen = new SeenNiks();
    for (let i = 0; i < 50_000; i++) seen.add(nik(i));
    for (let i = 0; i < 50_000; i++) expect(seen.mightContain(nik(i))).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 50_000; i++) if (seen.mightContain(`9999${String(i).padStart(12, '0')}`)) falsePositives += 1;
    expect(falsePositives / 50_000).toBeLessThan(0.01);
  });
});
