import { z } from 'zod';
import type { IsoDate } from '../calendar/calendar';
import type { NikRejection } from '../people/nik';
import { maskPersonalData } from '../people/personal-data';
import { RosterField } from './raw-roster-row';

/**
 * Why a roster row is not enrolled, or is enrolled with a warning: one catalogue for the row
 * checks (check-row.ts), the residency rule (residency.ts) and the import's deduplication (the
 * DUPLICATE_*, COVERED_BY_* and IDENTITY_CONFLICT codes), so that every problem an office reads
 * has a message in Bahasa Indonesia and English and says what to do about it.
 *
 * Parameters carry codes, counts, ages and dates of coverage, never a row's personal data
 * (name, NIK, birth date; a segment cell is echoed, shortened; a NIK only masked): the rejection
 * report repeats the office's own row next to the reason. The one exception is IDENTITY_CONFLICT,
 * which must name the person already on the roster so that the office can tell the two rows
 * apart: it is stored with the import's rejections, which only admins read (as the rows
 * themselves), and never logged. describeRejection() masks any NIK-shaped number all the same.
 */
export const RejectionReason = z.enum([
  'NIK_MISSING',
  'NIK_FORMAT',
  'NIK_EXCEL_SCIENTIFIC',
  'NIK_EXCEL_NUMBER',
  'NIK_REGION',
  'NIK_BIRTH_DATE',
  'NIK_SERIAL',
  'NIK_OUTSIDE_JURISDICTION',
  'NAME_MISSING',
  'BIRTH_DATE_FORMAT',
  'BIRTH_DATE_MISMATCH',
  'BIRTH_DATE_IN_FUTURE',
  'GENDER_FORMAT',
  'GENDER_MISMATCH',
  'SEGMENT_MISSING',
  'SEGMENT_UNKNOWN',
  'AGE_BELOW_MINIMUM',
  'AGE_ABOVE_MAXIMUM',
  'DUPLICATE_IN_FILE',
  'DUPLICATE_LOWER_PRIORITY_SEGMENT',
  'COVERED_BY_OTHER_REGULATION',
  'COVERED_BY_OTHER_PAYER',
  'IDENTITY_CONFLICT',
]);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** Every reason parseNik gives is in this catalogue (a compile-time check). */
const nikReasonsAreCatalogued: readonly RejectionReason[] = [] as NikRejection[];
void nikReasonsAreCatalogued;

type NoParams = Readonly<Record<never, never>>;

/** The other payer of a person: its Kemendagri region code and name, and its regulation type (Perwal, Pergub, ...). */
type OtherPayerParams = { readonly otherRegion: string; readonly otherRegionName?: string; readonly otherType: string };

type AgeParams = {
  readonly age: number;
  readonly minAge: number;
  readonly maxAge: number;
  /** The date the age is counted on: the coverage start. */
  readonly on: IsoDate;
  /** Segment code. */
  readonly segment: string;
};

