import { describe, expect, it } from 'vitest';
import { formatDateIn, formatDateTimeIn, formatMonthIn } from '../../shared/core/calendar/indonesian-dates';

describe('dates in the reader’s language', () => {
  it('spells months in Bahasa Indonesia, or in English for a reader who chose it, in Jakarta time either way', () => {
    expect(formatDateIn('id', '2027-08-17')).toBe('17 Agustus 2027');
    expect(formatDateIn('en', '2027-08-17')).toBe('17 August 2027');
    expect(formatDateTimeIn('id', '2026-12-31T17:30:00Z')).toBe('1 Januari 2027 pukul 00.30 WIB');
    expect(formatDateTimeIn('en', '2026-12-31T17:30:00Z')).toBe('1 January 2027 at 00.30 WIB');
    expect(formatDateTimeIn('en', '2027-05-01')).toBe('1 May 2027');
    expect(formatMonthIn('id', '2027-07')).toBe('Juli 2027');
    expect(formatMonthIn('en', '2027-07')).toBe('July 2027');
  });
});
