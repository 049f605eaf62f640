import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Proposal } from '../../shared/api/budget-schemas';
import { type BudgetRegulation, budgetDocumentHtml, budgetDocumentRows, budgetDocumentSheet } from '../../shared/documents/budget-document';
import { XlsxWriter } from '../../shared/documents/spreadsheets/xlsx-writer';
import { readRows, scratchDir } from '../spreadsheets/helpers';
import {
  formatIndonesianDate,
  formatIndonesianDateTime,
  formatIndonesianMonth,
  formatIndonesianMonthRange,
} from '../../shared/core/calendar/indonesian-dates';
import { CsvWriter } from '../../shared/documents/spreadsheets/csv-writer';

/** Tangerang Selatan's community workers, as funded under its mayoral regulation. */
const TANGSEL_SEGMENTS: [code: string, name: string, headcount: number][] = [
  ['KETUA_RT', 'Ketua RT', 3844],
  ['KETUA_RW', 'Ketua RW', 735],
  ['GURU_MENGAJI', 'Guru Mengaji', 2285],
  ['MARBOT', 'Marbot Masjid', 450],
  ['AMIL_JENAZAH', 'Amil Jenazah', 375],
  ['KADER_KESEHATAN', 'Kader Kesehatan', 5239],
];

const GENERATED_AT = '2027-01-02T03:04:00Z';

/** What the document reads of examples/perwal-tangsel-25-2019.yaml. */
const TANGSEL_REGULATION: BudgetRegulation = {
  legalBasis: { type: 'Perwal', number: '25', year: 2019 },
  jurisdiction: '3674',
  accountCode: '5.1.02.01.01.0004',
};

const TERBILANG = 'dua miliar enam ratus enam juta dua ratus delapan puluh empat ribu delapan ratus rupiah';

const file = scratchDir();

