import { describe, expect, it } from 'vitest';
import { fromExcelSerial, parseRosterDate } from '../../shared/core/roster/roster-dates';

describe('parseRosterDate', () => {
  it.each([
    ['01/02/1980', '1980-02-01'],
    ['1/2/1980', '1980-02-01'],
    ['01-02-1980', '1980-02-01'],
    ['1-2-1980', '1980-02-01'],
    ['01.02.1980', '1980-02-01'],
    ['31/12/1999', '1999-12-31'],
    ['29/02/1984', '1984-02-29'],
    ['01/02/1980 00:00', '1980-02-01'],
    ['1980-02-01', '1980-02-01'],
    ['1980-2-1', '1980-02-01'],
    ['1980/02/01', '1980-02-01'],
    ['1980-02-01T00:00:00', '1980-02-01'],
    ['1980-02-01 00:00:00', '1980-02-01'],
    ['  1980-02-01 ', '1980-02-01'],
    ['1 Februari 1980', '1980-02-01'],
    ['01 Pebruari 1980', '1980-02-01'],
    ['17 Agustus 1985', '1985-08-17'],
    ['17-Aug-1985', '1985-08-17'],
    ['17 Agt 1985', '1985-08-17'],
    ['5 Mei 1990', '1990-05-05'],
    ['Jakarta, 01-02-1980', '1980-02-01'],
    ['Tangerang Selatan, 17 Agustus 1985', '1985-08-17'],
  ])('reads the text %s as %s', (text, date) => {
    expect(parseRosterDate(text, false)).toBe(date);
  });

  it('reads Excel serial numbers of the 1900 date system', () => {
    expect(parseRosterDate('29221', true)).toBe('1980-01-01');
    expect(parseRosterDate('29221', false)).toBe('1980-01-01'); // a CSV of an unformatted date column
    expect(parseRosterDate('29221.75', true)).toBe('1980-01-01'); // the time of day is dropped
    expect(parseRosterDate('25569', true)).toBe('1970-01-01');
    expect(parseRosterDate('1', true)).toBe('1900-01-01');
    expect(parseRosterDate('59', true)).toBe('1900-02-28');
    expect(parseRosterDate('61', true)).toBe('1900-03-01');
    expect(parseRosterDate('36526', true)).toBe('2000-01-01');
    expect(parseRosterDate('45658', true)).toBe('2025-01-01');
    expect(parseRosterDate('60000', false)).toBe('2064-04-08');
  });

  it("refuses serial 60, Excel's phantom 29 February 1900", () => {
    expect(fromExcelSerial(60)).toBeUndefined();
    expect(parseRosterDate('60', true)).toBeUndefined();
    expect(parseRosterDate('60', false)).toBeUndefined();
  });

  it('does not read a large plain integer in text as a serial', () => {
    expect(parseRosterDate('60001', false)).toBeUndefined();
    expect(parseRosterDate('19800201', false)).toBeUndefined();
    expect(parseRosterDate('0', false)).toBeUndefined();
    expect(parseRosterDate('0', true)).toBeUndefined();
  });

  it.each([
    [''],
    ['   '],
    ['31/02/1980'],
    ['29/02/1983'],
    ['00/01/1980'],
    ['01/13/1980'],
    ['12/31/1980'], // month first is not guessed at
    ['01/02/80'], // a two-digit year's century would be a guess
    ['01/02-1980'],
    ['1980-02-30'],
    ['01/02/0980'],
    ['1 Smarch 1980'],
    ['kemarin'],
    ['1980-02-01 dulu'],
    ['Jakarta'],
  ])('refuses %j', (text) => {
    expect(parseRosterDate(text, false)).toBeUndefined();
  });

  it('refuses non-numbers in a numeric cell', () => {
    expect(parseRosterDate('01/02/1980', true)).toBeUndefined();
    expect(parseRosterDate('-5', true)).toBeUndefined();
  });
});
