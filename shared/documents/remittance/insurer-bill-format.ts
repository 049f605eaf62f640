import type { BillHeader, BillLine } from '../../core/remittance/insurer-bill';
import { normaliseHeader } from '../roster-file/roster-columns';

/**
 * The layout of the insurer's bill as a spreadsheet (CSV or the first sheet of an XLSX), shared
 * by the reader and the writer:
 *
 *   Kode Iuran     | 12345678901
 *   Bulan          | 2027-01            (or "Januari 2027")
 *   Jumlah Peserta | 12928
 *   Jumlah Iuran   | 217190400          (or "Rp217.190.400")
 *   (other keys, such as Wadah, Nomor Wadah or Tanggal Tagihan, are ignored)
 *   KPJ | NIK | Nama | Segmen | Bulan | Iuran      ← the column header row: the first with NIK and KPJ
 *   one row per person billed
 *
 * Keys and column titles are matched as roster headers are (normaliseHeader: no case, spaces,
 * punctuation or bracketed notes), in Indonesian or English. Columns may come in any order, and
 * columns not listed here (a "No." counter) are ignored.
 */

export type BillHeaderKey = keyof BillHeader;
export type BillColumn = Exclude<keyof BillLine, 'line'>;

export interface BillField {
  /** How Lindung writes it. */
  readonly label: string;
  /** Spellings read, normalised. */
  readonly aliases: readonly string[];
}

export const BILL_HEADER_KEYS: { readonly [K in BillHeaderKey]: BillField } = {
  kodeIuran: { label: 'Kode Iuran', aliases: ['kodeiuran', 'paymentcode'] },
  month: { label: 'Bulan', aliases: ['bulan', 'bulaniuran', 'periode', 'month', 'period'] },
  controlCount: { label: 'Jumlah Peserta', aliases: ['jumlahpeserta', 'totalpeserta', 'people', 'numberofpeople', 'headcount'] },
  controlTotal: { label: 'Jumlah Iuran', aliases: ['jumlahiuran', 'totaliuran', 'total', 'totalamount'] },
};

/** In the order Lindung writes them. */
export const BILL_COLUMNS: { readonly [C in BillColumn]: BillField } = {
  kpj: { label: 'KPJ', aliases: ['kpj', 'nokpj', 'nomorkpj'] },
  nik: { label: 'NIK', aliases: ['nik'] },
  name: { label: 'Nama', aliases: ['nama', 'namapeserta', 'name'] },
  segment: { label: 'Segmen', aliases: ['segmen', 'program', 'segment'] },
  month: { label: 'Bulan', aliases: ['bulan', 'bulaniuran', 'month'] },
  amount: { label: 'Iuran', aliases: ['iuran', 'amount'] },
};

export const BILL_COLUMN_ORDER = Object.keys(BILL_COLUMNS) as BillColumn[];

const HEADER_KEY_BY_ALIAS = aliasMap(BILL_HEADER_KEYS);
const COLUMN_BY_ALIAS = aliasMap(BILL_COLUMNS);

/** The header key a cell of column A names, if any. */
export function billHeaderKeyOf(text: string): BillHeaderKey | undefined {
  return HEADER_KEY_BY_ALIAS.get(normaliseHeader(text));
}

/** The bill column a column title names, if any. */
export function billColumnOf(text: string): BillColumn | undefined {
  return COLUMN_BY_ALIAS.get(normaliseHeader(text));
}

function aliasMap<K extends string>(fields: { readonly [F in K]: BillField }): ReadonlyMap<string, K> {
  return new Map((Object.entries(fields) as [K, BillField][]).flatMap(([key, field]) => field.aliases.map((alias) => [alias, key] as const)));
}