/** The parameters each reason's message takes. */
export interface RejectionParamsByReason {
  NIK_MISSING: NoParams;
  /** `length`: characters left after removing spaces, dots and dashes; `digits`: how many of them are digits. */
  NIK_FORMAT: { readonly length: number; readonly digits: number };
  /** `value`: the damaged cell as written, e.g. `3.67401E+15` (not a NIK any more). */
  NIK_EXCEL_SCIENTIFIC: { readonly value: string };
  NIK_EXCEL_NUMBER: NoParams;
  /** `regionCode`: the first four digits. */
  NIK_REGION: { readonly regionCode: string };
  NIK_BIRTH_DATE: NoParams;
  NIK_SERIAL: NoParams;
  /**
   * The NIK's region is outside the regulation's jurisdiction: a rejection under
   * `residency: require`, a warning under `warn` (`policy`). `nik` is masked; `region` and
   * `jurisdictionName` are the official names of `regionCode` and `jurisdiction`.
   */
  NIK_OUTSIDE_JURISDICTION: {
    readonly nik: string;
    readonly regionCode: string;
    readonly region: string;
    readonly jurisdiction: string;
    readonly jurisdictionName: string;
    readonly policy: 'warn' | 'require';
  };
  NAME_MISSING: NoParams;
  BIRTH_DATE_FORMAT: NoParams;
  BIRTH_DATE_MISMATCH: NoParams;
  /** The birth date is after `on`, the coverage start: there is no age to check against a segment. */
  BIRTH_DATE_IN_FUTURE: { readonly on: IsoDate };
  GENDER_FORMAT: NoParams;
  GENDER_MISMATCH: NoParams;
  /** `validCodes`: the regulation's segment codes, joined with ", ". */
  SEGMENT_MISSING: { readonly validCodes: string };
  /**
   * `value`: the row's segment cell (shortened). `expected`: the segment the whole file was
   * imported for (`--segment`) when the cell contradicts it.
   */
  SEGMENT_UNKNOWN: { readonly value: string; readonly validCodes: string; readonly expected?: string };
  AGE_BELOW_MINIMUM: AgeParams;
  AGE_ABOVE_MAXIMUM: AgeParams;
  // The four below are decided by the import's deduplication (dedupe-decision.ts), which names
  // what was kept: `keptRow` (0 or absent when unknown), `keptSegment`, `keptRegulation`.
  /** The row of the same file that keeps the NIK. */
  DUPLICATE_IN_FILE: { readonly keptRow: number; readonly keptSegment?: string; readonly keptRegulation?: string };
  /** The person is enrolled once, in `keptSegment` (higher priority). */
  DUPLICATE_LOWER_PRIORITY_SEGMENT: { readonly keptSegment: string; readonly keptRow?: number; readonly keptRegulation?: string };
  /**
   * The person is already covered for the year by another payer (e.g. the province), named only
   * by its region and regulation type (other-payer.ts): the office must remove the row.
   */
  COVERED_BY_OTHER_REGULATION: OtherPayerParams;
  /** The same, under a regulation whose policy is `warn`: the person is left out, and nothing needs doing. */
  COVERED_BY_OTHER_PAYER: OtherPayerParams;
  /**
   * The NIK is on the roster, or on another row of the same file, with another name or birth
   * date: `keptName` and `keptBirthDate` are that entry's, `keptImport` the earlier import that
   * wrote it (absent for a row of the same file).
   */
  IDENTITY_CONFLICT: {
    readonly keptRow: number;
    readonly keptName: string;
    readonly keptBirthDate: string;
    readonly keptImport?: string;
    readonly keptSegment?: string;
    readonly keptRegulation?: string;
  };
}

export type RejectionParams<R extends RejectionReason = RejectionReason> = RejectionParamsByReason[R];

/** One problem of one row: the reason, the roster field it concerns and the message parameters. */
export type RowProblem = {
  [R in RejectionReason]: { readonly reason: R; readonly field: RosterField; readonly params: RejectionParamsByReason[R] };
}[RejectionReason];

