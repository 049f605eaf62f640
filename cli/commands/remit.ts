import type { Command } from 'commander';
import type { z } from 'zod';
import type { ArrearsWatch, Discrepancy, ExpectedBillList, InsurerBill, MonthRemittance } from '../../shared/api/remittance-schemas';
import { MAX_PAGE_LIMIT } from '../../shared/api/page-limits';
import { formatMonthIn } from '../../shared/core/calendar/indonesian-dates';
import { InvalidInputError } from '../../shared/core/errors';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { parseRupiah } from '../../shared/core/money/rupiah-text';
import { maskNik, maskPersonalData } from '../../shared/core/people/personal-data';
import { DiscrepancyKind } from '../../shared/core/remittance/insurer-bill';
import { DISCREPANCY_TEXTS, MONTH_STATE_TEXTS } from '../../shared/documents/messages/shared-texts';
import { callApi, type GlobalOptions } from '../api-client';
import { followBill, peopleCount, uploadBill, writeBillReport } from '../bill-upload';
import { CliError } from '../cli-config';
import { cliLanguage } from '../language';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { type CliText, t } from '../messages';
import { formatCount, print } from '../output';
import { csvDelimiter, spreadsheetFormat, DELIMITER_OPTION } from '../spreadsheet-file';
import { type Progress, progress } from '../progress';
import { amountInDispute } from '../../shared/core/remittance/reconcile-person';
import { UsageError } from '../usage-error';

type ExpectedBills = z.infer<typeof ExpectedBillList>;

/** The progress bars of `remit import`, by the upload's phase (bill-upload.ts). */
const PHASE_LABELS: { readonly [P in 'checking' | 'uploading']: CliText } = { checking: 'memeriksa', uploading: 'mengunggah' };

/** Months as this run's language names them: `Februari 2027`, `February 2027`. */
function monthName(month: string): string {
  return formatMonthIn(cliLanguage(), month);
}

