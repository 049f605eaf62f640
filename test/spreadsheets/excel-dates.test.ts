import { describe, expect, it } from 'vitest';
import { excelSerialToIsoDate } from '../../shared/lib/excel-date';
import { isDateFormatCode } from '../../shared/documents/spreadsheets/xlsx-date-styles';

describe('Excel date serials', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'], // the day that never was, shown by Excel all the same
    [61, '1900-03-01'],
    [29252, '1980-02-01'],
    [29252.999, '1980-02-01'],
    [29252.999999999996, '1980-02-02'], // a whole day, short by float error
    [45658, '2025-01-01'],
    [2958465, '9999-12-31'],
  ])('1900 system: %s is %s', (serial, date) => {
    expect(excelSerialToIsoDate(serial, false)).toBe(date);
  });

  it.each([
    [0, '1904-01-01'],
    [27790, '1980-02-01'],
  ])('1904 system: %s is %s', (serial, date) => {
    expect(excelSerialToIsoDate(serial, true)).toBe(date);
  });

  it('has no date for serials Excel cannot show as one', () => {
    expect([0, -1, 0.5, 2958466, Number.NaN].map((serial) => excelSerialToIsoDate(serial, false))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(excelSerialToIsoDate(-1, true)).toBeUndefined();
  });
});

describe('date number formats', () => {
  it.each(['dd/mm/yyyy', 'd-mmm-yy', 'yyyy\\-mm\\-dd', '[$-421]dd mmmm yyyy', 'mmm-yy', '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', 'dd/mm/yyyy;@', 'h:mm'])(
    '%s is a date',
    (code) => expect(isDateFormatCode(code)).toBe(true),
  );

  it.each(['General', 'Standard', '0', '0.00', '#,##0', '"Rp"#,##0', '[Red]#,##0;[Blue]-#,##0', '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', '@', '0.00E+00', '"day" 0'])(
    '%s is not a date',
    (code) => expect(isDateFormatCode(code)).toBe(false),
  );
});
