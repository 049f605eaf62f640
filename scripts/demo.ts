import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InsurerSimulator, LOCAL_COLLECTIVE_ACCOUNT, LOCAL_INSURER_API_KEY } from '../infra/local/insurer-simulator';
import { LocalStack } from '../infra/local/local-stack';
import { synthesizeTemplate } from '../infra/synthesize';
import { maskNik } from '../shared/core/people/personal-data';
import { formatRupiah, multiplyRupiah } from '../shared/core/money/rupiah';
import { writeSyntheticRoster } from './lib/synthetic-roster';

/**
 * `npm run demo`: the Lindung flow on the local system, through the same CLI an office would use.
 * It keeps to a data directory of its own (a new one, unless LINDUNG_DATA_DIR names one), never
 * the user's `.lindung`: the demo's people would otherwise join a real office's data. It uses the
 * system running on that directory if there is one, otherwise starts one for the demo. The files
 * it writes with full NIKs (rosters, the member list, the bill) stay inside that directory.
 */
const repoRoot = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(process.env.LINDUNG_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'lindung-demo-data-')));
const regulationFile = path.join(repoRoot, 'examples', 'perwal-tangsel-25-2019.yaml');
const regulationId = 'perwal-tangsel-25-2019';
const rosterDir = path.join(dataDir, 'demo-files');
mkdirSync(rosterDir, { recursive: true });

const running = await runningApi();
// Started here only when no `npm start` is running, which brings its own insurer simulator.
const insurer = running ? undefined : await InsurerSimulator.start({ dataDir });
const stack = insurer
  ? await LocalStack.start({
      template: synthesizeTemplate({ bundle: false }),
      dataDir,
      environment: { POWERTOOLS_LOG_LEVEL: 'ERROR', ...insurer.lindungEnvironment() },
    })
  : undefined;
