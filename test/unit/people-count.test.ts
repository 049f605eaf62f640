import { describe, expect, it } from 'vitest';
import { formatCount, formatPeople } from '../../shared/core/people/people-count';

describe('people counts', () => {
  it('group thousands with dots, as amounts do', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1_000)).toBe('1.000');
    expect(formatCount(13_124)).toBe('13.124');
    expect(formatCount(1_234_567)).toBe('1.234.567');
    expect(formatPeople(13_124)).toBe('13.124 orang');
  });
});
