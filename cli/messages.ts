import { SHARED_TEXTS } from '../shared/documents/messages/shared-texts';
import { formatCountIn, translate } from '../shared/documents/messages/translate';
import { cliLanguage } from './language';

/**
 * What the CLI says, Indonesian → English (translate.ts): a text missing here does not compile.
 * The words the console uses too come from SHARED_TEXTS.
 */
const EN = {
  ...SHARED_TEXTS,
  // The program and its global options
  'Lindung: subsidi iuran BPJS Ketenagakerjaan oleh pemerintah daerah': 'Lindung: regional subsidies of BPJS Ketenagakerjaan premiums',
  'URL dasar API (bawaan: sistem lokal dari `npm start`, atau LINDUNG_API_URL)': 'API base URL (default: the local stack from `npm start`, or LINDUNG_API_URL)',
  'token bearer (bawaan: LINDUNG_TOKEN, atau yang disimpan `lindung login`)': 'bearer token (default: LINDUNG_TOKEN, or the one saved by `lindung login`)',
  'cetak JSON untuk mesin': 'print machine-readable JSON',
  'bahasa: id (Bahasa Indonesia) atau en (English); bawaan dari LANG': 'language: id (Bahasa Indonesia) or en (English); default from LANG',
  'tampilkan versi': 'print the version',
  'tampilkan bantuan perintah': 'display help for command',
  // login, whoami
  'Masuk: secara lokal sebagai pengguna, peran dan wilayah mana pun, atau dengan token dari user pool Cognito yang di-deploy':
    'Sign in: locally as any user, role and region, or with a token issued by the deployed Cognito user pool',
  'peran yang dipegang secara lokal ({roles})': 'role to hold locally ({roles})',
  'nama pengguna secara lokal': 'user name to act as locally',
  'wilayah Anda secara lokal: kode Kemendagri (mis. 3674 untuk kota, 36 untuk provinsinya) atau {national} untuk auditor nasional':
    'your region locally: a Kemendagri code (e.g. 3674 for a city, 36 for its province) or {national} for a national auditor',
  'simpan token dari sistem yang di-deploy': 'store a token from the deployed system instead',
  'Token disimpan.': 'Token saved.',
  'Sebutkan siapa Anda: --as {roles} --user NAMA --region KODE (mis. --as finance --user siti --region 3674).':
    'Say who you are: --as {roles} --user NAME --region CODE (e.g. --as finance --user siti --region 3674).',
  'Cakupan nasional ({national}) untuk auditor: membaca semua wilayah dan tidak mengubah apa pun. Gunakan --as auditor, atau kode wilayah.':
    'The national scope ({national}) is for auditors: it reads every region and changes none. Use --as auditor, or a region code.',
  'Sistem lokal belum pernah dijalankan di sini. Jalankan `npm start` dulu.': 'The local system has not been started here yet. Run `npm start` first.',
  'Masuk secara lokal sebagai {user} ({role}, {region}). Token disimpan untuk perintah berikutnya; berlaku 12 jam.':
    'Signed in locally as {user} ({role}, {region}). The token is saved for later commands; it is valid for 12 hours.',
  'Tampilkan siapa Anda menurut API': 'Show who the API thinks you are',
  'tanpa wilayah': 'no region',
  // regulation
  'Peraturan (Perwal, Perbup, ...) dan segmennya': 'Regulations (Perwal, Perbup, ...) and their segments',
  'Buat atau ubah peraturan dari berkas YAML atau JSON. Berkas yang disimpan dari `regulation get --json` menyimpan "version"-nya, dan ditolak bila orang lain telah mengubah peraturan sejak itu; berkas lain mengubah versi terkini':
    'Create or amend a regulation from a YAML or JSON file. A file saved from `regulation get --json` keeps its "version", and is refused if someone else amended the regulation since; any other file amends the current version',
  'dokumen peraturan': 'the regulation document',
  'Peraturan wilayah Anda (provinsi: juga kabupaten/kotanya; cakupan nasional: semuanya)':
    'The regulations of your region (a province: and its regencies and cities; the national scope: all)',
  'Belum ada peraturan. Terapkan satu dengan `npx lindung regulation apply -f BERKAS`.': 'No regulations yet. Apply one with `npx lindung regulation apply -f FILE`.',
  'Versi terkini sebuah peraturan': 'The current version of a regulation',
  'Setiap versi peraturan, dan siapa mengubah apa': 'Every version of a regulation and who changed what',
  'Iuran bulanan per orang tiap segmen pada suatu bulan': "Each segment's monthly premium per person in a month",
  bulan: 'the month',
  'tarif {version}': 'rates {version}',
  'per orang per bulan': 'per person per month',
  '{file} tidak punya kolom "id"; beri peraturan id seperti perwal-tangsel-25-2019.': '{file} has no "id" field; give the regulation an id such as perwal-tangsel-25-2019.',
  'Dibuat {id} versi {version}.': 'Created {id} version {version}.',
  'Diubah {id} menjadi versi {version}.': 'Amended {id} to version {version}.',
  '{id} tidak berubah (tetap versi {version}).': '{id} is unchanged (still version {version}).',
  '{title} ({basis}), wilayah {region}, pembayar {payer}, program {programs}': '{title} ({basis}), region {region}, payer {payer}, programs {programs}',
  // clock
  'Jam bisnis sistem lokal (admin; hanya `npm start`)': "The local stack's business clock (admin; `npm start` only)",
  'Waktu yang dipakai sistem lokal untuk tanggal': 'The time the local stack decides dates by',
  'Majukan jam ke suatu tanggal (pukul 09.00 WIB hari itu) atau cap waktu ISO, mis. 2027-08-01; jadwal yang jatuh tempo berjalan':
    'Move the clock to a date (09:00 in Jakarta that day) or an ISO timestamp, e.g. 2027-08-01; due schedules fire',
  'Kembali ke waktu sebenarnya': 'Back to the real time',
  'Jam: {time} Asia/Jakarta': 'Clock: {time} Asia/Jakarta',
  ' (waktu sebenarnya)': ' (real time)',
  '  menjalankan {schedule} untuk {time}: {execution}': '  fired {schedule} for {time}: {execution}',
} as const;

export type CliText = keyof typeof EN;

/** This run's language (cliLanguage): one command per process. */
export const LANGUAGE = cliLanguage();

export function t(text: CliText, values: Readonly<Record<string, string | number>> = {}): string {
  return translate(EN, LANGUAGE, text, values);
}

/** A count in this run's language: `3.844` in Indonesian, `3,844` in English. */
export function formatCount(count: number): string {
  return formatCountIn(LANGUAGE, count);
}