try {
  say(running ? `Using the running local system at ${running}.` : `Started the local system at ${stack?.apiUrl} for this demo.`);
  say(`Its data, and the files the demo writes, are in ${dataDir}: delete the directory when you are done (it holds synthetic NIKs).`);

  step('An admin signs in and applies Perwal Tangsel 25/2019');
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  await lindung('regulation', 'apply', '-f', regulationFile);

  step('The same command as a finance officer is refused');
  await lindung('login', '--as', 'finance', '--user', 'siti', '--region', '3674');
  await lindung('regulation', 'apply', '-f', regulationFile);

  step('Monthly premium per person in January 2027, from the effective-dated rates');
  const premiums = JSON.parse(await lindung('--json', 'regulation', 'premiums', regulationId, '--month', '2027-01')) as {
    segments: { segment: string; monthlyPremium: number }[];
  };
  const regulation = JSON.parse(await lindung('--json', 'regulation', 'get', regulationId)) as {
    segments: { code: string; targetHeadcount: number }[];
  };
  let total = 0;
  for (const segment of regulation.segments) {
    const premium = premiums.segments.find((p) => p.segment === segment.code)?.monthlyPremium ?? 0;
    const yearly = multiplyRupiah(segment.targetHeadcount, premium, 12);
    total += yearly;
    say(`  ${segment.code.padEnd(16)} ${String(segment.targetHeadcount).padStart(6)} × ${formatRupiah(premium)} × 12 = ${formatRupiah(yearly)}`);
  }
  say(`  ${'at target'.padEnd(16)} ${formatRupiah(total)} a year (the budget issue computes it from the accepted roster)`);

  step('The offices send their rosters: 12,946 rows, 18 people listed in two segments, and a few broken rows');
  const rosterFile = path.join(rosterDir, 'roster-tangsel-2027.csv');
  await writeSyntheticRoster(rosterFile, {
    segments: Object.fromEntries(regulation.segments.map((s) => [s.code, s.targetHeadcount])),
    regionCode: '3674',
    badShare: 0,
    duplicatesAcrossSegments: 18,
    appendBadRows: 12,
  });
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  await lindung('roster', 'import', '--regulation', regulationId, '--file', rosterFile, '--coverage-start', '2027-01-01');
  await lindung('roster', 'summary', '--regulation', regulationId, '--year', '2027');

  step('Budget: the admin proposes the 2027 APBD from the accepted roster and the rates');
  const proposal = JSON.parse(await lindung('--json', 'budget', 'propose', '--regulation', regulationId, '--year', '2027')) as { proposalId: string };
  await lindung('budget', 'show', proposal.proposalId);

  step('The finance office (BPKAD) approves it: another user, as separation of duties requires');
  await lindung('login', '--as', 'finance', '--user', 'siti', '--region', '3674');
  await lindung('budget', 'decide', proposal.proposalId, '--approve', '--notes', 'Sesuai KUA-PPAS 2027');
  await lindung('budget', 'show', proposal.proposalId, '-o', path.join(rosterDir, 'dokumen-anggaran-2027.html'));

  step('Enrollment: the admin registers the approved cohort with BPJS Ketenagakerjaan (the local insurer simulator)');
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  const run = JSON.parse(await lindung('--json', 'enroll', 'start', '--proposal', proposal.proposalId, '--wait')) as { runId: string };
  await lindung('enroll', 'status', run.runId);
  const enrolledFile = path.join(rosterDir, 'peserta-2027.csv');
  await lindung('enroll', 'export', run.runId, '-o', enrolledFile);
  say('  A few of them, with their KPJ numbers (NIK masked):');
  for (const line of readFileSync(enrolledFile, 'utf8').split(/\r?\n/).slice(1, 4)) {
    const [nik, name, segment, kpj] = line.split(',');
    say(`    ${maskNik(nik!)}  KPJ ${kpj}  ${segment}  ${name}`);
  }

  step('The audit trail, as an auditor reads it');
  await lindung('login', '--as', 'auditor', '--user', 'budi', '--region', '3674');
  await lindung('audit', '--entity', `regulation:${regulationId}`);
  await lindung('audit', '--entity', `enrollment-run:${run.runId}`);
  await lindung('audit', 'verify', '--regulation', regulationId);

  step('January 2027: what BPJS Ketenagakerjaan should bill the wadah, from the enrollment ledger');
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  await lindung('clock', 'set', '2027-01-10');
  await lindung('login', '--as', 'finance', '--user', 'siti', '--region', '3674');
  await lindung('remit', 'bills', '--regulation', regulationId, '--year', '2027', '--month', '2027-01');

  step("The branch's January bill arrives, with three discrepancies planted by the insurer simulator: one person missing, one never enrolled, one wrong amount");
  const billFile = path.join(rosterDir, 'tagihan-2027-01.csv');
  writeFileSync(billFile, await insurerBill('2027-01', 'missing:1,neverEnrolled:1,wrongAmount:1'));
  const bill = JSON.parse(await lindung('--json', 'remit', 'import', '--regulation', regulationId, billFile)) as { billId: string; kodeIuran: string };
  await lindung('remit', 'show', bill.billId);
  await lindung('remit', 'discrepancies', bill.billId);

  step('Siti disputes the line of the person never enrolled and accepts the bill; the acceptance is bound to a hash of the bill and the ledger');
  const [stranger] = (JSON.parse(await lindung('--json', 'remit', 'discrepancies', bill.billId, '--kind', 'not-enrolled')) as { discrepancies: { nik: string }[] }).discrepancies;
  if (stranger) await lindung('remit', 'dispute', bill.billId, '--nik', stranger.nik, '--note', 'Bukan peserta wadah Pemda');
  const accepted = JSON.parse(await lindung('--json', 'remit', 'accept', bill.billId, '--note', 'Diperiksa BPKAD')) as { acceptance?: { payable: number } };
  await lindung('remit', 'show', bill.billId);

  step('Siti may not record its payment; Dewi, the treasurer, records the SP2D');
  const payment = ['remit', 'pay', bill.billId, '--sp2d', '0012/SP2D/LS/2027', '--date', '2027-01-14', '--amount', String(accepted.acceptance?.payable ?? 0), '--kode-iuran', bill.kodeIuran];
  await lindung(...payment);
  await lindung('login', '--as', 'finance', '--user', 'dewi', '--region', '3674');
  await lindung(...payment);
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');

  step('March 2027: a Ketua RT dies; the admin records it (the local clock stands in for the months passing)');
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  await lindung('clock', 'set', '2027-03-15');
  const [deceasedNik] = readFileSync(rosterFile, 'utf8').split(/\r?\n/)[1]!.split(';');
  await lindung('life-event', 'record', '--nik', deceasedNik!, '--death', '--date', '2027-03-14', '--note', 'Meninggal dunia; dilaporkan kelurahan');

  step('16 March 2027: February and March are unpaid, so the daily arrears watch shows who is at risk, and when they would lose cover');
  await lindung('clock', 'set', '2027-03-16');
  await lindung('remit', 'arrears', '--regulation', regulationId, '--year', '2027');

  step('1 August 2027, the renewal day: the daily schedule renews cover into 2028');
  await lindung('clock', 'set', '2027-08-01');
  await lindung('renewal', 'diff', '--regulation', regulationId, '--year', '2028', '--wait', '--list', 'leavers');

  step('The system requested the renewal budget, so two BPKAD officers approve it: Dewi reviews it with the diff against 2027 in front of her');
  await lindung('login', '--as', 'finance', '--user', 'dewi', '--region', '3674');
  const renewal = JSON.parse(await lindung('--json', 'renewal', 'diff', '--regulation', regulationId, '--year', '2028')) as { renewal: { proposalId?: string } };
  const renewalProposalId = renewal.renewal.proposalId;
  if (renewalProposalId) await lindung('budget', 'review', renewalProposalId, '--notes', 'Selisih peserta sesuai laporan kelurahan');

  step('The reviewer cannot also approve it; Siti, another officer, does');
  if (renewalProposalId) await lindung('budget', 'decide', renewalProposalId, '--approve', '--notes', 'APBD 2028');
  await lindung('login', '--as', 'finance', '--user', 'siti', '--region', '3674');
  if (renewalProposalId) await lindung('budget', 'decide', renewalProposalId, '--approve', '--notes', 'APBD 2028');
  await lindung('renewal', 'diff', '--regulation', regulationId, '--year', '2028');
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  await lindung('clock', 'reset');

  step('A second region on the same system: Kabupaten Bekasi (3216) applies its own Perbup');
  const bekasiFile = path.join(rosterDir, 'perbup-bekasi-demo.json');
  const tangselDocument = JSON.parse(await lindung('--json', 'regulation', 'get', regulationId)) as Record<string, unknown>;
  const { version: _v, recordedAt: _at, recordedBy: _by, ...document } = tangselDocument;
  writeFileSync(bekasiFile, JSON.stringify({ ...document, id: 'perbup-bekasi-demo', title: 'Jaminan Sosial Ketenagakerjaan bagi Ketua RT/RW', jurisdiction: '3216', legalBasis: { type: 'Perbup', number: '9', year: 2026 } }, null, 2));
  await lindung('login', '--as', 'admin', '--user', 'rahmat', '--region', '3216');
  await lindung('regulation', 'apply', '-f', bekasiFile);

  step("Each region sees only its own: Bekasi's admin lists one regulation, and Tangsel's does not exist for him");
  await lindung('regulation', 'list');
  await lindung('regulation', 'get', regulationId);
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
  await lindung('regulation', 'list');
  await lindung('regulation', 'get', 'perbup-bekasi-demo');

  step("Banten's provincial auditor reads Tangsel, beneath it, but not Bekasi; a national auditor reads both and changes nothing");
  await lindung('login', '--as', 'auditor', '--user', 'wulan', '--region', '36');
  await lindung('regulation', 'list');
  await lindung('login', '--as', 'auditor', '--user', 'bpk', '--region', 'ID');
  await lindung('regulation', 'list');
  await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
} finally {
  await stack?.stop();
  await insurer?.stop();
}

