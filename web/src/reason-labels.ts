import { MONTH_STATE_TEXTS } from '../../shared/documents/messages/shared-texts';
import type { EnrollmentFailureReason } from '../../shared/core/enrollment/enroll-shard';
import type { INSURER_REJECTED_REQUEST, INSURER_THROTTLED, INSURER_UNAVAILABLE } from '../../shared/core/enrollment/insurer-errors';
import type { MonthState } from '../../shared/core/remittance/arrears';
import type { BillStatus, DiscrepancyKind } from '../../shared/core/remittance/insurer-bill';
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

/** A reason's name and what the office does next. */
interface Explained {
  readonly label: Text;
  readonly next: Text;
}

/**
 * Why an enrollment run did not cover a person (enroll-shard.ts), and what to do about it. Every
 * reason the run records has one, or the console does not compile.
 */
const ENROLLMENT_FAILURES: Record<EnrollmentFailureReason, Explained> = {
  REGISTERED_ELSEWHERE: {
    label: 'sudah terdaftar di wadah lain',
    next: 'Tanyakan ke cabang BPJS siapa yang membiayai orang ini; bila tidak ada yang membiayai, minta cabang melepasnya, lalu ulangi yang gagal.',
  },
  INVALID_DATA: {
    label: 'data ditolak BPJS',
    next: 'Cocokkan NIK, nama dan tanggal lahir dengan KTP, perbaiki lewat impor roster, lalu ulangi yang gagal.',
  },
  REFUSED_BY_BRANCH: {
    label: 'ditolak cabang BPJS',
    next: 'Baca alasan cabang di berkas jawaban, selesaikan bersama cabang, lalu ulangi yang gagal.',
  },
  AWAITING_BRANCH: {
    label: 'belum dijawab cabang BPJS',
    next: 'Impor berkas jawaban (daftar KPJ) dari cabang BPJS, lalu ulangi yang gagal.',
  },
  BUDGET_EXHAUSTED: {
    label: 'anggaran disetujui sudah habis',
    next: 'Mengulang tidak membantu: ajukan anggaran tambahan (APBD-Perubahan) untuk orang ini.',
  },
};

/** A failure reason's name in the reader's language; a code the console does not know shows as it is. */
export function enrollmentFailureLabel(reason: string): string {
  const explained = (ENROLLMENT_FAILURES as Record<string, Explained | undefined>)[reason];
  return explained ? t(explained.label) : reason;
}

/** What to do about people who failed for this reason; nothing for a code the console does not know. */
export function enrollmentFailureNext(reason: string): string {
  const explained = (ENROLLMENT_FAILURES as Record<string, Explained | undefined>)[reason];
  return explained ? t(explained.next) : '';
}

type InsurerErrorName = typeof INSURER_THROTTLED | typeof INSURER_UNAVAILABLE | typeof INSURER_REJECTED_REQUEST;

/**
 * Why a whole attempt of a run stopped (its `failure` starts with the error's name,
 * failure-cause.ts), and what to do. Any other error is a fault in Lindung itself.
 */
const RUN_FAILURES: Record<InsurerErrorName, Explained> = {
  InsurerThrottledError: {
    label: 'BPJS membatasi permintaan terlalu lama',
    next: 'Tunggu beberapa menit, lalu ulangi percobaan ini; yang sudah terdaftar tidak didaftarkan dua kali.',
  },
  InsurerUnavailableError: {
    label: 'layanan BPJS tidak dapat dihubungi (gangguan atau waktu habis)',
    next: 'Ulangi percobaan ini setelah layanan BPJS pulih; yang sudah terdaftar tidak didaftarkan dua kali.',
  },
  InsurerRejectedRequestError: {
    label: 'BPJS menolak permintaan pendaftaran',
    next: 'Mengulang akan gagal dengan cara yang sama: hubungi admin Lindung dengan rincian di bawah.',
  },
};

/** The headline and next step of a failed attempt, from the error name its failure starts with. */
export function runFailureExplained(failure: string): { label: string; next: string } {
  const name = /^([A-Za-z.]+):/.exec(failure)?.[1] ?? '';
  const explained = (RUN_FAILURES as Record<string, Explained | undefined>)[name];
  return explained
    ? { label: t(explained.label), next: t(explained.next) }
    : { label: t('kesalahan sistem Lindung'), next: t('Ulangi percobaan ini; bila gagal lagi, hubungi admin Lindung dengan rincian di bawah.') };
}

/** A month's remittance state, as its badge reads (docs/console.md): the words the CLI uses too. */
export const MONTH_STATE_LABELS: Record<MonthState, Text> = MONTH_STATE_TEXTS;

export const BILL_STATUS_LABELS: Record<BillStatus, Text> = {
  receiving: 'Menerima baris',
  reconciling: 'Sedang direkonsiliasi',
  reconciled: 'Direkonsiliasi',
  accepted: 'Diterima',
  failed: 'Gagal',
  refused: 'Ditolak (tidak sesuai kontrol)',
  withdrawn: 'Ditarik',
};

/** A reconciliation's kinds of discrepancy (reconcile-person.ts), and what finance does about each. */
const DISCREPANCIES: Record<DiscrepancyKind, Explained> = {
  'not-enrolled': { label: 'Ditagih, tidak terdaftar', next: 'Sanggah baris ini: Lindung tidak mendaftarkan orang ini untuk bulan itu.' },
  'not-billed': { label: 'Terdaftar, tidak ditagih', next: 'Tanyakan ke cabang BPJS mengapa orang yang terdaftar ini tidak ditagih.' },
  'amount-differs': { label: 'Jumlah berbeda', next: 'Bandingkan dengan tarif yang berlaku; sanggah bila tagihan salah.' },
  'billed-after-cover-ended': { label: 'Ditagih setelah kepesertaan berakhir', next: 'Sanggah baris ini: kepesertaan sudah berakhir (meninggal atau keluar).' },
  'billed-twice': { label: 'Ditagih dua kali', next: 'Sanggah baris yang berlebih.' },
};

export const DISCREPANCY_KINDS = Object.keys(DISCREPANCIES) as DiscrepancyKind[];

export function discrepancyLabel(kind: DiscrepancyKind): string {
  return t(DISCREPANCIES[kind].label);
}

export function discrepancyNext(kind: DiscrepancyKind): string {
  return t(DISCREPANCIES[kind].next);
}