function monthsFrom(startMonth: string): string[] {
  const [year, first] = startMonth.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 - first + 1 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

/**
 * A proposal of the six Tangsel segments at Rp16.800 a month (JKK + JKM for BPU workers), with
 * each segment's amount computed as the API does: Σ over months of headcount × premium.
 */
function tangselProposal(overrides: Partial<Proposal> = {}, premiumOf: (month: string) => number = () => 16_800): Proposal {
  const startMonth = overrides.startMonth ?? '2027-01';
  const months = monthsFrom(startMonth);
  const segments = TANGSEL_SEGMENTS.map(([segment, name, headcount], i) => {
    const monthlyPremiums = months.map((month) => ({ month, premium: premiumOf(month) }));
    return {
      segment,
      name,
      priority: i + 1,
      headcount,
      monthlyPremiums,
      months: months.length,
      amount: monthlyPremiums.reduce((sum, m) => sum + headcount * m.premium, 0),
    };
  });
  return Proposal.parse({
    proposalId: 'bp-2027-3f9a2c1b',
    regulationId: 'perwal-tangsel-25-2019',
    title: 'Peraturan Wali Kota Tangerang Selatan Nomor 25 Tahun 2019',
    year: 2027,
    cohort: 'original',
    startMonth,
    decideBy: '2026-12-31',
    status: 'approved',
    stale: false,
    requestedBy: 'Dinas Sosial & Tenaga Kerja',
    requestedAt: '2026-11-20T02:00:00Z',
    snapshot: {
      regulationVersion: 3,
      rosterVersion: 17,
      rateScheduleVersion: 'pp-44-2015@2025-01',
      hash: 'sha256:9c1f0e4b7a2d5e8f3b6c9a0d1e4f7a2b5c8d1e4f7a0b3c6d9e2f5a8b1c4d7e0f',
    },
    segments,
    total: segments.reduce((sum, s) => sum + s.amount, 0),
    totalHeadcount: segments.reduce((sum, s) => sum + s.headcount, 0),
    decision: {
      decision: 'approve',
      decidedBy: 'Kepala BPKAD Tangsel',
      // 03.00 WIB on New Year's Day, still New Year's Eve in UTC.
      decidedAt: '2026-12-31T20:00:00Z',
      notes: '<script>alert(1)</script>',
      snapshotHash: 'sha256:9c1f0e4b7a2d5e8f3b6c9a0d1e4f7a2b5c8d1e4f7a0b3c6d9e2f5a8b1c4d7e0f',
    },
    approvedAmount: 2_606_284_800,
    ...overrides,
  });
}

describe('budgetDocumentHtml', () => {
  it('prints the Tangsel budget: 12.928 people × Rp16.800 × 12 = Rp2.606.284.800', () => {
    const page = budgetDocumentHtml(tangselProposal(), { generatedAt: GENERATED_AT });

    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="id">/);
    expect(page).toContain('Dokumen Anggaran Iuran Jaminan Sosial Ketenagakerjaan');
    expect(page).toContain('Peraturan Wali Kota Tangerang Selatan Nomor 25 Tahun 2019');
    expect(page).toContain('perwal-tangsel-25-2019');
    expect(page).toContain('<dt>Tahun Anggaran</dt><dd>2027</dd>');
    expect(page).toContain('APBD murni');
    expect(page).toContain('Januari–Desember 2027, 12 bulan');
    expect(page).toContain('3.844 × Rp16.800 × 12</span> <span class="term">= Rp774.950.400');
    expect(page).toContain('5.239 × Rp16.800 × 12</span> <span class="term">= Rp1.056.182.400');
    expect(page).toContain('<td class="num">12.928</td>');
    expect(page).toContain('Rp2.606.284.800');
    expect(page).toContain('<dt>Keputusan</dt><dd><strong>Disetujui</strong></dd>');
    expect(page).toContain('<dt>Tanggal keputusan</dt><dd>1 Januari 2027</dd>');
    expect(page).toContain('Kepala BPKAD Tangsel');
    expect(page).toContain('sha256:9c1f0e4b7a2d5e8f3b6c9a0d1e4f7a2b5c8d1e4f7a0b3c6d9e2f5a8b1c4d7e0f');
    expect(page).toContain('Versi roster: 17 · Versi tarif: pp-44-2015@2025-01');
    expect(page).toContain('Dibuat 2 Januari 2027 pukul 10.04 WIB');
    expect(page).toContain('Kepala BPKAD');
    expect(page).toContain('Pengusul');
    expect(page).not.toContain('class="warning"');
  });

  it('prints what BPKAD files it with: the amount in words, the legal basis, the account code, and signature blocks with place and date', () => {
    const page = budgetDocumentHtml(tangselProposal(), { generatedAt: GENERATED_AT, regulation: TANGSEL_REGULATION });

    expect(page).toContain(`Terbilang: <em>${TERBILANG}</em>`);
    expect(page).toContain('<dt>Dasar hukum</dt><dd>Peraturan Wali Kota Tangerang Selatan Nomor 25 Tahun 2019</dd>');
    expect(page).toContain('<dt>Kode rekening</dt><dd class="account">5.1.02.01.01.0004</dd>');
    expect(page).toContain('<p class="place-date">Tangerang Selatan, 2 Januari 2027</p>');
    expect(page).toMatch(/Diusulkan oleh,<br>Pengusul<\/p><div class="space"><\/div><p class="name">\(\.+\)<\/p><p>NIP\. \.+<\/p>/);
    expect(page).toMatch(/Disetujui oleh,<br>Kepala BPKAD<\/p><div class="space"><\/div><p class="name">\(\.+\)<\/p><p>NIP\. \.+<\/p>/);
  });

  it('leaves the legal basis, the account code and the place blank to fill in without the regulation', () => {
    const page = budgetDocumentHtml(tangselProposal(), { generatedAt: GENERATED_AT });
    expect(page).toMatch(/<dt>Dasar hukum<\/dt><dd>\.{10,}<\/dd>/);
    expect(page).toMatch(/<dt>Kode rekening<\/dt><dd class="account">\.{10,}<\/dd>/);
    expect(page).toMatch(/<p class="place-date">\.{10,}, 2 Januari 2027<\/p>/);
    expect(page).toContain(`Terbilang: <em>${TERBILANG}</em>`);
  });

  it('spells the approved amount of a ceiling in words too', () => {
    const page = budgetDocumentHtml(
      tangselProposal({ approvedAmount: 1_500_000_000, decision: { ...tangselProposal().decision!, decision: 'approve-with-ceiling', ceiling: 1_500_000_000 } }),
      { generatedAt: GENERATED_AT },
    );
    expect(page).toContain('<strong>Rp1.500.000.000</strong><br><em>satu miliar lima ratus juta rupiah</em>');
  });

  it('escapes what users typed, and is self-contained: no scripts, nothing loaded from elsewhere', () => {
    const page = budgetDocumentHtml(tangselProposal(), { generatedAt: GENERATED_AT });

    expect(page).toContain('<dd class="notes">&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(page).toContain('Dinas Sosial &amp; Tenaga Kerja');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\b(src|href)\s*=/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).toContain('@media print');
    expect(page).toContain('size: A4 portrait');
  });

  it('covers July–December for an APBD-Perubahan top-up', () => {
    const page = budgetDocumentHtml(tangselProposal({ cohort: 'perubahan', startMonth: '2027-07', decideBy: '2027-12-31' }), {
      generatedAt: GENERATED_AT,
    });

    expect(page).toContain('APBD-Perubahan');
    expect(page).toContain('Juli–Desember 2027, 6 bulan');
    expect(page).toContain('3.844 × Rp16.800 × 6</span> <span class="term">= Rp387.475.200');
    expect(page).toContain('<td class="num">6</td>');
  });

  it('lists the people an earlier cohort funded already, with who moved from which segment, and no money', () => {
    const base = tangselProposal({ cohort: 'perubahan', startMonth: '2027-07', decideBy: '2027-12-31' });
    const proposal = { ...base, segments: base.segments.map((s) => (s.segment === 'KETUA_RT' ? { ...s, alreadyFunded: 3_845, movedFrom: { MARBOT: 1 } } : s)) };
    const text = '3.845 orang sudah didanai tahun ini, tanpa biaya (1 pindah dari MARBOT)';
    expect(budgetDocumentHtml(proposal, { generatedAt: GENERATED_AT })).toContain(text);
    expect(budgetDocumentRows(proposal)).toContainEqual(['Sudah didanai KETUA_RT', text, '', '', '', '', '']);
    expect(budgetDocumentRows(base).some((row) => row[0]!.startsWith('Sudah didanai'))).toBe(false);
  });

  it('shows the premium range and a per-month breakdown when the rate changes during the year', () => {
    const proposal = tangselProposal({}, (month) => (month < '2027-07' ? 8_400 : 16_800));
    const page = budgetDocumentHtml(proposal, { generatedAt: GENERATED_AT });

    expect(page).toContain('<td class="num">Rp8.400–Rp16.800</td>');
    expect(page).toContain('Σ per bulan (3.844 × iuran bulan)</span> <span class="term">= Rp581.212.800');
    expect(page).toContain('Rincian iuran per bulan: KETUA_RT — Ketua RT');
    expect(page).toContain('<td>Juni 2027</td><td class="num">Rp8.400</td><td class="equation">3.844 × Rp8.400</td><td class="num">Rp32.289.600</td>');
    expect(page).toContain('<td>Juli 2027</td><td class="num">Rp16.800</td><td class="equation">3.844 × Rp16.800</td><td class="num">Rp64.579.200</td>');
    expect(page).not.toContain('× 12</span>');
  });

  it('shows the ceiling, the approved amount and who the ceiling funds, with NIKs masked', () => {
    const proposal = tangselProposal({
      decision: {
        decision: 'approve-with-ceiling',
        decidedBy: 'Kepala BPKAD Tangsel',
        decidedAt: '2027-01-05T03:00:00Z',
        ceiling: 2_000_000_000,
        snapshotHash: 'sha256:9c1f',
      },
      allocation: [
        { segment: 'KETUA_RT', funded: 3844, unfunded: 0, amount: 774_950_400 },
        { segment: 'KADER_KESEHATAN', funded: 2000, unfunded: 3239, amount: 403_200_000, lastFundedNik: '3674015001900001' },
      ],
      approvedAmount: 1_178_150_400,
    });
    const page = budgetDocumentHtml(proposal, { generatedAt: GENERATED_AT });

    expect(page).toContain('<strong>Disetujui dengan pagu</strong>');
    expect(page).toContain('<dt>Pagu</dt><dd>Rp2.000.000.000</dd>');
    expect(page).toContain('<dt>Jumlah disetujui</dt><dd><strong>Rp1.178.150.400</strong><br><em>satu miliar seratus tujuh puluh delapan juta seratus lima puluh ribu empat ratus rupiah</em></dd>');
    expect(page).toContain('Alokasi per Segmen');
    expect(page).toContain('<td class="num">2.000</td>\n<td class="num">3.239</td>');
    expect(page).toContain('3674********0001');
    expect(page).not.toContain('3674015001900001');
  });

  it('warns in a box that a stale proposal cannot feed enrollment', () => {
    const page = budgetDocumentHtml(tangselProposal({ stale: true, staleBecause: ['Roster berubah: versi 17 → 18 <baru>'] }), {
      generatedAt: GENERATED_AT,
    });

    expect(page).toContain('<section class="warning" role="alert">');
    expect(page).toContain('usang (stale)');
    expect(page).toContain('<li>Roster berubah: versi 17 → 18 &lt;baru&gt;</li>');
  });

  it('names undecided, expired, rejected and revision-requested proposals', () => {
    const undecided = { decision: undefined, approvedAmount: undefined };
    const label = (overrides: Partial<Proposal>): string | undefined =>
      /<dt>Keputusan<\/dt><dd><strong>([^<]*)<\/strong>/.exec(budgetDocumentHtml(tangselProposal(overrides), { generatedAt: GENERATED_AT }))?.[1];

    expect(label({ ...undecided, status: 'pending-decision' })).toBe('Menunggu keputusan');
    expect(label({ ...undecided, status: 'expired' })).toBe('Kedaluwarsa');
    const rejected = tangselProposal({
      ...undecided,
      status: 'rejected',
      decision: { decision: 'reject', decidedBy: 'BPKAD', decidedAt: '2026-12-01', reason: 'Melebihi plafon KUA-PPAS', snapshotHash: 'x' },
    });
    const page = budgetDocumentHtml(rejected, { generatedAt: GENERATED_AT });
    expect(page).toContain('<strong>Ditolak</strong>');
    expect(page).toContain('<dt>Alasan</dt><dd class="notes">Melebihi plafon KUA-PPAS</dd>');
    expect(page).not.toContain('Jumlah disetujui');
    expect(
      label({
        ...undecided,
        status: 'revision-requested',
        decision: { decision: 'request-revision', decidedBy: 'BPKAD', decidedAt: '2026-12-01', notes: 'Periksa data RW', snapshotHash: 'x' },
      }),
    ).toBe('Perlu revisi');
  });
});

describe("a renewal's budget document", () => {
  it('names who reviewed it as well as who approved it: the two finance officers', () => {
    const review = { reviewedBy: 'dewi', reviewedAt: '2027-09-01T03:00:00Z', notes: 'NIK 3674010101900001 sesuai', snapshotHash: 'x' };
    const reviewed = tangselProposal({ requestedBy: 'lindung-system', reviewRequired: true, review });
    expect(budgetDocumentHtml(reviewed, { generatedAt: GENERATED_AT })).toContain('<dt>Ditinjau oleh</dt><dd>dewi, 1 September 2027 (NIK 3674********0001 sesuai)</dd>');
    expect(budgetDocumentRows(reviewed).find((row) => row[0] === 'Ditinjau oleh')?.[1]).toBe('dewi, 1 September 2027 (NIK 3674********0001 sesuai)');
    expect(budgetDocumentHtml(tangselProposal(), { generatedAt: GENERATED_AT })).not.toContain('Ditinjau oleh');
  });
});

describe('budgetDocumentRows', () => {
  it('lists the segments as plain digits under the header, a TOTAL that sums them, then the decision', () => {
    const rows = budgetDocumentRows(tangselProposal());

    expect(rows[0]).toEqual(['Segmen', 'Nama', 'Prioritas', 'Jumlah Peserta', 'Iuran per Bulan', 'Bulan', 'Jumlah (Rp)']);
    expect(rows[1]).toEqual(['KETUA_RT', 'Ketua RT', '1', '3844', '16800', '12', '774950400']);
    const segmentRows = rows.slice(1, 7);
    const total = rows[7]!;
    expect(total).toEqual(['TOTAL', '', '', '12928', '', '', '2606284800']);
    expect(segmentRows.reduce((sum, row) => sum + Number(row[3]), 0)).toBe(Number(total[3]));
    expect(segmentRows.reduce((sum, row) => sum + Number(row[6]), 0)).toBe(Number(total[6]));

    expect(rows.slice(8).map((row) => row.slice(0, 2))).toEqual([
      ['Terbilang', TERBILANG],
      ['Dasar hukum', ''],
      ['Kode rekening', ''],
      ['Pagu', ''],
      ['Disetujui', '2606284800'],
      ['Terbilang disetujui', TERBILANG],
      ['Keputusan', 'Disetujui'],
      ['Diputuskan oleh', 'Kepala BPKAD Tangsel'],
      ['Tanggal', '1 Januari 2027'],
      ['Catatan', '<script>alert(1)</script>'],
      ['Snapshot', 'sha256:9c1f0e4b7a2d5e8f3b6c9a0d1e4f7a2b5c8d1e4f7a0b3c6d9e2f5a8b1c4d7e0f'],
      ['Versi roster', '17'],
      ['Versi tarif', 'pp-44-2015@2025-01'],
      ['Stale', 'Tidak'],
    ]);
    expect(rows.every((row) => row.length === 7)).toBe(true);
  });

  it('shows a changing premium as min-max', () => {
    const rows = budgetDocumentRows(tangselProposal({}, (month) => (month < '2027-07' ? 8_400 : 16_800)));
    expect(rows[1]?.[4]).toBe('8400-16800');
  });

  it('writes through CsvWriter as a sheet whose numbers a spreadsheet can sum', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const writer = new CsvWriter(output);
    for (const row of budgetDocumentSheet(tangselProposal({ stale: true, staleBecause: ['tarif berubah'] }), TANGSEL_REGULATION)) await writer.writeRow(row);
    await writer.close();

    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv).toContain('\r\nTOTAL;;;12928;;;2606284800\r\n');
    expect(csv).toContain('\r\nStale;Ya: tarif berubah;;;;;\r\n');
    expect(csv).toContain('\r\nKode rekening;5.1.02.01.01.0004;;;;;\r\n');
  });

  it('writes an XLSX whose headcounts and amounts are numbers, and whose account code and versions are text', async () => {
    const path = file('anggaran.xlsx');
    const writer = new XlsxWriter(createWriteStream(path), 'Anggaran');
    for (const row of budgetDocumentSheet(tangselProposal(), TANGSEL_REGULATION)) await writer.writeRow(row);
    await writer.close();

    const rows = new Map((await readRows(path)).map(([, cells]) => [cells[0], cells]));
    expect(rows.get('text:KETUA_RT')).toEqual(['text:KETUA_RT', 'text:Ketua RT', 'number:1', 'number:3844', 'number:16800', 'number:12', 'number:774950400']);
    expect(rows.get('text:TOTAL')).toEqual(['text:TOTAL', 'empty:', 'empty:', 'number:12928', 'empty:', 'empty:', 'number:2606284800']);
    expect(rows.get('text:Kode rekening')?.[1]).toBe('text:5.1.02.01.01.0004');
    expect(rows.get('text:Versi roster')?.[1]).toBe('text:17');
    expect(rows.get('text:Disetujui')?.[1]).toBe('number:2606284800');
    expect(rows.get('text:Terbilang')?.[1]).toBe(`text:${TERBILANG}`);
  });
});

