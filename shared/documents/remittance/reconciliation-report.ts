import type { Writable } from 'node:stream';
import { formatIndonesianDateTime, formatIndonesianMonth } from '../../core/calendar/indonesian-dates';
import { maskNik, maskPersonalData } from '../../core/people/personal-data';
import { type BillStatus, type Discrepancy, DiscrepancyKind, type InsurerBill } from '../../core/remittance/insurer-bill';
import type { CsvDelimiter } from '../spreadsheets/csv-delimiter';
import { openRowWriter, type SpreadsheetFormat } from '../spreadsheets/open-row-writer';
import { rupiahCell, type SheetCell } from '../spreadsheets/sheet-cell';

/**
 * The reconciliation of one insurer's bill as a spreadsheet finance and the regional offices
 * read, dispute from and file: a title block of key/value rows (the bill, what was expected and
 * billed, how many people fall in each kind of discrepancy, the acceptance), then one row per
 * person whose bill differs from the ledger. Labels are in Bahasa Indonesia with English.
 *
 * The report goes to people: NIKs are masked (the region and serial stay, so an office can still
 * find the person), and free text is masked too. Money and headcounts are numbers (rupiah cells
 * in XLSX, plain digits in CSV), so a spreadsheet can sum them; the kode iuran, KPJ, hashes and
 * bill line numbers stay text.
 */

export const DISCREPANCY_LABELS: { readonly [K in DiscrepancyKind]: string } = {
  'not-enrolled': 'Ditagih tetapi tidak terdaftar / billed but not enrolled',
  'not-billed': 'Terdaftar tetapi tidak ditagih / enrolled but not billed',
  'amount-differs': 'Nominal berbeda / amount differs',
  'billed-after-cover-ended': 'Ditagih setelah kepesertaan berakhir / billed after cover ended',
  'billed-twice': 'Ditagih ganda / billed twice',
};

const STATUS_LABELS: { readonly [S in BillStatus]: string } = {
  receiving: 'Sedang diterima / receiving',
  reconciling: 'Sedang direkonsiliasi / reconciling',
  reconciled: 'Sudah direkonsiliasi / reconciled',
  accepted: 'Diterima / accepted',
  failed: 'Gagal / failed',
  refused: 'Ditolak: jumlah kontrol tidak sesuai / refused: control figures do not add up',
  withdrawn: 'Ditarik / withdrawn',
};

const TITLE = 'Rekonsiliasi Tagihan Iuran BPJS Ketenagakerjaan / Reconciliation of the insurer\'s bill';

/** The columns of the discrepancy rows; the title block above them uses the first two. */
export const RECONCILIATION_REPORT_HEADER = [
  'NIK',
  'Nama',
  'KPJ',
  'Segmen',
  'Jenis / Kind',
  'Baris Tagihan / Bill lines',
  'Diharapkan (Rp) / Expected',
  'Ditagih (Rp) / Billed',
  'Selisih (Rp) / Difference',
  'Keterangan / Detail',
  'Sengketa / Dispute',
];

/** The title block: the bill and its figures, as key/value rows as wide as the header. */
export function reconciliationTitleRows(bill: InsurerBill): SheetCell[][] {
  const reconciliation = bill.reconciliation;
  const acceptance = bill.acceptance;
  const row = (key: string, value: SheetCell | undefined) => padded([key, value ?? '']);
  const money = (amount: number | undefined) => (amount === undefined ? undefined : rupiahCell(amount));
  return [
    padded([TITLE]),
    row('Peraturan / Regulation', bill.regulationId),
    row('Bulan / Month', formatIndonesianMonth(bill.month)),
    row('Kode Iuran', bill.kodeIuran),
    row('Nomor Tagihan / Bill', bill.billId),
    row('Status', STATUS_LABELS[bill.status]),
    ...(bill.failure ? [row('Kegagalan / Failure', maskPersonalData(bill.failure))] : []),
    row('Peserta diharapkan / Expected people', reconciliation?.expected.people),
    row('Iuran diharapkan (Rp) / Expected amount', money(reconciliation?.expected.amount)),
    row('Peserta ditagih / Billed people', (reconciliation?.billed ?? bill.received).people),
    row('Iuran ditagih (Rp) / Billed amount', money((reconciliation?.billed ?? bill.received).amount)),
    row('Cocok / Matched', reconciliation?.matched),
    ...DiscrepancyKind.options.map((kind) => row(DISCREPANCY_LABELS[kind], reconciliation?.discrepancies[kind])),
    row('Nominal bermasalah (Rp) / Discrepant amount', money(reconciliation?.discrepantAmount)),
    ...(acceptance
      ? [
          row('Diterima oleh / Accepted by', `${acceptance.by}, ${formatIndonesianDateTime(acceptance.at)}`),
          row('Dapat dibayar (Rp) / Payable', money(acceptance.payable)),
          row('Peserta disengketakan / Disputed people', acceptance.disputed.people),
          row('Iuran disengketakan (Rp) / Disputed amount', money(acceptance.disputed.amount)),
          row('Hash penerimaan / Acceptance hash', acceptance.hash),
        ]
      : []),
    row('Sudah dibayar (Rp) / Paid', money(bill.paid)),
    row('Hash berkas / File digest', bill.fileDigest),
  ];
}

/** One person's discrepancy, in the columns of RECONCILIATION_REPORT_HEADER. */
export function reconciliationReportRow(discrepancy: Discrepancy): SheetCell[] {
  const { dispute } = discrepancy;
  return [
    maskNik(discrepancy.nik),
    discrepancy.name,
    discrepancy.kpj ?? '',
    discrepancy.segment,
    DISCREPANCY_LABELS[discrepancy.kind],
    discrepancy.lines.join(', '),
    rupiahCell(discrepancy.expected),
    rupiahCell(discrepancy.billed),
    rupiahCell(discrepancy.billed - discrepancy.expected),
    maskPersonalData(discrepancy.detail),
    dispute ? `${maskPersonalData(dispute.note)} (${dispute.by}, ${formatIndonesianDateTime(dispute.at)})` : '',
  ];
}

/**
 * Writes the report: the title block, a blank row, the header, then the discrepancies as they
 * stream in (a bill of a million people may have many; none is held).
 */
export async function writeReconciliationReport(
  output: string | Writable,
  format: SpreadsheetFormat,
  bill: InsurerBill,
  discrepancies: AsyncIterable<Discrepancy>,
  delimiter?: CsvDelimiter,
): Promise<void> {
  const writer = openRowWriter(output, format, 'Rekonsiliasi', delimiter);
  for (const row of reconciliationTitleRows(bill)) await writer.writeRow(row);
  await writer.writeRow(padded([]));
  await writer.writeRow(RECONCILIATION_REPORT_HEADER);
  for await (const discrepancy of discrepancies) await writer.writeRow(reconciliationReportRow(discrepancy));
  await writer.close();
}

function padded(cells: SheetCell[]): SheetCell[] {
  return [...cells, ...Array<string>(Math.max(0, RECONCILIATION_REPORT_HEADER.length - cells.length)).fill('')];
}
