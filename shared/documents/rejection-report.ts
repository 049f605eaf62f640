import type { RejectedRow } from '../api/roster-schemas';
import { ROSTER_FIELDS } from '../core/roster/roster-fields';

/**
 * The rejected-rows report an office fixes and imports again (`npx lindung roster rejections`,
 * the console's download): the roster columns an import recognises, then the reasons, which an
 * import ignores.
 */
export const REJECTION_REPORT_HEADER = ['Baris', 'NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Kelurahan', 'Kecamatan', 'No HP', 'Segmen', 'Kode Alasan', 'Alasan', 'Reason', 'Perbaikan'];

export function rejectionReportRow(row: RejectedRow): string[] {
  return [
    String(row.row),
    ...ROSTER_FIELDS.map((field) => row.values[field] ?? ''),
    row.problems.map((p) => p.reason).join(', '),
    row.problems.map((p) => p.id).join('; '),
    row.problems.map((p) => p.en).join('; '),
    [...new Set(row.problems.map((p) => p.fix))].join(' '),
  ];
}
