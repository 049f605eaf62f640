import type { Command } from 'commander';
import type { z } from 'zod';
import type { ArrearsWatch, Discrepancy, ExpectedBillList, InsurerBill, MonthRemittance } from '../../shared/api/remittance-schemas';
import { MAX_PAGE_LIMIT } from '../../shared/api/page-limits';
import { formatIndonesianMonth } from '../../shared/core/calendar/indonesian-dates';
import { InvalidInputError } from '../../shared/core/errors';
import { formatRupiah } from '../../shared/core/money/rupiah';
import { parseRupiah } from '../../shared/core/money/rupiah-text';
import { maskNik, maskPersonalData } from '../../shared/core/people/personal-data';
import type { MonthState } from '../../shared/core/remittance/arrears';
import { DiscrepancyKind } from '../../shared/core/remittance/insurer-bill';
import { callApi, type GlobalOptions } from '../api-client';
import { followBill, uploadBill, writeBillReport } from '../bill-upload';
import { CliError } from '../cli-config';
import { type PageOptions, listPages, moreLine, withPageOptions } from '../list-pages';
import { formatCount, print } from '../output';
import { csvDelimiter, spreadsheetFormat, DELIMITER_OPTION } from '../spreadsheet-file';
import { type Progress, progress } from '../progress';
import { amountInDispute } from '../../shared/core/remittance/reconcile-person';
import { UsageError } from '../usage-error';

type ExpectedBills = z.infer<typeof ExpectedBillList>;

/** Each month's remittance state, in Bahasa Indonesia and English, as the audit trail words them. */
const STATE_LABELS: { readonly [S in MonthState]: string } = {
  none: 'tidak ada peserta / nobody covered',
  upcoming: 'belum dimulai / upcoming',
  due: 'jatuh tempo / due',
  paid: 'lunas / paid',
  late: 'terlambat / late',
  'at-risk': 'berisiko / at risk',
  inactive: 'nonaktif / inactive',
};

const KIND_LABELS: { readonly [K in DiscrepancyKind]: string } = {
  'not-enrolled': 'billed but not enrolled',
  'not-billed': 'enrolled but not billed',
  'amount-differs': 'amount differs',
  'billed-after-cover-ended': 'billed after cover ended',
  'billed-twice': 'billed twice',
};

