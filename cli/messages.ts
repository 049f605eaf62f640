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
  // audit
  'Jejak audit satu entitas, terlama lebih dulu (atau `audit verify`: apakah jejak telah diubah)':
    'The audit trail of one entity, oldest first (or `audit verify`: whether the trail was tampered with)',
  'mis. regulation:perwal-tangsel-25-2019 (wajib)': 'e.g. regulation:perwal-tangsel-25-2019 (required)',
  'Sebutkan jejak siapa: --entity JENIS:ID, mis. --entity regulation:perwal-tangsel-25-2019. Untuk memeriksa apakah jejak diubah: npx lindung audit verify.':
    'Name whose trail: --entity TYPE:ID, e.g. --entity regulation:perwal-tangsel-25-2019. To check the trail for tampering: npx lindung audit verify.',
  'Tidak ada kejadian audit untuk {entity}: tidak ada yang tercatat tentangnya. Periksa ID-nya (huruf besar dan kecil dibedakan).':
    'No audit events for {entity}: nothing was recorded about it. Check the ID (IDs are case-sensitive).',
  'Telusuri rantai hash jejak audit tiap peraturan dan sebutkan mata rantai pertama yang putus (kejadian yang diubah atau dihapus, atau rantai yang ditulis ulang sejak kepalanya diekspor); keluar dengan kode 1 bila ada yang putus':
    "Walk each regulation's hash-chained audit trail and name the first broken link (an event edited or deleted, or the chain rewritten since its head was exported); exits 1 if any is broken",
  'hanya peraturan ini (bawaan: setiap peraturan wilayah Anda)': "only this regulation (default: every regulation of your region)",
  '"{type}" bukan jenis entitas: --entity JENIS:ID menerima salah satu dari {types} (mis. --entity regulation:perwal-tangsel-25-2019).':
    '"{type}" is not an entity type: --entity TYPE:ID takes one of {types} (e.g. --entity regulation:perwal-tangsel-25-2019).',
  'Sebutkan {type} yang mana: --entity {type}:ID.': 'Name which {type}: --entity {type}:ID.',
  'terverifikasi sampai kejadian {seq} pada {at}': 'verified up to event {seq} of {at}',
  'belum ada yang diverifikasi': 'nothing to verify yet',
  'PUTUS pada kejadian {seq}: {reason}': 'BROKEN at event {seq}: {reason}',
  ', memegang kejadian {seq} seperti diekspor pada {date}': ', holding event {seq} as exported on {date}',
  '{n} kejadian': '{n} events',
  // life-event
  'Kematian dan keluar dari segmen: perlindungan berakhir, dan tidak diperpanjang': 'Deaths and removals from a segment: cover ends, and is not renewed',
  'Catat kematian atau keluar dari segmen beserta tanggal berlakunya (admin); mencatatnya lagi tidak mengubah apa pun':
    'Record a death or a removal with its effective date (admin); recording it again changes nothing',
  orangnya: 'the person',
  'orang itu meninggal pada --date': 'the person died on --date',
  'orang itu tidak lagi di segmennya sejak --date': 'the person is no longer in the segment from --date',
  'tanggal berlaku': 'the effective date',
  catatan: 'a note for the record',
  'Berikan tepat satu dari --death atau --removal.': 'Give exactly one of --death or --removal.',
  'Peristiwa hidup seseorang yang tercatat': "A person's recorded life events",
  'Tidak ada peristiwa hidup untuk {nik}.': 'No life events for {nik}.',
  '{nik}  {kind} berlaku {date}: perlindungan dari {regulation} ({segment}, {year}) berakhir {ends}; tidak diperpanjang':
    '{nik}  {kind} effective {date}: cover under {regulation} ({segment}, {year}) ends {ends}; not renewed',
  kematian: 'death',
  'keluar dari segmen': 'removal',
  '  dicatat oleh {user} pada {at}': '  recorded by {user} at {at}',
  // renewal
  'Perpanjangan tahunan perlindungan sebuah peraturan: selisih dengan tahun lalu, yang gugur, kesinambungan': "Yearly renewal of a regulation's cover: the diff against last year, lapses, continuity",
  'Perpanjang perlindungan ke suatu tahun sekarang, atau lagi setelah gagal atau anggaran yang tak dapat disetujui (admin); jadwal melakukannya pada hari perpanjangan': 'Renew cover into a year now, or again after a failure or an unapprovable budget (admin); the schedule does it on the renewal day',
  'tahun tujuan perpanjangan': 'the year to renew into',
  'Selisih perpanjangan dengan tahun lalu per segmen, anggaran dan keputusannya; --list menampilkan orangnya, -o menuliskannya': "The renewal's diff against last year per segment, its budget and decision; --list shows people, -o writes them",
  'tahun hasil perpanjangan': 'the year renewed into',
  'tampilkan juga orang-orang ini: joiners, leavers, aging-out atau lapsed': 'also list these people: joiners, leavers, aging-out or lapsed',
  'tulis orang yang didaftar (semua bucket) ke .csv atau .xlsx': 'write the listed people (every bucket) to .csv or .xlsx',
  'tunggu selama roster diverifikasi dan anggaran dihitung': 'wait while the roster is verified and the budget computed',
  'Perpanjangan sebuah peraturan, tahun terbaru lebih dulu': "A regulation's renewals, newest year first",
  'Belum ada perpanjangan {regulation}.': 'No renewals of {regulation} yet.',
  'Siapa yang perlindungannya terputus dari satu tahun ke tahun berikutnya, dan mengapa (dialirkan bucket demi bucket)': 'Who had a gap in cover from one year into the next, and why (streamed bucket by bucket)',
  'tahun pertama perlindungan': 'the first year of cover',
  'tahun terakhir yang seharusnya masih terlindungi': 'the last year cover should have continued into',
  'tulis setiap keterputusan ke .csv atau .xlsx': 'write every gap to .csv or .xlsx',
  'Berikan --from dan --to sebagai tahun, --to sesudah --from (mis. --from 2027 --to 2029).': 'Give --from and --to as years, --to after --from (e.g. --from 2027 --to 2029).',
  '--list harus joiners, leavers, aging-out atau lapsed (diberikan {kind}).': '--list must be joiners, leavers, aging-out or lapsed (got {kind}).',
  'peraturannya': 'the regulation',
  'percobaan': 'attempt',
  'dijadwalkan pada {date}': 'scheduled on {date}',
  'dimulai oleh {user}': 'started by {user}',
  'Perpanjangan {regulation} dari {from} ke {year}: {status} (percobaan {attempt}, {how})': 'Renewal of {regulation} from {from} into {year}: {status} (attempt {attempt}, {how})',
  'tahun lalu': 'last year',
  'tetap': 'unchanged',
  'masuk': 'joined',
  'keluar': 'left',
  'lewat usia': 'ages out',
  'tahun ini': 'this year',
  'nama segmen': 'segment',
  '  keluar: {reasons}': '  left: {reasons}',
  '  anggaran {proposal}: {status}{stale}, {people} orang, {amount}': '  budget {proposal}: {status}{stale}, {people} people, {amount}',
  ' (USANG)': ' (STALE)',
  '  {decision} oleh {user} pada {at}': '  {decision} by {user} at {at}',
  '  Menunggu keputusan keuangan sampai {date}: npx lindung budget decide {proposal} --approve': '  Waiting for finance until {date}: npx lindung budget decide {proposal} --approve',
  '  ditutup {date}: {outcome}{run}; {lapsed} gugur pada 31 Desember {year} atau sebelumnya': '  closed {date}: {outcome}{run}; {lapsed} lapsed on 31 December {year} or earlier',
  ' (pendaftaran {run})': ' (enrollment run {run})',
  ' (ditulis ke {file})': ' (written to {file})',
  '    … {n} lagi; -o BERKAS menuliskan semuanya': '    … {n} more; -o FILE writes them all',
  'Kesinambungan perlindungan dari {regulation}:': 'Continuity of cover under {regulation}:',
  '  ke {year}: {checked} terlindungi pada 31 Desember {before}, {gaps} terputus': '  into {year}: {checked} covered on 31 December {before}, {gaps} with a gap',
  'terlindungi sampai {until}{again}: {days} hari tanpa perlindungan': 'covered until {until}{again}: {days} days without cover',
  ', lagi sejak {date}': ', again from {date}',
  '    … {n} lagi': '    … {n} more',
  '  Ditulis ke {file}.': '  Written to {file}.',
  // enroll
  'Pendaftaran: orang-orang dari usulan yang disetujui didaftarkan ke BPJS Ketenagakerjaan': "Enrollment runs: an approved proposal's people registered with BPJS Ketenagakerjaan",
  'Mulai (atau ikuti lagi) pendaftaran sebuah usulan yang disetujui (admin)': 'Start (or rejoin) the enrollment run of an approved proposal (admin)',
  'Hitungan sebuah pendaftaran: direncanakan, terdaftar, gagal, dilewati, tersisa': 'Counts of a run: planned, enrolled, failed, skipped, remaining',
  'Coba lagi orang yang tidak dapat didaftarkan oleh pendaftaran yang selesai (admin)': 'Retry the people a finished run could not cover (admin)',
  'Pendaftaran, terbaru lebih dulu': 'Enrollment runs, newest first',
  'Tulis orang yang terdaftar beserta nomor KPJ-nya (atau --failed: yang gagal beserta alasannya) ke .csv atau .xlsx': 'Write the enrolled people with their KPJ numbers (or --failed: the failures with reasons) to .csv or .xlsx',
  'Tulis berkas pendaftaran untuk kantor cabang BPJS (peraturan dengan insurerChannel: file): siapa yang dibiayai usulan yang disetujui, ke .csv atau .xlsx': 'Write the registration file for the BPJS branch (a regulation with insurerChannel: file): who an approved proposal funds, to .csv or .xlsx',
  'Impor berkas peserta dari kantor cabang BPJS (.csv atau .xlsx) untuk sebuah usulan: KPJ tiap orang, atau penolakan cabang (admin)': "Import the BPJS branch's member file (.csv or .xlsx) for a proposal: each person's KPJ, or the branch's refusal (admin)",
  'usulan yang disetujui': 'the approved proposal',
  'ikuti pendaftaran dengan bilah kemajuan sampai selesai': 'follow the run with a progress bar until it ends',
  'hanya peraturan ini': 'only this regulation',
  'berkas yang ditulis (.csv atau .xlsx)': 'the file to write (.csv or .xlsx)',
  'yang gagal, bukan yang terdaftar': 'the failures instead of the enrolled people',
  'usulan yang disetujui yang dijawab berkas ini': 'the approved proposal the file answers',
  'terdaftar': 'enrolled',
  '{n} orang {status} ditulis ke {file}.': '{n} {status} people written to {file}.',
  '{n} orang ditulis ke {file}. Kirimkan ke kantor cabang BPJS Ketenagakerjaan, lalu impor jawabannya:': '{n} people written to {file}. Send it to the BPJS Ketenagakerjaan branch, then import its answer:',
  '{n} jawaban disimpan untuk usulan {proposal}: {registered} terdaftar, {refused} ditolak.': '{n} answer stored for proposal {proposal}: {registered} registered, {refused} refused.',
  '{n} jawaban (jamak) disimpan untuk usulan {proposal}: {registered} terdaftar, {refused} ditolak.': '{n} answers stored for proposal {proposal}: {registered} registered, {refused} refused.',
  'Daftarkan mereka: npx lindung enroll start --proposal {proposal} --wait (setelah pendaftaran: npx lindung enroll retry RUN_ID --wait).': 'Enroll them: npx lindung enroll start --proposal {proposal} --wait (after a run: npx lindung enroll retry RUN_ID --wait).',
  'dilewati (sudah terlindungi) {skipped}, gagal {failed} dari {planned} direncanakan': 'skipped (already covered) {skipped}, failed {failed} of {planned} planned',
  '{run}  usulan {proposal}  {regulation} {year}: {status} (percobaan {attempt})': '{run}  proposal {proposal}  {regulation} {year}: {status} (attempt {attempt})',
  '  direncanakan {planned}  terdaftar {enrolled}  gagal {failed}  dilewati {skipped}  tersisa {remaining}': '  planned {planned}  enrolled {enrolled}  failed {failed}  skipped {skipped}  remaining {remaining}',
  '  perlindungan {start} – {end}; terikat {committed} dari {approved} yang disetujui': '  cover {start} – {end}; committed {committed} of {approved} approved',
  '; {released} dilepas (kematian dan keluar segmen mengakhiri perlindungan lebih awal)': '; {released} released (deaths and removals ended cover early)',
  '  gagal: {reason} × {n}': '  failed: {reason} × {n}',
  '  tagihan iuran: {total} selama {months} bulan (bulan pertama {first})': '  premium invoice: {total} over {months} months (first month {first})',
  '  Lihat siapa: npx lindung enroll export {run} --failed -o gagal.csv; lalu: npx lindung enroll retry {run} --wait': '  See who: npx lindung enroll export {run} --failed -o failures.csv; then: npx lindung enroll retry {run} --wait',
  // roster
  'Impor roster CSV atau XLSX ke sebuah peraturan (seluruh berkas diperiksa dulu; kemajuan ditampilkan)': 'Import a CSV or XLSX roster into a regulation (checks the whole file first; shows progress)',
  'peraturannya, mis. perwal-tangsel-25-2019': 'the regulation, e.g. perwal-tangsel-25-2019',
  'berkas roster (.csv dengan , atau ; / .xlsx)': 'the roster file (.csv with , or ; / .xlsx)',
  'segmen setiap baris, untuk satu berkas per segmen (selain itu kolom Segmen)': 'the segment of every row, for one file per segment (else a Segmen column)',
  'kapan perlindungan mulai; batas usia diperiksa pada tanggal itu (bawaan: 1 Januari tahun depan)': 'when cover starts; the age window is checked on it (default: 1 January next year)',
  'izinkan baris mengubah nama atau tanggal lahir NIK-nya di roster (setiap perubahan diaudit); selain itu baris seperti itu ditolak': 'let a row change the name or birth date of its NIK on the roster (each change audited); else such a row is rejected',
  'Tulis .xlsx untuk diisi kantor: kolom roster, NIK sebagai Teks, daftar pilihan segmen peraturan, dan lembar Petunjuk': "Write an .xlsx for an office to fill in: the roster columns, NIK as Text, a drop-down of the regulation's segments, and a Petunjuk sheet",
  'peraturan yang segmennya dicantumkan templat': 'the regulation whose segments the template lists',
  'berkas templat (.xlsx)': 'the template file (.xlsx)',
  'Impor sebuah peraturan, terbaru lebih dulu': "A regulation's imports, newest first",
  'Roster sebuah peraturan yang diterima untuk suatu tahun: orang per segmen': "A regulation's accepted roster for a year: people per segment",
  'tahun perlindungan': 'the coverage year',
  'Tulis baris yang ditolak, seperti di berkasnya, beserta alasannya ke berkas yang dapat diperbaiki kantor lalu diimpor lagi': 'Write the rejected rows, as the file had them, with their reasons to a file an office can fix and import again',
  'berkas laporan (.csv atau .xlsx)': 'the report file (.csv or .xlsx)',
  'tulis baris diterima yang membawa peringatan (mis. NIK dari luar wilayah)': 'write the accepted rows that carry a warning instead (e.g. a NIK from outside the jurisdiction)',
  'Beri nama templat berakhiran .xlsx (diberikan {file}).': 'Name the template .xlsx (got {file}).',
  'Templat roster {regulation} ditulis ke {file} (segmen: {segments}).': 'Wrote the roster template of {regulation} to {file} (segments: {segments}).',
  '{accepted} diterima, {rejected} ditolak': '{accepted} accepted, {rejected} rejected',
  '{regulation} roster {year}, versi {version}': '{regulation} roster {year}, version {version}',
  '{n} baris dengan peringatan ditulis ke {file}. Baris itu sudah di roster; periksalah.': 'Wrote {n} rows with warnings to {file}. They are on the roster; check them.',
  '{n} baris yang ditolak ditulis ke {file}. Perbaiki di sana lalu impor berkas itu lagi.': 'Wrote {n} rejected rows to {file}. Fix them there and import the file again.',
  'Baris judul: baris {row}': 'Header row: row {row}',
  "Baris judul: baris {row} (di bawah judul '{title}')": "Header row: row {row} (under the title '{title}')",
  'Impor {import} dari {file} ke {regulation} ({year}): {status}': 'Import {import} of {file} into {regulation} ({year}): {status}',
  '  {processed} baris diperiksa, {accepted} diterima, {rejected} ditolak': '  {processed} rows checked, {accepted} accepted, {rejected} rejected',
  ', {n} dengan peringatan': ', {n} with a warning',
  'diterima': 'accepted',
  'ditolak:': 'rejected:',
  '  Gagal: {failure}': '  Failed: {failure}',
  '  Ambil baris yang ditolak untuk diperbaiki: npx lindung roster rejections {import} -o ditolak.xlsx': '  Get the rejected rows to fix: npx lindung roster rejections {import} -o ditolak.xlsx',
  '  Ambil baris dengan peringatan untuk diperiksa: npx lindung roster rejections {import} --warnings -o peringatan.xlsx': '  Get the rows with warnings to check: npx lindung roster rejections {import} --warnings -o peringatan.xlsx',
  'diterima berkas': 'received',
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
