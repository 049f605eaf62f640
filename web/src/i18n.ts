/**
 * The console speaks Bahasa Indonesia; English is one toggle away. Texts are written in
 * Indonesian in the code and looked up here for English, so a text without a translation does
 * not compile (Text is the set of keys below). Amounts and dates keep the Indonesian forms
 * (`Rp2.606.284.800`, `1 Januari 2027`) in both languages, as on the budget documents.
 */

export type Language = 'id' | 'en';

const EN = {
  // Menu, roles, frame
  Dasbor: 'Dashboard',
  Peraturan: 'Regulations',
  'Impor roster': 'Roster imports',
  'Usulan anggaran': 'Budget proposals',
  Pendaftaran: 'Enrollment',
  Perpanjangan: 'Renewal',
  'Jejak audit': 'Audit trail',
  Admin: 'Admin',
  'Keuangan (BPKAD)': 'Finance (BPKAD)',
  Auditor: 'Auditor',
  'Menu utama': 'Main menu',
  'Langsung ke isi': 'Skip to content',
  Keluar: 'Sign out',
  'Memuat…': 'Loading…',
  'Halaman tidak ditemukan': 'Page not found',
  'Kembali ke dasbor': 'Back to the dashboard',
  'Terjadi kesalahan': 'Something went wrong',
  Ekspor: 'Export',
  'Unduh CSV': 'Download CSV',
  'Unduh XLSX': 'Download XLSX',
  // Sign-in
  'Masuk ke Lindung': 'Sign in to Lindung',
  Masuk: 'Sign in',
  'Masuk dengan akun Lindung Anda (kata sandi dan kode MFA).': 'Sign in with your Lindung account (password and MFA code).',
  'Nama pengguna': 'User name',
  'Contoh: siti': 'For example: siti',
  Peran: 'Role',
  'Sistem lokal (npm start): pilih nama pengguna dan peran. Di AWS, Anda masuk melalui Cognito.':
    'Local system (npm start): pick a user name and a role. On AWS you sign in through Cognito.',
  // Picker
  'Pilih peraturan dan tahun': 'Choose a regulation and year',
  'Tahun anggaran': 'Fiscal year',
  Tampilkan: 'Show',
  // Dashboard
  'Dasbor cakupan': 'Coverage dashboard',
  'Belum ada peraturan. Admin menerapkan peraturan lebih dulu.': 'No regulation yet. An admin applies one first.',
  Wilayah: 'Region',
  Ringkasan: 'Summary',
  Tercakup: 'Covered',
  Target: 'Target',
  'Persentase target': 'Share of target',
  'APBD disetujui': 'APBD approved',
  'APBD terpakai': 'APBD spent',
  'Bulan cakupan berturut-turut': 'Months of continuous cover',
  'Tercakup dibanding target per segmen': 'Covered against target per segment',
  'Metrik Paritrana per segmen': 'Paritrana metrics per segment',
  Segmen: 'Segment',
  Kategori: 'Category',
  'Di roster': 'On roster',
  Didanai: 'Funded',
  Jumlah: 'Total',
  Cakupan: 'Coverage',
  'Per kategori': 'By category',
  'Tercakup per kategori': 'Covered by category',
  'Belanja dibanding anggaran disetujui': 'Spend against approved budget',
  '{n} usulan menunggu keputusan BPKAD.': '{n} proposal(s) waiting for a BPKAD decision.',
  'Kesinambungan cakupan': 'Continuity of cover',
  'Peserta tercakup per bulan': 'People covered per month',
  Bulan: 'Month',
  Iuran: 'Premiums',
  // Proposals
  'Usulan menunggu keputusan': 'Proposals waiting for a decision',
  Status: 'Status',
  'Semua status': 'All statuses',
  'Tidak ada usulan.': 'No proposals.',
  'Usulan anggaran, terbaru lebih dulu': 'Budget proposals, newest first',
  Usulan: 'Proposal',
  Tahun: 'Year',
  'Jenis anggaran': 'Budget type',
  Diajukan: 'Requested',
  usang: 'stale',
  'APBD murni': 'Original APBD',
  'APBD-Perubahan': 'APBD-Perubahan (revised budget)',
  'Sedang dihitung': 'Computing',
  'Menunggu keputusan': 'Waiting for a decision',
  'Mengalokasikan pagu': 'Allocating the ceiling',
  Disetujui: 'Approved',
  Ditolak: 'Rejected',
  'Perlu revisi': 'Revision requested',
  Kedaluwarsa: 'Expired',
  'Gagal dihitung': 'Computation failed',
  'Ajukan usulan anggaran': 'Request a budget proposal',
  'Bulan mulai (APBD-Perubahan)': 'Start month (APBD-Perubahan)',
  'Kosongkan untuk APBD murni (Januari–Desember).': 'Leave empty for the original APBD (January–December).',
  Ajukan: 'Request',
  // Proposal and decision
  'Usulan anggaran {year}': 'Budget proposal {year}',
  'Usulan ini usang: roster, tarif atau peraturan berubah sejak snapshot. Ajukan usulan baru.':
    'This proposal is stale: the roster, rates or regulation changed since its snapshot. Request a new one.',
  'Dokumen anggaran (cetak, CSV, XLSX)': 'Budget document (print, CSV, XLSX)',
  'Batas keputusan': 'Decide by',
  'Hash snapshot': 'Snapshot hash',
  Versi: 'Version',
  peraturan: 'regulation',
  tarif: 'rates',
  'Rincian per segmen': 'Per segment',
  'Peserta × iuran per bulan × bulan = jumlah': 'People × monthly premium × months = amount',
  Prioritas: 'Priority',
  Peserta: 'People',
  'Iuran per bulan': 'Monthly premium',
  'Dibanding tahun lalu ({year})': 'Against last year ({year})',
  'Tidak ada usulan yang disetujui untuk tahun {year}.': 'No approved proposal for {year}.',
  'Perubahan peserta dan jumlah per segmen': 'Change in people and amount per segment',
  'Peserta {year}': 'People {year}',
  'Jumlah {year}': 'Amount {year}',
  Selisih: 'Change',
  'Keputusan BPKAD': "BPKAD's decision",
  Keputusan: 'Decision',
  'Diputuskan oleh': 'Decided by',
  Pagu: 'Ceiling',
  'Jumlah disetujui': 'Approved amount',
  Catatan: 'Notes',
  'Yang didanai dengan pagu': 'Funded within the ceiling',
  'Tidak didanai': 'Not funded',
  Setujui: 'Approve',
  'Setujui dengan pagu': 'Approve with a ceiling',
  'Disetujui dengan pagu': 'Approved with a ceiling',
  Tolak: 'Reject',
  'Minta revisi': 'Request a revision',
  'Anda mengajukan usulan ini, jadi orang lain di BPKAD yang memutuskannya.': 'You requested this proposal, so someone else at BPKAD decides it.',
  'Pagu (Rp)': 'Ceiling (Rp)',
  'Di bawah jumlah usulan; segmen didanai menurut prioritas.': "Below the proposal's total; segments are funded by priority.",
  'Pilih keputusan': 'Choose a decision',
  'Kirim keputusan': 'Submit the decision',
  'Alasan (wajib)': 'Reason (required)',
  'Catatan revisi (wajib)': 'What to revise (required)',
  'Menyimpan keputusan…': 'Saving the decision…',
  'Pagu tidak di bawah jumlah usulan: pilih "Setujui".': 'The ceiling is not below the total: choose "Approve".',
  'Yang muat dalam pagu {ceiling}': 'Who fits within a ceiling of {ceiling}',
  // Budget document
  'Dokumen anggaran': 'Budget document',
  'Dokumen anggaran {id}': 'Budget document {id}',
  'Kembali ke usulan': 'Back to the proposal',
  Cetak: 'Print',
  // Regulations
  'Belum ada peraturan. Terapkan dengan: npx lindung regulation apply -f FILE.yaml': 'No regulation yet. Apply one with: npx lindung regulation apply -f FILE.yaml',
  'Dasar hukum': 'Legal basis',
  Program: 'Programs',
  Pembayar: 'Payer',
  Berlaku: 'In force',
  Kode: 'Code',
  Nama: 'Name',
  Usia: 'Age',
  'Riwayat versi': 'Version history',
  Dicatat: 'Recorded',
  Oleh: 'By',
  // Imports
  'Belum ada peraturan.': 'No regulation yet.',
  'Belum ada impor untuk peraturan ini.': 'No imports for this regulation yet.',
  'Impor terbaru lebih dulu': 'Imports, newest first',
  Berkas: 'File',
  Diterima: 'Accepted',
  'Mulai cakupan': 'Cover starts',
  '{processed} baris diperiksa: {accepted} diterima, {rejected} ditolak.': '{processed} rows checked: {accepted} accepted, {rejected} rejected.',
  'Per segmen': 'Per segment',
  'Ditolak (per alasan)': 'Rejected (by reason)',
  'Baris yang ditolak memuat data pribadi: hanya admin yang melihatnya.': 'Rejected rows hold personal data: only admins see them.',
  'Baris yang ditolak': 'Rejected rows',
  'Unduh baris yang ditolak (CSV atau XLSX): setiap baris membawa alasan dan cara memperbaikinya.':
    'Download the rejected rows (CSV or XLSX): each row carries its reasons and how to fix them.',
  'Perbaiki baris di berkas itu; kolom alasan diabaikan saat impor.': 'Fix the rows in that file; the reason columns are ignored on import.',
  'Impor berkas itu lagi:': 'Import that file again:',
  '{shown} dari {total} baris pertama yang ditolak': 'The first {shown} of {total} rejected rows',
  Baris: 'Row',
  Alasan: 'Reason',
  Perbaikan: 'Fix',
  // Enrollment
  'Pendaftaran peserta': 'Enrollment',
  'Usulan disetujui yang belum didaftarkan': 'Approved proposals not yet enrolled',
  'Mulai pendaftaran {year} ({amount})': 'Start enrollment {year} ({amount})',
  'Belum ada pendaftaran untuk peraturan ini.': 'No enrollment runs for this regulation yet.',
  'Pendaftaran, terbaru lebih dulu': 'Enrollment runs, newest first',
  Terdaftar: 'Enrolled',
  Gagal: 'Failed',
  Dimulai: 'Started',
  Berjalan: 'Running',
  Selesai: 'Finished',
  'Selesai dengan kegagalan': 'Finished with failures',
  'Pendaftaran {id}': 'Enrollment run {id}',
  '{done} dari {planned} orang': '{done} of {planned} people',
  'Kemajuan pendaftaran': 'Enrollment progress',
  Direncanakan: 'Planned',
  'Terdaftar (KPJ)': 'Enrolled (KPJ)',
  'Dilewati (sudah tercakup)': 'Skipped (already covered)',
  Sisa: 'Remaining',
  'Masa cakupan': 'Cover period',
  'Iuran terikat': 'Premiums committed',
  Percobaan: 'Attempt',
  'Alasan kegagalan': 'Failure reasons',
  Orang: 'People',
  'Ulangi yang gagal ({n} orang)': 'Retry the failed ({n} people)',
  'Tagihan iuran per bulan': 'Premium invoice per month',
  // Renewal
  'Perpanjangan tahunan': 'Yearly renewal',
  'Perbedaan perpanjangan (siapa tetap, keluar, dan baru dibanding tahun lalu) akan tampil di sini setelah API perpanjangan tersedia.':
    "Renewal differences (who stays, leaves and joins against last year) will show here once the renewal API exists.",
  // Audit
  'Semua peraturan': 'All regulations',
  Pengguna: 'User',
  'Nama pengguna, misalnya siti': 'A user name, e.g. siti',
  'Dari tanggal': 'From',
  'Sampai tanggal': 'To',
  Cari: 'Search',
  'Cari jejak audit': 'Search the audit trail',
  'Pilih peraturan atau isi pengguna.': 'Choose a regulation or enter a user.',
  '{n} kejadian.': '{n} event(s).',
  'Kejadian, terbaru lebih dulu': 'Events, newest first',
  Waktu: 'Time',
  Tindakan: 'Action',
  Entitas: 'Entity',
} as const;

export type Text = keyof typeof EN;

const STORAGE_KEY = 'lindung.language';
const listeners = new Set<() => void>();

export function language(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

export function setLanguage(next: Language): void {
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** The text in the current language, with `{name}` placeholders filled in. */
export function t(text: Text, values: Record<string, string | number> = {}): string {
  const template = language() === 'en' ? EN[text] : text;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