/** The JSON shape of a RowProblem (API payloads, stored rejections): flat string/number params. */
export const RowProblemSchema = z.object({
  reason: RejectionReason,
  field: RosterField,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A problem as stored or sent: the reason may come from an older catalogue, params are loose. */
export interface LooseRowProblem {
  readonly reason: string;
  readonly field?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type Language = 'id' | 'en';

export interface RejectionText<R extends RejectionReason> {
  /** The message in Bahasa Indonesia. */
  readonly id: (params: RejectionParamsByReason[R]) => string;
  /** The message in English. */
  readonly en: (params: RejectionParamsByReason[R]) => string;
  /** What the office should do, in Bahasa Indonesia. */
  readonly fix: string;
  /** What the office should do, in English. */
  readonly fixEn: string;
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-01-01` → `1 Januari 2026` / `1 January 2026`; anything else as is. */
function longDate(date: string, language: Language): string {
  const [year, month, day] = String(date).split('-');
  const name = (language === 'id' ? MONTHS_ID : MONTHS_EN)[Number(month) - 1];
  return year && name && day ? `${Number(day)} ${name} ${year}` : String(date);
}

const EXCEL_FIX =
  'Format kolom NIK sebagai Teks (Format Cells → Text) sebelum mengisi, lalu ketik ulang NIK dari sumbernya (KTP/KK); ' +
  'angka yang sudah rusak tidak bisa diperbaiki dengan mengubah format saja.';
const EXCEL_FIX_EN =
  'Format the NIK column as Text (Format Cells → Text) first, then re-enter the NIK from its source (KTP/KK); ' +
  'changing the format alone cannot bring the lost digits back.';

export const REJECTIONS: { readonly [R in RejectionReason]: RejectionText<R> } = {
  NIK_MISSING: {
    id: () => 'NIK kosong.',
    en: () => 'The NIK is empty.',
    fix: 'Isi NIK 16 digit sesuai KTP/KK.',
    fixEn: 'Fill in the 16-digit NIK from the KTP/KK.',
  },
  NIK_FORMAT: {
    id: (p) =>
      `NIK harus tepat 16 angka; yang tertulis ${p.length} karakter${p.digits !== p.length ? ', termasuk huruf atau tanda selain angka' : ''}.`,
    en: (p) => `A NIK is exactly 16 digits; this one has ${p.length} characters${p.digits !== p.length ? ', including letters or other signs' : ''}.`,
    fix: 'Periksa NIK pada KTP/KK dan tulis ulang 16 angkanya tanpa huruf atau tanda lain.',
    fixEn: 'Check the NIK on the KTP/KK and write its 16 digits again, without letters or other signs.',
  },
  NIK_EXCEL_SCIENTIFIC: {
    id: (p) =>
      `NIK telah diubah Excel menjadi notasi ilmiah (${p.value}); digit terakhirnya sudah hilang. ` +
      'Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP/KK.',
    en: (p) =>
      `Excel turned the NIK into scientific notation (${p.value}); its last digits are lost. ` +
      'Format the NIK column as Text and re-enter the NIK from the KTP/KK.',
    fix: EXCEL_FIX,
    fixEn: EXCEL_FIX_EN,
  },
  NIK_EXCEL_NUMBER: {
    id: () =>
      'NIK tersimpan sebagai angka di Excel, yang hanya menyimpan 15 digit: digit ke-16 sudah berubah menjadi 0 dan NIK tidak bisa dipercaya. ' +
      'Format kolom NIK sebagai Teks, lalu ketik ulang NIK dari KTP/KK.',
    en: () =>
      'The NIK was stored as a number in Excel, which keeps only 15 significant digits: the 16th has become 0 and the NIK cannot be trusted. ' +
      'Format the NIK column as Text and re-enter the NIK from the KTP/KK.',
    fix: EXCEL_FIX,
    fixEn: EXCEL_FIX_EN,
  },
  NIK_REGION: {
    id: (p) => `4 digit pertama NIK (${p.regionCode}) bukan kode provinsi dan kabupaten/kota Kemendagri.`,
    en: (p) => `The first four digits of the NIK (${p.regionCode}) are not a Kemendagri province and regency/city code.`,
    fix:
      'Periksa NIK pada KTP/KK; kemungkinan salah ketik. Jika NIK sudah sesuai KTP, laporkan kode wilayahnya ke admin Lindung ' +
      '(kode wilayah lama yang sudah dimekarkan mungkin belum terdaftar).',
    fixEn:
      'Check the NIK on the KTP/KK; it is probably mistyped. If it matches the KTP, report the region code to the Lindung ' +
      'administrator (old codes of regions that were later split may be missing).',
  },
  NIK_BIRTH_DATE: {
    id: () => 'Digit ke-7 sampai ke-12 NIK (tanggal lahir DDMMYY, tanggal +40 untuk perempuan) bukan tanggal yang valid.',
    en: () => 'Digits 7 to 12 of the NIK (the birth date DDMMYY, day +40 for women) are not a valid date.',
    fix: 'Periksa NIK pada KTP/KK; kemungkinan salah ketik.',
    fixEn: 'Check the NIK on the KTP/KK; it is probably mistyped.',
  },
  NIK_SERIAL: {
    id: () => '4 digit terakhir NIK (nomor urut) tidak boleh 0000.',
    en: () => 'The last four digits of the NIK (the serial number) cannot be 0000.',
    fix: 'Periksa NIK pada KTP/KK; kemungkinan salah ketik atau digit terakhir hilang karena Excel.',
    fixEn: 'Check the NIK on the KTP/KK; it is probably mistyped, or Excel dropped its last digits.',
  },
  NIK_OUTSIDE_JURISDICTION: {
    id: (p) =>
      `NIK ${p.nik} terdaftar di ${p.region} (${p.regionCode}), di luar wilayah peraturan ini (${p.jurisdictionName}, ${p.jurisdiction}). ` +
      (p.policy === 'require'
        ? 'Peraturan ini hanya untuk penduduk wilayahnya, jadi baris ini ditolak.'
        : 'Baris ini tetap diterima; pastikan orang ini memang berhak.'),
    en: (p) =>
      `NIK ${p.nik} is registered in ${p.region} (${p.regionCode}), outside this regulation's jurisdiction (${p.jurisdictionName}, ${p.jurisdiction}). ` +
      (p.policy === 'require'
        ? 'This regulation covers residents of its region only, so the row is rejected.'
        : 'The row is accepted all the same; make sure the person is entitled.'),
    fix:
      'Periksa NIK pada KTP/KK; kemungkinan salah ketik. Jika NIK benar, orang ini terdaftar di luar wilayah: ' +
      'pastikan peraturan memang menanggungnya (mis. bekerja di wilayah ini), atau keluarkan dari daftar.',
    fixEn:
      'Check the NIK on the KTP/KK; it may be mistyped. If it is right, the person was registered outside the region: ' +
      'make sure the regulation covers them (e.g. they work in the region), or remove them from the roster.',
  },
  NAME_MISSING: {
    id: () => 'Nama kosong.',
    en: () => 'The name is empty.',
    fix: 'Isi nama lengkap sesuai KTP.',
    fixEn: 'Fill in the full name as on the KTP.',
  },
  BIRTH_DATE_FORMAT: {
    id: () => 'Tanggal lahir tidak terbaca sebagai tanggal yang valid.',
    en: () => 'The birth date cannot be read as a valid date.',
    fix: 'Tulis tanggal lahir sebagai HH/BB/TTTT (mis. 01/02/1980) atau TTTT-BB-HH, dengan tahun 4 digit, atau kosongkan kolomnya (tanggal lahir diambil dari NIK).',
    fixEn: 'Write the birth date as DD/MM/YYYY (e.g. 01/02/1980) or YYYY-MM-DD with a 4-digit year, or leave it empty (it is then taken from the NIK).',
  },
  BIRTH_DATE_MISMATCH: {
    id: () => 'Tanggal lahir tidak sama dengan tanggal lahir dalam NIK (digit ke-7 sampai ke-12; tanggal +40 untuk perempuan).',
    en: () => 'The birth date differs from the one in the NIK (digits 7 to 12; day +40 for women).',
    fix: 'Periksa NIK dan tanggal lahir pada KTP/KK, lalu perbaiki yang salah ketik.',
    fixEn: 'Check the NIK and the birth date on the KTP/KK and correct whichever is mistyped.',
  },
  BIRTH_DATE_IN_FUTURE: {
    id: (p) => `Tanggal lahir di masa depan: sesudah awal pertanggungan, ${longDate(p.on, 'id')}.`,
    en: (p) => `The birth date is in the future: after cover starts, on ${longDate(p.on, 'en')}.`,
    fix: 'Periksa tahun lahir pada KTP/KK dan tulis 4 digitnya (mis. 1962, bukan 2062), atau kosongkan kolomnya (tanggal lahir diambil dari NIK).',
    fixEn: 'Check the year of birth on the KTP/KK and write its 4 digits (e.g. 1962, not 2062), or leave the column empty (the birth date is then taken from the NIK).',
  },
  GENDER_FORMAT: {
    id: () => 'Jenis kelamin tidak dikenali.',
    en: () => 'The gender is not recognised.',
    fix: 'Tulis L (laki-laki) atau P (perempuan), atau kosongkan kolomnya (jenis kelamin diambil dari NIK).',
    fixEn: 'Write L (male) or P (female), or leave it empty (it is then taken from the NIK).',
  },
  GENDER_MISMATCH: {
    id: () => 'Jenis kelamin tidak sesuai dengan NIK (pada NIK perempuan, tanggal lahir ditambah 40).',
    en: () => "The gender does not match the NIK (a woman's NIK has 40 added to the birth day).",
    fix: 'Periksa NIK dan jenis kelamin pada KTP/KK, lalu perbaiki yang salah ketik.',
    fixEn: 'Check the NIK and the gender on the KTP/KK and correct whichever is mistyped.',
  },
  SEGMENT_MISSING: {
    id: (p) => `Segmen peserta tidak diisi. Segmen yang berlaku: ${p.validCodes}.`,
    en: (p) => `The segment is missing. Valid segments: ${p.validCodes}.`,
    fix: 'Isi kolom segmen dengan kode atau nama segmen dari peraturan, atau impor satu file per segmen dengan --segment.',
    fixEn: "Fill in the segment column with a segment code or name from the regulation, or import one file per segment with --segment.",
  },
  SEGMENT_UNKNOWN: {
    id: (p) =>
      p.expected
        ? `Segmen "${p.value}" pada baris ini berbeda dengan segmen file ini (${p.expected}).`
        : `Segmen "${p.value}" tidak ada dalam peraturan. Segmen yang berlaku: ${p.validCodes}.`,
    en: (p) =>
      p.expected
        ? `The row's segment "${p.value}" differs from the segment this file is imported for (${p.expected}).`
        : `Segment "${p.value}" is not in the regulation. Valid segments: ${p.validCodes}.`,
    fix: 'Gunakan kode atau nama segmen dari peraturan. Jika file diimpor dengan --segment, pindahkan baris ini ke file segmennya atau kosongkan kolom segmen.',
    fixEn: "Use a segment code or name from the regulation. If the file is imported with --segment, move this row to its segment's file or clear its segment cell.",
  },
  AGE_BELOW_MINIMUM: {
    id: (p) =>
      `Umur ${p.age} tahun pada ${longDate(p.on, 'id')} di bawah batas segmen ${p.segment} (${p.minAge}–${p.maxAge} tahun).`,
    en: (p) => `Aged ${p.age} on ${longDate(p.on, 'en')}, below the ${p.segment} segment's range (${p.minAge}–${p.maxAge}).`,
    fix: 'Peserta belum memenuhi syarat umur; keluarkan dari daftar, atau periksa tanggal lahir dan NIK pada KTP/KK bila salah ketik.',
    fixEn: 'The person is not yet eligible; remove them from the roster, or check the birth date and NIK on the KTP/KK if mistyped.',
  },
  AGE_ABOVE_MAXIMUM: {
    id: (p) =>
      `Umur ${p.age} tahun pada ${longDate(p.on, 'id')} di atas batas segmen ${p.segment} (${p.minAge}–${p.maxAge} tahun).`,
    en: (p) => `Aged ${p.age} on ${longDate(p.on, 'en')}, above the ${p.segment} segment's range (${p.minAge}–${p.maxAge}).`,
    fix: 'Peserta melewati batas umur; keluarkan dari daftar, atau periksa tanggal lahir dan NIK pada KTP/KK bila salah ketik.',
    fixEn: 'The person is past the age limit; remove them from the roster, or check the birth date and NIK on the KTP/KK if mistyped.',
  },
  DUPLICATE_IN_FILE: {
    id: (p) => `NIK ini sudah ada di baris ${p.keptRow} file yang sama; baris itu yang dipakai.`,
    en: (p) => `This NIK already appears in row ${p.keptRow} of the same file, which is the one kept.`,
    fix: 'Hapus baris ganda. Jika dua orang berbeda tercatat dengan NIK yang sama, periksa NIK keduanya pada KTP/KK.',
    fixEn: 'Delete the repeated row. If two different people share the NIK, check both NIKs on their KTP/KK.',
  },
  DUPLICATE_LOWER_PRIORITY_SEGMENT: {
    id: (p) =>
      `Orang ini juga terdaftar di segmen ${p.keptSegment}${p.keptRow ? ` (baris ${p.keptRow})` : ''} yang prioritasnya lebih tinggi; ` +
      'ia dilindungi satu kali, di segmen itu.',
    en: (p) =>
      `This person is also listed in the higher-priority segment ${p.keptSegment}${p.keptRow ? ` (row ${p.keptRow})` : ''}; ` +
      'they are covered once, in that segment.',
    fix: 'Tidak perlu tindakan jika orang ini memang memegang dua peran. Jika tidak, periksa NIK pada KTP/KK.',
    fixEn: 'Nothing to do if the person really holds both roles. Otherwise check the NIK on the KTP/KK.',
  },
  COVERED_BY_OTHER_REGULATION: {
    id: (p) => `Orang ini sudah dilindungi untuk tahun yang sama oleh pembayar lain: ${otherPayerOf(p)}.`,
    en: (p) => `This person is already covered for the same year by another payer: ${otherPayerOf(p)}.`,
    fix: 'Keluarkan dari daftar: satu NIK tidak boleh dilindungi dua kali untuk program dan periode yang sama.',
    fixEn: 'Remove the person from the roster: one NIK must not be covered twice for the same program and period.',
  },
  COVERED_BY_OTHER_PAYER: {
    id: (p) => `Orang ini sudah dilindungi untuk tahun yang sama oleh pembayar lain (${otherPayerOf(p)}), jadi tidak ditambahkan ke daftar ini.`,
    en: (p) => `This person is already covered for the same year by another payer (${otherPayerOf(p)}), so they are not added to this roster.`,
    fix: 'Tidak perlu tindakan: orang ini tetap dilindungi satu kali, oleh pembayar lain itu.',
    fixEn: 'Nothing to do: the person stays covered once, by that other payer.',
  },
  IDENTITY_CONFLICT: {
    id: (p) =>
      (p.keptImport
        ? `NIK ini sudah ada di daftar atas nama ${p.keptName} (lahir ${longDate(p.keptBirthDate, 'id')}), dari baris ${p.keptRow} impor ${p.keptImport}. `
        : `NIK ini sudah dipakai di baris ${p.keptRow} file yang sama atas nama ${p.keptName} (lahir ${longDate(p.keptBirthDate, 'id')}). `) +
      'Baris ini menulis nama atau tanggal lahir lain, jadi data yang ada tidak diganti.',
    en: (p) =>
      (p.keptImport
        ? `This NIK is already on the roster as ${p.keptName} (born ${longDate(p.keptBirthDate, 'en')}), from row ${p.keptRow} of import ${p.keptImport}. `
        : `This NIK is already used in row ${p.keptRow} of the same file, as ${p.keptName} (born ${longDate(p.keptBirthDate, 'en')}). `) +
      'This row gives another name or birth date, so the existing data is not replaced.',
    fix:
      'Periksa NIK kedua orang pada KTP/KK; bila NIK baris ini salah ketik, perbaiki. Bila data yang terdaftar yang keliru ' +
      '(mis. nama salah eja), impor ulang dengan --update-identities: perubahannya dicatat di jejak audit.',
    fixEn:
      "Check both people's NIK on their KTP/KK; if this row's NIK is mistyped, correct it. If the registered data is wrong " +
      '(e.g. a misspelt name), import again with --update-identities: the change is recorded in the audit trail.',
  },
};

const AGE_PLACEHOLDERS = { age: '?', minAge: '?', maxAge: '?', on: '?', segment: '?' };

/** Stand-ins for required parameters a stored problem lacks, so a message never reads "undefined". */
const REQUIRED_PARAMS: { readonly [R in RejectionReason]: Readonly<Record<string, string>> } = {
  NIK_MISSING: {},
  NIK_FORMAT: { length: '?', digits: '?' },
  NIK_EXCEL_SCIENTIFIC: { value: '?' },
  NIK_EXCEL_NUMBER: {},
  NIK_REGION: { regionCode: '?' },
  NIK_BIRTH_DATE: {},
  NIK_SERIAL: {},
  NIK_OUTSIDE_JURISDICTION: { nik: '?', regionCode: '?', region: '?', jurisdiction: '?', jurisdictionName: '?' },
  NAME_MISSING: {},
  BIRTH_DATE_FORMAT: {},
  BIRTH_DATE_MISMATCH: {},
  BIRTH_DATE_IN_FUTURE: { on: '?' },
  GENDER_FORMAT: {},
  GENDER_MISMATCH: {},
  SEGMENT_MISSING: { validCodes: '?' },
  SEGMENT_UNKNOWN: { value: '?', validCodes: '?' },
  AGE_BELOW_MINIMUM: AGE_PLACEHOLDERS,
  AGE_ABOVE_MAXIMUM: AGE_PLACEHOLDERS,
  DUPLICATE_IN_FILE: { keptRow: '?' },
  DUPLICATE_LOWER_PRIORITY_SEGMENT: { keptSegment: '?' },
  COVERED_BY_OTHER_REGULATION: { otherRegion: '?', otherType: '?' },
  COVERED_BY_OTHER_PAYER: { otherRegion: '?', otherType: '?' },
  IDENTITY_CONFLICT: { keptRow: '?', keptName: '?', keptBirthDate: '?' },
};

/** `Pergub 64 Kalimantan Timur`: the other payer, by regulation type and region only. */
function otherPayerOf(p: OtherPayerParams): string {
  return `${p.otherType} ${p.otherRegion}${p.otherRegionName ? ` ${p.otherRegionName}` : ''}`;
}

function isRejectionReason(reason: string): reason is RejectionReason {
  return Object.hasOwn(REJECTIONS, reason);
}

/**
 * The message of a problem in one language, with any NIK-shaped number masked. Accepts stored
 * problems too: an unknown reason is returned as is, a missing parameter shows as "?".
 */
export function describeRejection(problem: RowProblem | LooseRowProblem, language: Language = 'id'): string {
  if (!isRejectionReason(problem.reason)) return maskPersonalData(problem.reason);
  const text = REJECTIONS[problem.reason] as RejectionText<RejectionReason>;
  const render = language === 'id' ? text.id : text.en;
  const params = { ...REQUIRED_PARAMS[problem.reason], ...problem.params };
  return maskPersonalData(render(params as never));
}

/** What the office should do about a reason (empty for an unknown one). */
export function rejectionFix(reason: string, language: Language = 'id'): string {
  if (!isRejectionReason(reason)) return '';
  const text = REJECTIONS[reason];
  return language === 'id' ? text.fix : text.fixEn;
}

/** A problem with its messages in both languages and the fix: what an API or report shows. */
export function explainProblem(problem: RowProblem | LooseRowProblem): { reason: string; field?: string; id: string; en: string; fix: string } {
  return {
    reason: problem.reason,
    ...(problem.field ? { field: problem.field } : {}),
    id: describeRejection(problem, 'id'),
    en: describeRejection(problem, 'en'),
    fix: rejectionFix(problem.reason, 'id'),
  };
}