export function registerRemit(program: Command): void {
  const remit = program
    .command('remit')
    .description(t('Iuran: tagihan bulanan BPJS, direkonsiliasi dengan siapa yang terdaftar, diterima dan dibayar dengan SP2D; tunggakan'));

  remit
    .command('bills')
    .description(t('Yang seharusnya ditagih BPJS bulan demi bulan (orang dan jumlah per segmen, jumlah kontrol dan total), dan tagihan yang diimpor untuk tiap bulan'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--year <year>', t('tahun perlindungan'))
    .option('--month <YYYY-MM>', t('hanya bulan ini'))
    .action(async (options: { regulation: string; year: string; month?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const all = await remitApi<ExpectedBills>(globals, 'GET', `/regulations/${encodeURIComponent(options.regulation)}/bills?year=${encodeURIComponent(yearOption(options.year))}`);
      const list = options.month ? { ...all, bills: all.bills.filter((bill) => bill.month === options.month) } : all;
      if (options.month && list.bills.length === 0) {
        throw new CliError(t('Tidak ada yang ditagih pada {month} menurut {regulation}: periksa bulannya, atau tampilkan setahun tanpa --month.', { month: options.month, regulation: options.regulation }));
      }
      print(globals.json, list, () => describeExpectedBills(list));
    });

  remit
    .command('import <file>')
    .description(t('Impor tagihan BPJS (.csv atau .xlsx; keuangan): diperiksa utuh dulu, diunggah per bagian, lalu direkonsiliasi orang per orang dengan ledger'))
    .requiredOption('--regulation <id>', t('peraturan yang wadah (rekening kolektif)-nya ditagih'))
    .action(async (file: string, options: { regulation: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { bill, alreadyOpen } = await uploadBill(
        globals,
        { regulationId: options.regulation, file },
        {
          phase: (name, total) => (globals.json ? silent : progress(t(PHASE_LABELS[name]), total)),
          note: (text) => {
            if (!globals.json) process.stderr.write(`${text}\n`);
          },
        },
      ).catch(explainRefusal);
      print(globals.json, bill, () => [...(alreadyOpen ? [t('Sudah diimpor: {file} adalah tagihan {bill}; tidak ada yang berubah.', { file, bill: bill.billId })] : []), ...describeBill(bill)]);
      if (bill.status === 'failed' || bill.status === 'refused') process.exitCode = 1;
    });

  remit
    .command('show <billId>')
    .description(t('Sebuah tagihan: angka kontrol, rekonsiliasi, penerimaan dan pembayarannya'))
    .action(async (billId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bill = await remitApi<InsurerBill>(globals, 'GET', billPath(billId));
      print(globals.json, bill, () => describeBill(bill));
    });

  withPageOptions(
    remit
      .command('discrepancies <billId>')
      .description(t('Orang yang tagihannya berbeda dengan ledger, beserta sebab dan tindakannya (semua halaman kecuali --limit)'))
      .option('--kind <kind>', t('hanya satu jenis: {kinds}', { kinds: DiscrepancyKind.options.join(', ') })),
  ).action(async (billId: string, options: { kind?: string } & PageOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const kind = kindOption(options.kind);
    const listed = await listPages<Discrepancy>(globals, `${billPath(billId)}/discrepancies`, 'items', { kind }, options).catch(explainRefusal);
    print(globals.json, { billId, ...(kind ? { kind } : {}), discrepancies: listed.items, nextCursor: listed.nextCursor }, () => [
      ...(listed.items.length === 0
        ? [kind ? t('Tagihan {bill} tidak punya selisih berjenis {kind}.', { bill: billId, kind }) : t('Tagihan {bill} tidak punya selisih.', { bill: billId })]
        : listed.items.flatMap(describeDiscrepancy)),
      ...moreLine(listed),
    ]);
  });

  remit
    .command('report <billId>')
    .description(t('Tulis laporan rekonsiliasi (tagihan, angkanya, satu baris per selisih; NIK disamarkan) ke .csv atau .xlsx'))
    .requiredOption('-o, --output <path>', t('berkas laporan (.csv atau .xlsx)'))
    .option(...DELIMITER_OPTION)
    .action(async (billId: string, options: { output: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const format = spreadsheetFormat(options.output, 'laporannya');
      const delimiter = csvDelimiter(options.delimiter);
      const bill = await remitApi<InsurerBill>(globals, 'GET', billPath(billId));
      const expected = Object.values(bill.reconciliation?.discrepancies ?? {}).reduce((sum, n) => sum + n, 0);
      const writing = globals.json ? silent : progress(t('menulis'), expected);
      let rows = 0;
      try {
        await writeBillReport(options.output, format, bill, counted(discrepancyPages(globals, billId), () => writing.update(++rows)), delimiter);
      } finally {
        writing.stop();
      }
      print(globals.json, { billId, output: options.output, discrepancies: rows }, () => [
        t('Rekonsiliasi tagihan {bill} ({status}) dengan {discrepancies} ditulis ke {file}.', {
          bill: billId,
          status: bill.status,
          discrepancies: t(rows === 1 ? '1 selisih' : '{n} selisih', { n: formatCount(rows) }),
          file: options.output,
        }),
      ]);
    });

  remit
    .command('dispute <billId>')
    .description(t('Sanggah baris seseorang pada tagihan yang sudah direkonsiliasi (keuangan); tagihan di atas iuran terutang ditahan dari yang boleh dibayar. Sekali lagi: mengganti catatannya'))
    .requiredOption('--nik <nik>', t('NIK orang yang barisnya disanggah'))
    .requiredOption('--note <text>', t('alasannya, untuk kantor cabang BPJS'))
    .action(async (billId: string, options: { nik: string; note: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const nik = options.nik.replace(/[\s.-]/g, '');
      const disputed = await remitApi<Discrepancy>(globals, 'POST', `${billPath(billId)}/disputes`, { nik, note: options.note });
      print(globals.json, disputed, () => [
        t('Disanggah pada tagihan {bill}: {nik} {name} ({kind}, ditagih {billed}, diharapkan {expected}).', {
          bill: billId,
          nik: maskNik(disputed.nik),
          name: disputed.name,
          kind: t(DISCREPANCY_TEXTS[disputed.kind]),
          billed: formatRupiah(disputed.billed),
          expected: formatRupiah(disputed.expected),
        }),
        t('  {amount} ditahan dari yang boleh dibayar setelah penerimaan. Lalu: npx lindung remit accept {bill}', { amount: formatRupiah(amountInDispute(disputed)), bill: billId }),
      ]);
    });

  remit
    .command('accept <billId>')
    .description(t('Terima tagihan yang sudah direkonsiliasi (keuangan): tagihan dibekukan dan boleh dibayar, dikurangi baris yang disanggah; petugas lain mencatat pembayarannya'))
    .option('--note <text>', t('catatan yang disimpan bersama penerimaan'))
    .action(async (billId: string, options: { note?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bill = await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/acceptance`, options.note ? { note: options.note } : {});
      print(globals.json, bill, () => describeBill(bill));
    });

  remit
    .command('withdraw <billId>')
    .description(t('Tarik tagihan yang belum diterima (keuangan), agar tagihan koreksi dapat mengisi bulannya'))
    .requiredOption('--reason <text>', t('mengapa tagihan ditarik'))
    .action(async (billId: string, options: { reason: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bill = await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/withdrawal`, { reason: options.reason });
      print(globals.json, bill, () => describeBill(bill));
    });

  remit
    .command('pay <billId>')
    .description(t('Catat SP2D yang membayar tagihan yang sudah diterima, seluruhnya atau sebagian (keuangan; tidak pernah oleh yang menerimanya)'))
    .requiredOption('--sp2d <number>', t('nomor SP2D (surat perintah pencairan dana)'))
    .requiredOption('--date <YYYY-MM-DD>', t('tanggal SP2D'))
    .requiredOption('--amount <rupiah>', t('jumlah yang dibayar, dalam rupiah bulat: 1234500 atau 1.234.500'))
    .requiredOption('--kode-iuran <code>', t('kode iuran 11 digit untuk membayar tagihan'))
    .action(async (billId: string, options: { sp2d: string; date: string; amount: string; kodeIuran: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
        throw new UsageError(t('--date {date} bukan tanggal: tulis sebagai YYYY-MM-DD, mis. --date 2027-01-12.', { date: options.date }));
      }
      const body = { sp2dNumber: options.sp2d, sp2dDate: options.date, amount: amountOption(options.amount), kodeIuran: options.kodeIuran.replace(/[\s.-]/g, '') };
      const bill = await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/payments`, body);
      print(globals.json, bill, () => describeBill(bill));
    });

  remit
    .command('reconcile <billId>')
    .description(t('Jalankan lagi rekonsiliasi yang gagal (keuangan) dan ikuti sampai selesai'))
    .action(async (billId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const seen = await remitApi<InsurerBill>(globals, 'GET', billPath(billId));
      if (seen.status === 'receiving') {
        throw new CliError(
          t('Tagihan {bill} masih menerima barisnya ({received} dari {count}): selesaikan unggahan dengan berkas yang sama: npx lindung remit import --regulation {regulation} BERKAS', {
            bill: billId,
            received: formatCount(seen.received.people),
            count: formatCount(seen.controlCount),
            regulation: seen.regulationId,
          }),
        );
      }
      if (seen.status !== 'failed' && seen.status !== 'reconciling') {
        print(globals.json, seen, () => [t('Tagihan {bill} berstatus {status}: tidak ada rekonsiliasi untuk dilanjutkan.', { bill: billId, status: seen.status }), ...describeBill(seen)]);
        return;
      }
      // A failed bill is reconciled again as its next attempt; one still reconciling is left to run.
      await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/complete`, { chunks: 0, lines: seen.received.people }, { retry: true });
      if (!globals.json) process.stderr.write(`${t('Merekonsiliasi tagihan {bill} orang per orang dengan ledger…', { bill: billId })}\n`);
      const bill = await followBill(globals, billId).catch(explainRefusal);
      print(globals.json, bill, () => describeBill(bill));
      if (bill.status === 'failed') process.exitCode = 1;
    });

  remit
    .command('arrears')
    .description(t('Keadaan iuran tiap bulan (jatuh tempo, lunas, terlambat, berisiko, nonaktif) per hari ini di Jakarta, serta siapa yang akan kehilangan perlindungan, dan kapan'))
    .requiredOption('--regulation <id>', t('peraturannya'))
    .requiredOption('--year <year>', t('tahun perlindungan'))
    .action(async (options: { regulation: string; year: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const watch = await remitApi<ArrearsWatch>(globals, 'GET', `/regulations/${encodeURIComponent(options.regulation)}/arrears?year=${encodeURIComponent(yearOption(options.year))}`);
      print(globals.json, watch, () => describeArrears(watch));
    });
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

function billPath(billId: string): string {
  return `/bills/${encodeURIComponent(billId)}`;
}

/** Calls the API; a refusal shows the server's own words (see explainRefusal). */
async function remitApi<T>(globals: GlobalOptions, method: string, path: string, body?: unknown, options: { retry?: boolean } = {}): Promise<T> {
  return callApi<T>(globals, method, path, body, { retry: options.retry ?? method === 'GET' }).catch(explainRefusal);
}

/**
 * A 403 here is mostly separation of duties (whoever accepted a bill may not record its payment):
 * the server's message says who must act, so it is shown alone, without the CLI's general advice
 * to sign in with another role, which would mislead a finance officer who holds the role.
 */
function explainRefusal(error: unknown): never {
  const problem = error instanceof CliError ? (error.details as { status?: number; detail?: string; errors?: unknown[] } | undefined) : undefined;
  if (problem?.status === 403 && problem.detail) throw new CliError(t('Ditolak (403): {detail}', { detail: problem.detail }), error instanceof CliError ? error.details : undefined);
  throw error;
}

function yearOption(text: string): string {
  if (!/^\d{4}$/.test(text)) throw new UsageError(t('--year {year} bukan tahun: tulis empat angka, mis. --year 2027.', { year: text }));
  return text;
}

function kindOption(text: string | undefined): DiscrepancyKind | undefined {
  if (text === undefined) return undefined;
  const parsed = DiscrepancyKind.safeParse(text);
  if (!parsed.success) throw new UsageError(t('--kind {kind} bukan jenis selisih: pakai salah satu dari {kinds}.', { kind: text, kinds: DiscrepancyKind.options.join(', ') }));
  return parsed.data;
}

/** --amount as integer rupiah (shared/core/money/rupiah-text.ts), refused with an example. */
function amountOption(text: string): number {
  try {
    return parseRupiah(text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new UsageError(t('--amount {problem}: {issue}. Contoh: --amount 1.234.500', { problem: error.message, issue: error.issues[0]!.message }));
  }
}

/** Every discrepancy of a bill, page after page, as the API gives them (NIK bucket order). */
async function* discrepancyPages(globals: GlobalOptions, billId: string): AsyncIterable<Discrepancy> {
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(MAX_PAGE_LIMIT), ...(cursor ? { cursor } : {}) });
    const page = await remitApi<{ items: Discrepancy[]; nextCursor?: string }>(globals, 'GET', `${billPath(billId)}/discrepancies?${query}`);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

async function* counted<T>(items: AsyncIterable<T>, each: () => void): AsyncIterable<T> {
  for await (const item of items) {
    yield item;
    each();
  }
}

/** A column's width: its widest cell, or its heading in this language when that is wider. */
function width(heading: string, cells: readonly string[]): number {
  return Math.max(heading.length, ...cells.map((cell) => cell.length));
}

function describeExpectedBills(list: ExpectedBills): string[] {
  if (list.bills.length === 0) {
    return [t('Tidak ada yang ditagih untuk {regulation} pada {year}: belum ada yang terdaftar untuk tahun itu (npx lindung enroll start --proposal ID --wait).', { regulation: list.regulationId, year: list.year })];
  }
  const dueWidth = width(t('Jatuh tempo'), list.bills.map((bill) => bill.dueDate));
  const indent = ''.padEnd(8 + 1 + dueWidth);
  const lines = [
    t('Tagihan yang diharapkan dari {regulation}, {year} (wadah {wadah})', { regulation: list.regulationId, year: list.year, wadah: list.bills[0]!.wadahCode }),
    `${t('Bulan').padEnd(8)} ${t('Jatuh tempo').padEnd(dueWidth)}  ${t('Segmen').padEnd(18)} ${t('Orang').padStart(8)} ${t('Jumlah (Rp)').padStart(16)}  ${t('Tagihan BPJS')}`,
  ];
  for (const expected of list.bills) {
    expected.segments.forEach((segment, index) => {
      const lead = index === 0 ? `${expected.month.padEnd(8)} ${expected.dueDate.padEnd(dueWidth)}` : indent;
      lines.push(`${lead}  ${segment.segment.padEnd(18)} ${formatCount(segment.people).padStart(8)} ${formatRupiah(segment.amount).padStart(16)}`);
    });
    const bill = expected.bill;
    const billText = bill
      ? [
          bill.status,
          `kode iuran ${bill.kodeIuran}`,
          t('ditagih {people}, {amount}', { people: formatCount(bill.controlCount), amount: formatRupiah(bill.controlTotal) }),
          bill.payable !== undefined
            ? t('dibayar {paid} dari {payable}', { paid: formatRupiah(bill.paid), payable: formatRupiah(bill.payable) })
            : t('dibayar {paid}', { paid: formatRupiah(bill.paid) }),
          bill.billId,
        ].join(' · ')
      : t('belum ada yang diimpor');
    lines.push(`${indent}  ${t('kontrol').padEnd(18)} ${formatCount(expected.controlCount).padStart(8)} ${formatRupiah(expected.controlTotal).padStart(16)}  ${billText}`);
  }
  lines.push(t('Impor tagihan sebulan: npx lindung remit import --regulation {regulation} tagihan.csv', { regulation: list.regulationId }));
  return lines;
}

export function describeBill(bill: InsurerBill): string[] {
  const r = bill.reconciliation;
  const labels = {
    control: t('kontrol (menurut tagihan)'),
    expected: t('diharapkan (ledger)'),
    billed: t('ditagih (barisnya)'),
    matched: t('cocok'),
    discrepant: t('nilai selisih'),
    received: t('diterima sejauh ini'),
  };
  const labelWidth = width('', [...Object.values(labels), ...DiscrepancyKind.options]);
  const figures = (label: string, f: { people: number; amount: number }) => `  ${label.padEnd(labelWidth)} ${formatCount(f.people).padStart(8)} ${formatRupiah(f.amount).padStart(16)}`;
  const lines = [
    t('Tagihan {bill}: {regulation}, {month} ({code}): {status}', { bill: bill.billId, regulation: bill.regulationId, month: monthName(bill.month), code: bill.month, status: bill.status }) +
      (bill.attempt > 1 ? t(' (percobaan {attempt})', { attempt: bill.attempt }) : ''),
    t('  kode iuran {kode}, wadah {wadah}, dari {file} ({source}), diimpor oleh {user} pada {at}', {
      kode: bill.kodeIuran,
      wadah: bill.wadahCode,
      file: bill.fileName,
      source: bill.source,
      user: bill.importedBy,
      at: bill.importedAt,
    }),
    `  ${''.padEnd(labelWidth)} ${t('Orang').padStart(8)} ${t('Jumlah (Rp)').padStart(16)}`,
    figures(labels.control, { people: bill.controlCount, amount: bill.controlTotal }),
  ];
  if (r) {
    lines.push(figures(labels.expected, r.expected), figures(labels.billed, r.billed), `  ${labels.matched.padEnd(labelWidth)} ${formatCount(r.matched).padStart(8)}`);
    const kinds = DiscrepancyKind.options.filter((kind) => (r.discrepancies[kind] ?? 0) > 0);
    if (kinds.length === 0) lines.push(t('  tidak ada selisih: setiap baris sesuai dengan ledger'));
    for (const kind of kinds) lines.push(`  ${kind.padEnd(labelWidth)} ${formatCount(r.discrepancies[kind]!).padStart(8)}  (${t(DISCREPANCY_TEXTS[kind])})`);
    if (r.discrepantAmount > 0) lines.push(`  ${labels.discrepant.padEnd(labelWidth)} ${''.padStart(8)} ${formatRupiah(r.discrepantAmount).padStart(16)}`);
  } else if (bill.status === 'receiving' || bill.status === 'refused') {
    lines.push(figures(labels.received, bill.received));
  }
  const a = bill.acceptance;
  if (a) {
    lines.push(
      t('  diterima oleh {user} pada {at}{note}: dapat dibayar {payable}', { user: a.by, at: a.at, note: a.note ? ` (${a.note})` : '', payable: formatRupiah(a.payable) }) +
        (a.disputed.people > 0 ? t(', {people} disanggah ({amount} ditahan)', { people: peopleCount(a.disputed.people), amount: formatRupiah(a.disputed.amount) }) : ''),
    );
  }
  for (const p of bill.payments) {
    lines.push(t('  dibayar {amount} dengan SP2D {sp2d} tanggal {date}, dicatat oleh {user}', { amount: formatRupiah(p.amount), sp2d: p.sp2dNumber, date: p.sp2dDate, user: p.recordedBy }));
  }
  if (a) {
    lines.push(
      bill.paid >= a.payable
        ? t('  lunas: dibayar penuh ({amount})', { amount: formatRupiah(bill.paid) })
        : t('  dibayar {paid} dari {payable}; sisa {remaining}', { paid: formatRupiah(bill.paid), payable: formatRupiah(a.payable), remaining: formatRupiah(a.payable - bill.paid) }),
    );
  }
  if (bill.failure) lines.push(`  ${maskPersonalData(bill.failure)}`);
  lines.push(...nextSteps(bill));
  return lines;
}

function nextSteps(bill: InsurerBill): string[] {
  const id = bill.billId;
  switch (bill.status) {
    case 'receiving':
      return [t('  Unggahan berhenti di tengah jalan: impor berkas yang sama lagi untuk mengirim sisanya (npx lindung remit import --regulation {regulation} BERKAS).', { regulation: bill.regulationId })];
    case 'reconciling':
      return [t('  Masih direkonsiliasi: npx lindung remit reconcile {bill} mengikutinya.', { bill: id })];
    case 'reconciled': {
      const discrepancies = Object.values(bill.reconciliation?.discrepancies ?? {}).some((n) => n > 0);
      return [
        ...(discrepancies
          ? [
              t('  Lihat siapa yang berselisih: npx lindung remit discrepancies {bill} (atau remit report {bill} -o rekonsiliasi.xlsx)', { bill: id }),
              t('  Sanggah sebuah baris: npx lindung remit dispute {bill} --nik NIK --note TEKS', { bill: id }),
            ]
          : []),
        t('  Terima tagihan: npx lindung remit accept {bill}; petugas keuangan lain lalu mencatat SP2D-nya', { bill: id }),
      ];
    }
    case 'accepted': {
      const remaining = (bill.acceptance?.payable ?? 0) - bill.paid;
      return remaining > 0
        ? [
            t('  Catat SP2D-nya (siapa pun di keuangan selain {user}): npx lindung remit pay {bill} --sp2d NOMOR --date YYYY-MM-DD --amount {amount} --kode-iuran {kode}', {
              user: bill.acceptance?.by ?? '',
              bill: id,
              amount: formatRupiah(remaining).slice(2),
              kode: bill.kodeIuran,
            }),
          ]
        : [];
    }
    case 'failed':
      return [t('  Lanjutkan rekonsiliasi: npx lindung remit reconcile {bill}', { bill: id })];
    case 'refused':
      return [t('  Minta tagihan koreksi ke kantor cabang BPJS, lalu impor tagihan itu.')];
    case 'withdrawn':
      return [t('  Ditarik: {month} terbuka untuk tagihan koreksi.', { month: bill.month })];
  }
}

function describeDiscrepancy(d: Discrepancy): string[] {
  const lineNumbers =
    d.lines.length === 0
      ? t('tidak ada di tagihan')
      : t(d.lines.length === 1 ? 'baris {lines}' : 'baris-baris {lines}', { lines: d.lines.join(', ') });
  return [
    `${maskNik(d.nik)}  ${d.name}  ${d.segment}${d.kpj ? `  KPJ ${d.kpj}` : ''}  ` +
      t('{kind}: diharapkan {expected}, ditagih {billed} ({lines})', { kind: d.kind, expected: formatRupiah(d.expected), billed: formatRupiah(d.billed), lines: lineNumbers }),
    `    ${maskPersonalData(d.detail)}`,
    ...(d.dispute ? [t('    disanggah oleh {user} pada {at}: {note}', { user: d.dispute.by, at: d.dispute.at, note: maskPersonalData(d.dispute.note) })] : []),
  ];
}

function describeArrears(watch: ArrearsWatch): string[] {
  if (watch.months.length === 0) {
    return [t('Tidak ada iuran terutang untuk {regulation} pada {year}: belum ada yang terdaftar untuk tahun itu.', { regulation: watch.regulationId, year: watch.year })];
  }
  const dueWidth = width(t('Jatuh tempo'), watch.months.map((m) => m.dueDate));
  const stateWidth = width(t('Keadaan'), watch.months.map((m) => t(MONTH_STATE_TEXTS[m.state])));
  const lines = [
    t('Iuran {regulation}, {year}, per {date} (Jakarta)', { regulation: watch.regulationId, year: watch.year, date: watch.asOf }),
    `${t('Bulan').padEnd(8)} ${t('Jatuh tempo').padEnd(dueWidth)}  ${t('Keadaan').padEnd(stateWidth)} ${t('Orang').padStart(8)} ${t('Jumlah (Rp)').padStart(16)} ${t('Dibayar').padStart(16)}  ${t('Tagihan BPJS')}`,
    ...watch.months.map((m: MonthRemittance) => {
      const bill = m.billId
        ? m.payable !== undefined
          ? t('{bill} ({status}, dapat dibayar {payable})', { bill: m.billId, status: m.billStatus ?? '', payable: formatRupiah(m.payable) })
          : `${m.billId} (${m.billStatus})`
        : '—';
      const streak = m.unpaidStreak > 1 ? t('  {n} bulan berturut-turut belum dibayar', { n: m.unpaidStreak }) : '';
      return `${m.month.padEnd(8)} ${m.dueDate.padEnd(dueWidth)}  ${t(MONTH_STATE_TEXTS[m.state]).padEnd(stateWidth)} ${formatCount(m.people).padStart(8)} ${formatRupiah(m.amount).padStart(16)} ${formatRupiah(m.paid).padStart(16)}  ${bill}${streak}`;
    }),
  ];
  const loses = watch.losesCover;
  if (loses) {
    const segments = Object.entries(loses.bySegment)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([segment, n]) => `${segment} ${formatCount(n)}`)
      .join(', ');
    const months = loses.unpaidMonths.map(monthName);
    lines.push(
      t('Siapa yang akan kehilangan perlindungan, dan kapan: bila tidak ada pembayaran lagi, {people}{segments} kehilangan kepesertaan dan perlindungannya pada {date}, setelah {n} bulan tidak dibayar ({months}).', {
        people: peopleCount(loses.people),
        segments: segments ? ` (${segments})` : '',
        date: loses.on,
        n: months.length,
        months: months.join(', '),
      }),
    );
  } else {
    lines.push(t('Siapa yang akan kehilangan perlindungan, dan kapan: tidak ada tahun ini, menurut pembayaran yang tercatat sejauh ini.'));
  }
  return lines;
}