/**
 * Runs `npx lindung ARGS`, echoing the command and its output; a refusal is shown, not fatal.
 * Asynchronously: when the demo hosts the local system itself, its API must keep serving.
 */
async function lindung(...args: string[]): Promise<string> {
  say(`$ npx lindung ${args.map((a) => (a.startsWith(rosterDir) ? path.basename(a) : a.startsWith(repoRoot) ? path.relative(repoRoot, a) : a)).join(' ')}`);
  try {
    const { stdout } = await promisify(execFile)(path.join(repoRoot, 'bin', 'lindung.mjs'), args, {
      env: { ...process.env, LINDUNG_DATA_DIR: dataDir },
    });
    if (!args.includes('--json')) process.stdout.write(indent(stdout));
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string };
    process.stdout.write(indent(failure.stderr || failure.stdout || String(error)));
    return '';
  }
}

async function runningApi(): Promise<string | undefined> {
  const endpointFile = path.join(dataDir, 'endpoint.json');
  if (!existsSync(endpointFile)) return undefined;
  const { apiUrl } = JSON.parse(readFileSync(endpointFile, 'utf8')) as { apiUrl: string };
  try {
    return (await fetch(`${apiUrl}/openapi.json`)).ok ? apiUrl : undefined;
  } catch {
    return undefined;
  }
}

/** The insurer simulator's bill for a month of the local wadah, as the CSV a branch would send, with `faults` planted. */
async function insurerBill(month: string, faults: string): Promise<string> {
  const base = insurer?.url ?? `http://127.0.0.1:${process.env.LINDUNG_INSURER_PORT ?? 4020}`;
  const response = await fetch(`${base}/v1/collective-accounts/${LOCAL_COLLECTIVE_ACCOUNT}/bills/${month}?faults=${faults}`, { headers: { 'x-api-key': LOCAL_INSURER_API_KEY } });
  if (!response.ok) throw new Error(`The insurer simulator answered ${response.status} for the bill of ${month}: ${await response.text()}`);
  return response.text();
}

function step(title: string): void {
  say(`\n== ${title}`);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ').replace(/ +$/, '');
}