describe('Indonesian dates', () => {
  it('writes a calendar date with the month spelled out', () => {
    expect(formatIndonesianDate('2027-01-01')).toBe('1 Januari 2027');
    expect(formatIndonesianDate('2026-12-31')).toBe('31 Desember 2026');
    expect(formatIndonesianDate('2027-08-17')).toBe('17 Agustus 2027');
  });

  it('reads a timestamp in Jakarta (UTC+7): late on 31 December UTC is already 1 January', () => {
    expect(formatIndonesianDate('2026-12-31T17:00:00Z')).toBe('1 Januari 2027');
    expect(formatIndonesianDate('2026-12-31T23:59:59.999Z')).toBe('1 Januari 2027');
    expect(formatIndonesianDate('2026-12-31T16:59:59Z')).toBe('31 Desember 2026');
    expect(formatIndonesianDate('2027-01-01T00:30:00+07:00')).toBe('1 Januari 2027');
    expect(formatIndonesianDateTime('2026-12-31T17:30:00Z')).toBe('1 Januari 2027 pukul 00.30 WIB');
    expect(formatIndonesianDateTime('2027-01-01')).toBe('1 Januari 2027');
  });

  it('refuses what is not a date, and timestamps whose zone is unknown', () => {
    expect(() => formatIndonesianDate('2027-02-30')).toThrow('neither a date');
    expect(() => formatIndonesianDate('2027-01-01T10:00:00')).toThrow('with an offset');
    expect(() => formatIndonesianDate('1 Januari 2027')).toThrow();
  });

  it('writes months and spans of months', () => {
    expect(formatIndonesianMonth('2027-07')).toBe('Juli 2027');
    expect(formatIndonesianMonth('2027-05')).toBe('Mei 2027');
    expect(formatIndonesianMonthRange('2027-01', '2027-12')).toBe('Januari–Desember 2027');
    expect(formatIndonesianMonthRange('2027-07', '2027-07')).toBe('Juli 2027');
    expect(formatIndonesianMonthRange('2026-12', '2027-01')).toBe('Desember 2026–Januari 2027');
    expect(() => formatIndonesianMonth('2027-13')).toThrow('not a month');
  });
});