export function registerRemit(program: Command): void {
  const remit = program
    .command('remit')
    .description("Remittance: the insurer's monthly bill, reconciled against who is enrolled, accepted and paid by SP2D; arrears");

  remit
    .command('bills')
    .description('What the insurer should bill month by month (people and amount per segment, control count and total), and the bill imported for each month')
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--year <year>', 'the coverage year')
    .option('--month <YYYY-MM>', 'only this month')
    .action(async (options: { regulation: string; year: string; month?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const all = await remitApi<ExpectedBills>(globals, 'GET', `/regulations/${encodeURIComponent(options.regulation)}/bills?year=${encodeURIComponent(yearOption(options.year))}`);
      const list = options.month ? { ...all, bills: all.bills.filter((bill) => bill.month === options.month) } : all;
      if (options.month && list.bills.length === 0) throw new CliError(`Nobody is billed in ${options.month} under ${options.regulation}: check the month, or list the year without --month.`);
      print(globals.json, list, () => describeExpectedBills(list));
    });

  remit
    .command('import <file>')
    .description("Import the insurer's bill (.csv or .xlsx; finance): checked whole first, uploaded in chunks, then reconciled person by person against the ledger")
    .requiredOption('--regulation <id>', 'the regulation whose collective account (wadah) the bill is for')
    .action(async (file: string, options: { regulation: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { bill, alreadyOpen } = await uploadBill(
        globals,
        { regulationId: options.regulation, file },
        {
          phase: (name, total) => (globals.json ? silent : progress(name, total)),
          note: (text) => {
            if (!globals.json) process.stderr.write(`${text}\n`);
          },
        },
      ).catch(explainRefusal);
      print(globals.json, bill, () => [...(alreadyOpen ? [`Already imported: ${file} is bill ${bill.billId}; nothing changed.`] : []), ...describeBill(bill)]);
      if (bill.status === 'failed' || bill.status === 'refused') process.exitCode = 1;
    });

  remit
    .command('show <billId>')
    .description('A bill: its control figures, reconciliation, acceptance and payments')
    .action(async (billId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bill = await remitApi<InsurerBill>(globals, 'GET', billPath(billId));
      print(globals.json, bill, () => describeBill(bill));
    });

  withPageOptions(
    remit
      .command('discrepancies <billId>')
      .description("The people whose bill differs from the ledger, with why and what to do (every page unless --limit)")
      .option('--kind <kind>', `only one kind: ${DiscrepancyKind.options.join(', ')}`),
  ).action(async (billId: string, options: { kind?: string } & PageOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const kind = kindOption(options.kind);
    const listed = await listPages<Discrepancy>(globals, `${billPath(billId)}/discrepancies`, 'items', { kind }, options).catch(explainRefusal);
    print(globals.json, { billId, ...(kind ? { kind } : {}), discrepancies: listed.items, nextCursor: listed.nextCursor }, () => [
      ...(listed.items.length === 0 ? [`Bill ${billId} has no discrepancies${kind ? ` of kind ${kind}` : ''}.`] : listed.items.flatMap(describeDiscrepancy)),
      ...moreLine(listed),
    ]);
  });

  remit
    .command('report <billId>')
    .description('Write the reconciliation report (the bill, its figures, one row per discrepancy; NIK masked) to .csv or .xlsx')
    .requiredOption('-o, --output <path>', 'the report file (.csv or .xlsx)')
    .option(...DELIMITER_OPTION)
    .action(async (billId: string, options: { output: string; delimiter?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const format = spreadsheetFormat(options.output, 'the report');
      const delimiter = csvDelimiter(options.delimiter);
      const bill = await remitApi<InsurerBill>(globals, 'GET', billPath(billId));
      const expected = Object.values(bill.reconciliation?.discrepancies ?? {}).reduce((sum, n) => sum + n, 0);
      const writing = globals.json ? silent : progress('writing', expected);
      let rows = 0;
      try {
        await writeBillReport(options.output, format, bill, counted(discrepancyPages(globals, billId), () => writing.update(++rows)), delimiter);
      } finally {
        writing.stop();
      }
      print(globals.json, { billId, output: options.output, discrepancies: rows }, () => [
        `Wrote the reconciliation of bill ${billId} (${bill.status}) with ${formatCount(rows)} ${rows === 1 ? 'discrepancy' : 'discrepancies'} to ${options.output}.`,
      ]);
    });

  remit
    .command('dispute <billId>')
    .description("Dispute a person's line of a reconciled bill (finance); what it bills beyond the premium owed is held back from what may be paid. Again: replaces the note")
    .requiredOption('--nik <nik>', 'the NIK of the person whose line is disputed')
    .requiredOption('--note <text>', 'why, for the BPJS branch')
    .action(async (billId: string, options: { nik: string; note: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const nik = options.nik.replace(/[\s.-]/g, '');
      const disputed = await remitApi<Discrepancy>(globals, 'POST', `${billPath(billId)}/disputes`, { nik, note: options.note });
      print(globals.json, disputed, () => [
        `Disputed on bill ${billId}: ${maskNik(disputed.nik)} ${disputed.name} (${KIND_LABELS[disputed.kind]}, billed ${formatRupiah(disputed.billed)}, expected ${formatRupiah(disputed.expected)}).`,
        `  ${formatRupiah(amountInDispute(disputed))} is held back from what acceptance lets be paid. Then: npx lindung remit accept ${billId}`,
      ]);
    });

  remit
    .command('accept <billId>')
    .description('Accept a reconciled bill (finance): it is frozen and may be paid, less its disputed lines; another officer records the payment')
    .option('--note <text>', 'a note recorded with the acceptance')
    .action(async (billId: string, options: { note?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bill = await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/acceptance`, options.note ? { note: options.note } : {});
      print(globals.json, bill, () => describeBill(bill));
    });

  remit
    .command('withdraw <billId>')
    .description('Withdraw a bill that was not accepted (finance), so that a corrected bill can take its month')
    .requiredOption('--reason <text>', 'why the bill is withdrawn')
    .action(async (billId: string, options: { reason: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const bill = await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/withdrawal`, { reason: options.reason });
      print(globals.json, bill, () => describeBill(bill));
    });

  remit
    .command('pay <billId>')
    .description("Record an SP2D that paid an accepted bill, whole or in part (finance; never whoever accepted it)")
    .requiredOption('--sp2d <number>', "the SP2D number (the treasury's disbursement order)")
    .requiredOption('--date <YYYY-MM-DD>', 'the date of the SP2D')
    .requiredOption('--amount <rupiah>', 'the amount paid, in whole rupiah: 1234500 or 1.234.500')
    .requiredOption('--kode-iuran <code>', 'the 11-digit kode iuran the bill is paid with')
    .action(async (billId: string, options: { sp2d: string; date: string; amount: string; kodeIuran: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw new UsageError(`--date ${options.date} is not a date: write it as YYYY-MM-DD, e.g. --date 2027-01-12.`);
      const body = { sp2dNumber: options.sp2d, sp2dDate: options.date, amount: amountOption(options.amount), kodeIuran: options.kodeIuran.replace(/[\s.-]/g, '') };
      const bill = await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/payments`, body);
      print(globals.json, bill, () => describeBill(bill));
    });

  remit
    .command('reconcile <billId>')
    .description('Start a failed reconciliation again (finance) and follow it until it ends')
    .action(async (billId: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const seen = await remitApi<InsurerBill>(globals, 'GET', billPath(billId));
      if (seen.status === 'receiving') {
        throw new CliError(
          `Bill ${billId} is still receiving its lines (${formatCount(seen.received.people)} of ${formatCount(seen.controlCount)}): ` +
            `finish the upload with the same file: npx lindung remit import --regulation ${seen.regulationId} FILE`,
        );
      }
      if (seen.status !== 'failed' && seen.status !== 'reconciling') {
        print(globals.json, seen, () => [`Bill ${billId} is ${seen.status}: there is no reconciliation to resume.`, ...describeBill(seen)]);
        return;
      }
      // A failed bill is reconciled again as its next attempt; one still reconciling is left to run.
      await remitApi<InsurerBill>(globals, 'POST', `${billPath(billId)}/complete`, { chunks: 0, lines: seen.received.people }, { retry: true });
      if (!globals.json) process.stderr.write(`Reconciling bill ${billId} person by person against the ledger…\n`);
      const bill = await followBill(globals, billId).catch(explainRefusal);
      print(globals.json, bill, () => describeBill(bill));
      if (bill.status === 'failed') process.exitCode = 1;
    });

  remit
    .command('arrears')
    .description("Each month's remittance state (due, paid, late, at risk, inactive) as of today in Jakarta, and who would lose cover, and when")
    .requiredOption('--regulation <id>', 'the regulation')
    .requiredOption('--year <year>', 'the coverage year')
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
  if (problem?.status === 403 && problem.detail) throw new CliError(`Rejected (403): ${problem.detail}`, error instanceof CliError ? error.details : undefined);
  throw error;
}

function yearOption(text: string): string {
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--year ${text} is not a year: write it as four digits, e.g. --year 2027.`);
  return text;
}

function kindOption(text: string | undefined): DiscrepancyKind | undefined {
  if (text === undefined) return undefined;
  const parsed = DiscrepancyKind.safeParse(text);
  if (!parsed.success) throw new UsageError(`--kind ${text} is not a kind of discrepancy: use one of ${DiscrepancyKind.options.join(', ')}.`);
  return parsed.data;
}

/** --amount as integer rupiah (shared/core/money/rupiah-text.ts), refused with an example. */
function amountOption(text: string): number {
  try {
    return parseRupiah(text);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new UsageError(`--amount ${error.message}: ${error.issues[0]!.message}. For example: --amount 1.234.500`);
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

function people(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'person' : 'people'}`;
}

function describeExpectedBills(list: ExpectedBills): string[] {
  if (list.bills.length === 0) {
    return [`Nothing to bill for ${list.regulationId} in ${list.year}: nobody is enrolled for that year (npx lindung enroll start --proposal ID --wait).`];
  }
  const lines = [
    `Expected bills of ${list.regulationId}, ${list.year} (wadah ${list.bills[0]!.wadahCode})`,
    `${'month'.padEnd(8)} ${'due'.padEnd(10)}  ${'segment'.padEnd(18)} ${'people'.padStart(8)} ${'amount'.padStart(16)}  insurer's bill`,
  ];
  for (const expected of list.bills) {
    expected.segments.forEach((segment, index) => {
      const lead = index === 0 ? `${expected.month.padEnd(8)} ${expected.dueDate.padEnd(10)}` : ''.padEnd(19);
      lines.push(`${lead}  ${segment.segment.padEnd(18)} ${formatCount(segment.people).padStart(8)} ${formatRupiah(segment.amount).padStart(16)}`);
    });
    const bill = expected.bill;
    const billText = bill
      ? [
          bill.status,
          `kode iuran ${bill.kodeIuran}`,
          `billed ${formatCount(bill.controlCount)}, ${formatRupiah(bill.controlTotal)}`,
          bill.payable !== undefined ? `paid ${formatRupiah(bill.paid)} of ${formatRupiah(bill.payable)}` : `paid ${formatRupiah(bill.paid)}`,
          bill.billId,
        ].join(' · ')
      : 'none imported';
    lines.push(`${''.padEnd(19)}  ${'control'.padEnd(18)} ${formatCount(expected.controlCount).padStart(8)} ${formatRupiah(expected.controlTotal).padStart(16)}  ${billText}`);
  }
  lines.push(`Import a month's bill: npx lindung remit import --regulation ${list.regulationId} tagihan.csv`);
  return lines;
}

export function describeBill(bill: InsurerBill): string[] {
  const r = bill.reconciliation;
  const figures = (label: string, f: { people: number; amount: number }) => `  ${label.padEnd(24)} ${formatCount(f.people).padStart(8)} ${formatRupiah(f.amount).padStart(16)}`;
  const lines = [
    `Bill ${bill.billId}: ${bill.regulationId}, ${formatIndonesianMonth(bill.month)} (${bill.month}): ${bill.status}${bill.attempt > 1 ? ` (attempt ${bill.attempt})` : ''}`,
    `  kode iuran ${bill.kodeIuran}, wadah ${bill.wadahCode}, from ${bill.fileName} (${bill.source}), imported by ${bill.importedBy} at ${bill.importedAt}`,
    `  ${''.padEnd(24)} ${'people'.padStart(8)} ${'amount'.padStart(16)}`,
    figures('control (the bill says)', { people: bill.controlCount, amount: bill.controlTotal }),
  ];
  if (r) {
    lines.push(figures('expected (the ledger)', r.expected), figures('billed (its lines)', r.billed), `  ${'matched'.padEnd(24)} ${formatCount(r.matched).padStart(8)}`);
    const kinds = DiscrepancyKind.options.filter((kind) => (r.discrepancies[kind] ?? 0) > 0);
    if (kinds.length === 0) lines.push('  no discrepancies: every line is what the ledger expects');
    for (const kind of kinds) lines.push(`  ${kind.padEnd(24)} ${formatCount(r.discrepancies[kind]!).padStart(8)}  (${KIND_LABELS[kind]})`);
    if (r.discrepantAmount > 0) lines.push(`  ${'discrepant amount'.padEnd(24)} ${''.padStart(8)} ${formatRupiah(r.discrepantAmount).padStart(16)}`);
  } else if (bill.status === 'receiving' || bill.status === 'refused') {
    lines.push(figures('received so far', bill.received));
  }
  const a = bill.acceptance;
  if (a) {
    lines.push(
      `  accepted by ${a.by} at ${a.at}${a.note ? ` (${a.note})` : ''}: payable ${formatRupiah(a.payable)}` +
        (a.disputed.people > 0 ? `, ${people(a.disputed.people)} disputed (${formatRupiah(a.disputed.amount)} held back)` : ''),
    );
  }
  for (const p of bill.payments) lines.push(`  paid ${formatRupiah(p.amount)} by SP2D ${p.sp2dNumber} of ${p.sp2dDate}, recorded by ${p.recordedBy}`);
  if (a) lines.push(bill.paid >= a.payable ? `  lunas: paid in full (${formatRupiah(bill.paid)})` : `  paid ${formatRupiah(bill.paid)} of ${formatRupiah(a.payable)}; ${formatRupiah(a.payable - bill.paid)} remains`);
  if (bill.failure) lines.push(`  ${maskPersonalData(bill.failure)}`);
  lines.push(...nextSteps(bill));
  return lines;
}

function nextSteps(bill: InsurerBill): string[] {
  const id = bill.billId;
  switch (bill.status) {
    case 'receiving':
      return [`  The upload stopped part-way: import the same file again to send the rest (npx lindung remit import --regulation ${bill.regulationId} FILE).`];
    case 'reconciling':
      return [`  Still reconciling: npx lindung remit reconcile ${id} follows it.`];
    case 'reconciled': {
      const discrepancies = Object.values(bill.reconciliation?.discrepancies ?? {}).some((n) => n > 0);
      return [
        ...(discrepancies
          ? [
              `  See who differs: npx lindung remit discrepancies ${id} (or remit report ${id} -o rekonsiliasi.xlsx)`,
              `  Dispute a line: npx lindung remit dispute ${id} --nik NIK --note TEXT`,
            ]
          : []),
        `  Accept it: npx lindung remit accept ${id}; another finance officer then records the SP2D`,
      ];
    }
    case 'accepted': {
      const remaining = (bill.acceptance?.payable ?? 0) - bill.paid;
      return remaining > 0
        ? [`  Record the SP2D (anyone in finance but ${bill.acceptance?.by}): npx lindung remit pay ${id} --sp2d NUMBER --date YYYY-MM-DD --amount ${formatRupiah(remaining).slice(2)} --kode-iuran ${bill.kodeIuran}`]
        : [];
    }
    case 'failed':
      return [`  Resume the reconciliation: npx lindung remit reconcile ${id}`];
    case 'refused':
      return ['  Ask the BPJS branch for a corrected bill, and import that.'];
    case 'withdrawn':
      return [`  Withdrawn: ${bill.month} is free for a corrected bill.`];
  }
}

function describeDiscrepancy(d: Discrepancy): string[] {
  const lineNumbers = d.lines.length === 0 ? 'not on the bill' : `${d.lines.length === 1 ? 'line' : 'lines'} ${d.lines.join(', ')}`;
  return [
    `${maskNik(d.nik)}  ${d.name}  ${d.segment}${d.kpj ? `  KPJ ${d.kpj}` : ''}  ${d.kind}: expected ${formatRupiah(d.expected)}, billed ${formatRupiah(d.billed)} (${lineNumbers})`,
    `    ${maskPersonalData(d.detail)}`,
    ...(d.dispute ? [`    disputed by ${d.dispute.by} at ${d.dispute.at}: ${maskPersonalData(d.dispute.note)}`] : []),
  ];
}

function describeArrears(watch: ArrearsWatch): string[] {
  if (watch.months.length === 0) return [`Nothing is owed for ${watch.regulationId} in ${watch.year}: nobody is enrolled for that year.`];
  const stateWidth = Math.max(...watch.months.map((m) => STATE_LABELS[m.state].length));
  const lines = [
    `Remittance of ${watch.regulationId}, ${watch.year}, as of ${watch.asOf} (Jakarta)`,
    `${'month'.padEnd(8)} ${'due'.padEnd(10)}  ${'state'.padEnd(stateWidth)} ${'people'.padStart(8)} ${'amount'.padStart(16)} ${'paid'.padStart(16)}  bill`,
    ...watch.months.map((m: MonthRemittance) => {
      const bill = m.billId ? `${m.billId} (${m.billStatus}${m.payable !== undefined ? `, payable ${formatRupiah(m.payable)}` : ''})` : '—';
      const streak = m.unpaidStreak > 1 ? `  ${m.unpaidStreak} months unpaid in a row` : '';
      return `${m.month.padEnd(8)} ${m.dueDate.padEnd(10)}  ${STATE_LABELS[m.state].padEnd(stateWidth)} ${formatCount(m.people).padStart(8)} ${formatRupiah(m.amount).padStart(16)} ${formatRupiah(m.paid).padStart(16)}  ${bill}${streak}`;
    }),
  ];
  const loses = watch.losesCover;
  if (loses) {
    const segments = Object.entries(loses.bySegment)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([segment, n]) => `${segment} ${formatCount(n)}`)
      .join(', ');
    const months = loses.unpaidMonths.map(formatIndonesianMonth);
    lines.push(
      `Who would lose cover, and when: if nothing more is paid, ${people(loses.people)}${segments ? ` (${segments})` : ''} lose their membership and protection on ${loses.on},` +
        ` after ${months.length} unpaid months (${months.join(', ')}).`,
    );
  } else {
    lines.push('Who would lose cover, and when: nobody this year, on the payments recorded so far.');
  }
  return lines;
}
