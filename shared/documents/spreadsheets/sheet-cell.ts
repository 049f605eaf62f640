/**
 * A cell a RowWriter writes. Text stays text even when it looks like a number (a NIK, a KPJ, a
 * kode iuran, an account code such as `5.1.02.01.01.0004`): a spreadsheet would drop its leading
 * zeros or its last digits. A figure someone adds up (a headcount, an amount) is a number, so
 * that SUM works on it; a date the office wrote as a date stays a date.
 */
export type SheetCell = string | number | RupiahCell | DateCell;

/** An amount of whole rupiah: a number formatted as money. */
export interface RupiahCell {
  readonly rupiah: number;
}

/** A calendar date, `YYYY-MM-DD`. */
export interface DateCell {
  readonly date: string;
}

export function rupiahCell(amount: number): RupiahCell {
  return { rupiah: amount };
}

export function dateCell(isoDate: string): DateCell {
  return { date: isoDate };
}

/**
 * The cell as CSV text, which has no types: numbers as plain digits (no thousands separators, so
 * Excel in any locale reads them as numbers), dates as `YYYY-MM-DD`, which no locale reads the
 * wrong way round.
 */
export function cellText(cell: SheetCell): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return 'rupiah' in cell ? String(cell.rupiah) : cell.date;
}
