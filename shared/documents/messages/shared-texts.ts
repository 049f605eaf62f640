import type { MonthState } from '../../core/remittance/arrears';
import type { DiscrepancyKind } from '../../core/remittance/insurer-bill';

/**
 * The words the console and the CLI share, Indonesian → English: one catalogue, so that a role
 * or a region is called the same wherever an office reads it. Each side adds its own texts.
 */
export const SHARED_TEXTS = {
  Admin: 'Admin',
  'Keuangan (BPKAD)': 'Finance (BPKAD)',
  Auditor: 'Auditor',
  Peraturan: 'Regulations',
  Wilayah: 'Region',
  orang: 'people',
  segmen: 'segments',
  total: 'total',
  '{n} orang': '{n} people',
  // Table headings
  Bulan: 'Month',
  Segmen: 'Segment',
  Orang: 'People',
  Jumlah: 'Total',
  'Jumlah (Rp)': 'Amount (Rp)',
  'Jatuh tempo': 'Due',
  Keadaan: 'State',
  Dibayar: 'Paid',
  'Tagihan BPJS': 'BPJS bill',
  // A month's remittance state (shared/core/remittance/arrears.ts)
  'Tanpa peserta': 'No one covered',
  Belum: 'Upcoming',
  Lunas: 'Paid',
  Terlambat: 'Late',
  Berisiko: 'At risk',
  Nonaktif: 'Inactive',
  // Kinds of discrepancy between a bill and the ledger (shared/core/remittance/insurer-bill.ts)
  'Ditagih, tidak terdaftar': 'Billed, not enrolled',
  'Terdaftar, tidak ditagih': 'Enrolled, not billed',
  'Jumlah berbeda': 'Amount differs',
  'Ditagih setelah kepesertaan berakhir': 'Billed after cover ended',
  'Ditagih dua kali': 'Billed twice',
} as const;

type SharedText = keyof typeof SHARED_TEXTS;

/** A month's remittance state as the console's badges and the CLI's tables word it. */
export const MONTH_STATE_TEXTS: { readonly [S in MonthState]: SharedText } = {
  none: 'Tanpa peserta',
  upcoming: 'Belum',
  due: 'Jatuh tempo',
  paid: 'Lunas',
  late: 'Terlambat',
  'at-risk': 'Berisiko',
  inactive: 'Nonaktif',
};

/** A kind of discrepancy between a bill and the ledger, in words. */
export const DISCREPANCY_TEXTS: { readonly [K in DiscrepancyKind]: SharedText } = {
  'not-enrolled': 'Ditagih, tidak terdaftar',
  'not-billed': 'Terdaftar, tidak ditagih',
  'amount-differs': 'Jumlah berbeda',
  'billed-after-cover-ended': 'Ditagih setelah kepesertaan berakhir',
  'billed-twice': 'Ditagih dua kali',
};
