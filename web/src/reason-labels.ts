import type { ImportStatusName } from '../../shared/core/roster/import';
import type { RejectionReason } from '../../shared/core/roster/rejection-reasons';
import type { z } from 'zod';
import { type Text, t } from './i18n';

/**
 * Short names of the rejection and warning reasons, for counts (`NIK tidak valid: 3`): the full
 * message of each row comes from the core's catalogue (rejection-reasons.ts). Every reason has
 * one, or the console does not compile.
 */
const REASON_LABELS: Record<RejectionReason, Text> = {
  NIK_MISSING: 'NIK kosong',
  NIK_FORMAT: 'NIK bukan 16 angka',
  NIK_EXCEL_SCIENTIFIC: 'NIK dirusak Excel (3,67E+15)',
  NIK_EXCEL_NUMBER: 'NIK disimpan sebagai angka',
  NIK_REGION: 'kode wilayah NIK tidak dikenal',
  NIK_BIRTH_DATE: 'tanggal lahir dalam NIK tidak valid',
  NIK_SERIAL: 'nomor urut NIK 0000',
  NIK_OUTSIDE_JURISDICTION: 'NIK dari luar wilayah',
  NAME_MISSING: 'nama kosong',
  BIRTH_DATE_FORMAT: 'tanggal lahir tidak terbaca',
  BIRTH_DATE_MISMATCH: 'tanggal lahir beda dengan NIK',
  BIRTH_DATE_IN_FUTURE: 'tanggal lahir di masa depan',
  GENDER_FORMAT: 'jenis kelamin tidak terbaca',
  GENDER_MISMATCH: 'jenis kelamin beda dengan NIK',
  SEGMENT_MISSING: 'segmen kosong',
  SEGMENT_UNKNOWN: 'segmen tidak dikenal',
  AGE_BELOW_MINIMUM: 'di bawah usia minimum',
  AGE_ABOVE_MAXIMUM: 'di atas usia maksimum',
  DUPLICATE_IN_FILE: 'ganda dalam berkas',
  DUPLICATE_LOWER_PRIORITY_SEGMENT: 'sudah di segmen berprioritas lebih tinggi',
  COVERED_BY_OTHER_REGULATION: 'dibiayai pembayar lain',
  COVERED_BY_OTHER_PAYER: 'dibiayai pembayar lain (tanpa tindakan)',
  IDENTITY_CONFLICT: 'identitas berbeda dengan roster',
};

const IMPORT_STATUS_LABELS: Record<z.infer<typeof ImportStatusName>, Text> = {
  receiving: 'menerima berkas',
  processing: 'sedang diperiksa',
  completed: 'selesai',
  failed: 'gagal',
};

/** A reason's short name in the reader's language; a code the console does not know shows as it is. */
export function reasonLabel(reason: string): string {
  const label = (REASON_LABELS as Record<string, Text | undefined>)[reason];
  return label ? t(label) : reason;
}

export function importStatusLabel(status: z.infer<typeof ImportStatusName>): string {
  return t(IMPORT_STATUS_LABELS[status]);
}
