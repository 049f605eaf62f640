import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { cliLanguage } from '../../cli/language';
import { api, tokenFor } from '../support/api';
import { enrollFor2027 } from '../support/enrolled-people';
import { personRow } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const regulationId = `perwal-cli-bahasa-${Date.now().toString(36)}`;
let token: string;

/** `npx lindung ARGS` with a locale, against the suite's stack, signed in by token (no shared session file). */
async function lindung(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), args, {
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', LINDUNG_DATA_DIR: inject('dataDir'), LINDUNG_TOKEN: token, LINDUNG_API_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

beforeAll(async () => {
  token = await tokenFor('admin', 'ani');
  expect((await api('PUT', `/regulations/${regulationId}`, { token, body: tangselRegulation(regulationId) })).status).toBe(200);
});

describe('the CLI in Bahasa Indonesia and in English', () => {
  it('speaks Indonesian when the locale starts with id, English otherwise, and --lang decides over both', () => {
    expect(cliLanguage(['node', 'lindung'], { LANG: 'id_ID.UTF-8' })).toBe('id');
    expect(cliLanguage(['node', 'lindung'], { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage(['node', 'lindung'], {})).toBe('en');
    expect(cliLanguage(['node', 'lindung'], { LANG: 'en_US.UTF-8', LC_ALL: 'id_ID.UTF-8' })).toBe('id');
    expect(cliLanguage(['node', 'lindung', '--lang', 'en'], { LANG: 'id_ID.UTF-8' })).toBe('en');
    expect(cliLanguage(['node', 'lindung', '--lang=id'], { LANG: 'C' })).toBe('id');
    expect(cliLanguage(['node', 'lindung'], { LANG: 'ido' })).toBe('en');
  });

  it('runs the same commands in both languages, counts grouped as each language groups them', async () => {
    const indonesian = await lindung({ LANG: 'id_ID.UTF-8' }, 'regulation', 'get', regulationId);
    expect(indonesian.code, indonesian.stderr).toBe(0);
    expect(indonesian.stdout).toContain('wilayah 3674 Kota Tangerang Selatan, pembayar');
    expect(indonesian.stdout).toMatch(/total\s+12\.946/);
    const english = await lindung({ LANG: 'id_ID.UTF-8' }, '--lang', 'en', 'regulation', 'get', regulationId);
    expect(english.stdout).toContain('region 3674 Kota Tangerang Selatan, payer');
    expect(english.stdout).toMatch(/total\s+12,946/);

    const listed = await lindung({}, '--lang', 'id', 'regulation', 'list', '--limit', '100');
    expect(listed.stdout).toMatch(new RegExp(`${regulationId}  v1  3674  6 segmen  12\\.946 orang`));
    expect((await lindung({}, 'regulation', 'list', '--limit', '100')).stdout).toMatch(new RegExp(`${regulationId}  v1  3674  6 segments  12,946 people`));
  });

  it('verifies the audit trail, reads life events and renewals in both languages', async () => {
    const indonesian = await lindung({ LANG: 'id_ID.UTF-8' }, 'audit', 'verify', '--regulation', regulationId);
    expect(indonesian.code, indonesian.stderr).toBe(0);
    expect(indonesian.stdout).toMatch(new RegExp(`^${regulationId}: 1 kejadian, terverifikasi sampai kejadian 1 pada `));
    expect((await lindung({}, 'audit', 'verify', '--regulation', regulationId)).stdout).toMatch(new RegExp(`^${regulationId}: 1 events, verified up to event 1 of `));
    expect((await lindung({ LANG: 'id_ID.UTF-8' }, 'life-event', 'list', '--nik', '3674010101900001')).stdout).toContain('Tidak ada peristiwa hidup untuk 3674********0001.');
    expect((await lindung({}, 'life-event', 'list', '--nik', '3674010101900001')).stdout).toContain('No life events for 3674********0001.');
    expect((await lindung({ LANG: 'id_ID.UTF-8' }, 'renewal', 'list', '--regulation', regulationId)).stdout).toContain(`Belum ada perpanjangan ${regulationId}.`);
    expect((await lindung({}, 'renewal', 'list', '--regulation', regulationId)).stdout).toContain(`No renewals of ${regulationId} yet.`);
    const entity = await lindung({ LANG: 'id_ID.UTF-8' }, 'audit', '--entity', 'orang:1');
    expect(entity.code).toBe(2);
    expect(entity.stderr).toContain('"orang" bukan jenis entitas');
  });

  it('writes help and usage errors in the language too', async () => {
    const help = await lindung({ LANG: 'id_ID.UTF-8' }, '--help');
    expect(help.stdout).toContain('Peraturan (Perwal, Perbup, ...) dan segmennya');
    expect(help.stdout).toContain('tampilkan bantuan perintah');
    expect((await lindung({}, '--help')).stdout).toContain('Regulations (Perwal, Perbup, ...) and their segments');

    const who = await lindung({ LANG: 'id_ID.UTF-8' }, 'login', '--user', 'x');
    expect(who.code).toBe(2);
    expect(who.stderr).toContain('Sebutkan siapa Anda: --as admin|finance|auditor --user NAMA --region KODE');
    expect((await lindung({}, 'login', '--user', 'x')).stderr).toContain('Say who you are: --as admin|finance|auditor --user NAME --region CODE');

    const undecided = await lindung({ LANG: 'id_ID.UTF-8' }, 'budget', 'decide', 'bp-2027-000000000000');
    expect(undecided.code).toBe(2);
    expect(undecided.stderr).toContain('Berikan tepat satu dari --approve, --ceiling RUPIAH, --reject ALASAN');
    expect((await lindung({}, 'budget', 'decide', 'bp-2027-000000000000')).stderr).toContain('Give exactly one of --approve, --ceiling RUPIAH, --reject REASON');

    const wrong = await lindung({}, '--lang', 'jv', 'regulation', 'list');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Allowed choices are id, en");
  });

  it('runs cost in both languages: help, the table heading, counts grouped per language', async () => {
    const help = await lindung({ LANG: 'id_ID.UTF-8' }, 'cost', '--help');
    expect(help.stdout).toContain('Perkirakan biaya AWS dan lama sebuah pendaftaran');
    expect(help.stdout).toContain('jumlah orang dalam pendaftaran');
    const englishHelp = await lindung({ LANG: 'id_ID.UTF-8' }, '--lang', 'en', 'cost', '--help');
    expect(englishHelp.stdout).toContain('Estimate the AWS cost and wall time of an enrollment run');
    expect(englishHelp.stdout).toContain('people in the run');

    const indonesian = await lindung({ LANG: 'id_ID.UTF-8' }, 'cost', '--people', '75903');
    expect(indonesian.code, indonesian.stderr).toBe(0);
    expect(indonesian.stdout).toContain('untuk 75.903 orang: biaya AWS dan lama pendaftaran (perkiraan)');
    expect(indonesian.stdout).toMatch(/^ {2}Layanan +Pemakaian +USD +Rupiah$/m);
    expect(indonesian.stdout).toMatch(/^ {2}Jumlah +\$[\d.]+ +Rp[\d.]+$/m);
    expect(indonesian.stdout).toMatch(/^Lama: sekitar \d+ (mnt|dtk|jam)/m);
    const english = await lindung({}, '--lang', 'en', 'cost', '--people', '75903');
    expect(english.stdout).toContain('for 75,903 people: AWS cost and wall time (estimate)');
    expect(english.stdout).toMatch(/^ {2}Service +Usage +USD +Rupiah$/m);
    expect(english.stdout).toMatch(/^ {2}Total +\$[\d.]+ +Rp[\d.]+$/m);
    expect(english.stdout).toMatch(/^Wall time: about \d+ (min|s|h)/m);
    // The same rupiah in both: amounts keep the Indonesian form, as the console and the budget documents write them.
    expect(indonesian.stdout.match(/Rp[\d.]+$/m)![0]).toBe(english.stdout.match(/Rp[\d.]+$/m)![0]);

    const wrong = await lindung({ LANG: 'id_ID.UTF-8' }, 'cost', '--people', '10', '--insurer-rps', '0');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--insurer-rps harus bilangan positif, bukan "0"');
    expect((await lindung({ LANG: 'id_ID.UTF-8' }, '--lang=en', 'cost', '--people', '10', '--insurer-rps', '0')).stderr).toContain('--insurer-rps must be a positive number, not "0"');
  });

  it('runs remit in both languages: help, the tables of expected bills and arrears, an imported bill, a refused one', async () => {
    // Help as a reader reads it: commander wraps it to the terminal's width.
    const help = async (env: Record<string, string>, ...args: string[]) => (await lindung(env, ...args, '--help')).stdout.replace(/\s+/g, ' ');
    expect(await help({ LANG: 'id_ID.UTF-8' }, 'remit')).toContain('Iuran: tagihan bulanan BPJS, direkonsiliasi dengan siapa yang terdaftar, diterima dan dibayar dengan SP2D; tunggakan');
    expect(await help({}, '--lang', 'id', 'remit', 'pay')).toContain('--sp2d <number> nomor SP2D (surat perintah pencairan dana)');
    expect(await help({}, 'remit')).toContain("Remittance: the insurer's monthly bill, reconciled against who is enrolled, accepted and paid by SP2D; arrears");
    expect(await help({ LANG: 'id_ID.UTF-8' }, '--lang', 'en', 'remit', 'pay')).toContain("--sp2d <number> the SP2D number (the treasury's disbursement order)");

    // Two people of district 10 of Tangerang Selatan (no other test uses it), enrolled for 2027.
    const people = [
      { nik: '3674101203750001', name: 'Bambang Suryadi', birthDate: '1975-03-12', gender: 'L' as const },
      { nik: '3674104407810002', name: 'Sri Mulyani', birthDate: '1981-07-04', gender: 'P' as const },
    ];
    const kpjOf = await enrollFor2027(regulationId, people.map((p) => personRow(p.nik, p.name, p.birthDate, p.gender, 'KETUA_RT')));
    const rina = await tokenFor('finance', 'rina');
    const finance = { LINDUNG_TOKEN: rina };

    const bills = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, 'remit', 'bills', '--regulation', regulationId, '--year', '2027');
    expect(bills.code, bills.stderr).toBe(0);
    expect(bills.stdout).toMatch(/^Bulan +Jatuh tempo +Segmen +Orang +Jumlah \(Rp\) +Tagihan BPJS$/m);
    expect(bills.stdout).toMatch(/^2027-01 +2027-01-15 +KETUA_RT +2 +Rp33\.600$/m);
    expect(bills.stdout).toMatch(/^ +kontrol +2 +Rp33\.600 {2}belum ada yang diimpor$/m);
    const englishBills = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, '--lang', 'en', 'remit', 'bills', '--regulation', regulationId, '--year', '2027');
    expect(englishBills.stdout).toMatch(/^Month +Due +Segment +People +Amount \(Rp\) +BPJS bill$/m);
    expect(englishBills.stdout).toMatch(/^2027-01 +2027-01-15 +KETUA_RT +2 +Rp33\.600$/m);
    expect(englishBills.stdout).toMatch(/^ +control +2 +Rp33\.600 {2}none imported$/m);

    const arrears = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, 'remit', 'arrears', '--regulation', regulationId, '--year', '2027');
    expect(arrears.stdout).toMatch(/^Bulan +Jatuh tempo +Keadaan +Orang +Jumlah \(Rp\) +Dibayar +Tagihan BPJS$/m);
    expect(arrears.stdout).toMatch(/^2027-01 +2027-01-15 +(Belum|Jatuh tempo|Terlambat|Berisiko|Nonaktif) +2 +Rp33\.600 +Rp0 +—/m);
    expect(arrears.stdout).toContain('Siapa yang akan kehilangan perlindungan, dan kapan: bila tidak ada pembayaran lagi, 2 orang (KETUA_RT 2)');
    const englishArrears = await lindung({ ...finance, LANG: 'en_US.UTF-8' }, 'remit', 'arrears', '--regulation', regulationId, '--year', '2027');
    expect(englishArrears.stdout).toMatch(/^Month +Due +State +People +Amount \(Rp\) +Paid +BPJS bill$/m);
    expect(englishArrears.stdout).toMatch(/^2027-01 +2027-01-15 +(Upcoming|Due|Late|At risk|Inactive) +2 +Rp33\.600 +Rp0 +—/m);
    expect(englishArrears.stdout).toContain('Who would lose cover, and when: if nothing more is paid, 2 people (KETUA_RT 2)');

    // A bill whose header claims 1,200 people is refused before anything is sent, the counts grouped per language.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-bahasa-'));
    const lines = people.map((p) => [kpjOf.get(p.nik) ?? '', p.nik, p.name, 'KETUA_RT', '2027-01', 16_800]);
    const bill = (name: string, count: number, total: number): string => {
      const rows = [['Kode Iuran', '36741000127'], ['Bulan', '2027-01'], ['Jumlah Peserta', count], ['Jumlah Iuran', total], ['KPJ', 'NIK', 'Nama', 'Segmen', 'Bulan', 'Iuran'], ...lines];
      writeFileSync(path.join(dir, name), rows.map((cells) => cells.join(';')).join('\r\n'));
      return path.join(dir, name);
    };
    const tooMany = bill('tagihan-salah.csv', 1200, 1200 * 16_800);
    const refused = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, 'remit', 'import', '--regulation', regulationId, tooMany);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'tagihan-salah.csv ditolak dan tidak ada yang diunggah. Tagihan menyebut 1.200 orang dan Rp20.160.000, tetapi barisnya berjumlah 2 orang dan Rp33.600 (selisih: -1.198 orang, -Rp20.126.400).',
    );
    expect((await lindung({ ...finance }, 'remit', 'import', '--regulation', regulationId, tooMany)).stderr).toContain(
      'tagihan-salah.csv is refused and nothing was uploaded. The bill says 1,200 people and Rp20.160.000, but its lines add up to 2 people and Rp33.600 (difference: -1,198 people, -Rp20.126.400).',
    );

    // The bill imported and reconciled in Indonesian; the same file again, in English, is the bill already open.
    const file = bill('tagihan-2027-01.csv', 2, 2 * 16_800);
    const reconciled = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, 'remit', 'import', '--regulation', regulationId, file);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    const billId = reconciled.stdout.match(/^Tagihan (\S+): /m)![1]!;
    expect(reconciled.stdout).toContain(`Tagihan ${billId}: ${regulationId}, Januari 2027 (2027-01): reconciled`);
    expect(reconciled.stdout).toMatch(/^ +Orang +Jumlah \(Rp\)$/m);
    expect(reconciled.stdout).toMatch(/^ +diharapkan \(ledger\) +2 +Rp33\.600$/m);
    expect(reconciled.stdout).toContain('  tidak ada selisih: setiap baris sesuai dengan ledger');
    expect(reconciled.stdout).toContain(`  Terima tagihan: npx lindung remit accept ${billId}; petugas keuangan lain lalu mencatat SP2D-nya`);
    expect(reconciled.stderr).toMatch(/^mengunggah: 2\/2/m);
    expect(reconciled.stderr).toContain(`Merekonsiliasi tagihan ${billId} orang per orang dengan ledger…`);
    const again = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, '--lang', 'en', 'remit', 'import', '--regulation', regulationId, file);
    expect(again.stdout).toContain(`Already imported: ${file} is bill ${billId}; nothing changed.`);
    expect(again.stdout).toContain(`Bill ${billId}: ${regulationId}, January 2027 (2027-01): reconciled`);
    expect(again.stdout).toMatch(/^ +People +Amount \(Rp\)$/m);
    expect(again.stdout).toMatch(/^ +expected \(the ledger\) +2 +Rp33\.600$/m);
    expect(again.stdout).toContain(`  Accept it: npx lindung remit accept ${billId}; another finance officer then records the SP2D`);
    // --json keeps its keys whatever the language.
    const json = JSON.parse((await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, '--json', 'remit', 'show', billId)).stdout);
    expect(json).toMatchObject({ billId, status: 'reconciled', controlCount: 2, reconciliation: { matched: 2 } });

    const noYear = await lindung({ ...finance, LANG: 'id_ID.UTF-8' }, 'remit', 'arrears', '--regulation', regulationId, '--year', '27');
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('--year 27 bukan tahun: tulis empat angka, mis. --year 2027.');
    expect((await lindung({ ...finance }, 'remit', 'arrears', '--regulation', regulationId, '--year', '27')).stderr).toContain('--year 27 is not a year');
  }, 180_000);

  it('words every help text of remit, cost and simulate in each language, none left the same in both', async () => {
    const indonesian = await helpTexts('id');
    const english = await helpTexts('en');
    expect([...english.keys()]).toEqual([...indonesian.keys()]);
    expect(indonesian.size).toBeGreaterThan(30);
    expect(indonesian.get('remit pay --sp2d <number>')).toBe('nomor SP2D (surat perintah pencairan dana)');
    // Options the shared helpers add (list-pages.ts, spreadsheet-file.ts) are worded there.
    const fromHelpers = /^(remit|simulate) \S+ --(limit|cursor|delimiter) /;
    const same = [...indonesian].filter(([where, text]) => !fromHelpers.test(where) && english.get(where) === text);
    expect(same).toEqual([]);
  });

  it('simulates in both languages: help and the headings of the tables `simulate show` prints', async () => {
    // A regulation of its own: a saved scenario is an audit event of its regulation's chain.
    const simulated = `${regulationId}-simulasi`;
    expect((await api('PUT', `/regulations/${simulated}`, { token, body: tangselRegulation(simulated) })).status).toBe(200);
    const scenario = { id: 'uji-bahasa', name: 'Uji bahasa', regulationId: simulated, year: 2027, ceiling: 1_000_000, projectionYears: 2 };
    expect((await api('PUT', `/regulations/${simulated}/scenarios/uji-bahasa`, { token, body: scenario })).status).toBe(200);

    const help = async (env: Record<string, string>, ...args: string[]) => (await lindung(env, ...args, '--help')).stdout.replace(/\s+/g, ' ');
    expect(await help({ LANG: 'id_ID.UTF-8' }, 'simulate')).toContain('Simulasi anggaran: skenario "bagaimana jika" yang disimpan, dihitung dan dibandingkan');
    expect(await help({ LANG: 'id_ID.UTF-8' }, 'simulate', 'compare')).toContain('Bandingkan 2 sampai 4 skenario berdampingan');
    expect(await help({}, 'simulate')).toContain('Budget simulation: what-if scenarios saved, priced and compared');
    expect(await help({ LANG: 'id_ID.UTF-8' }, '--lang', 'en', 'simulate', 'compare')).toContain('Compare 2 to 4 scenarios side by side');

    const indonesian = await lindung({ LANG: 'id_ID.UTF-8' }, 'simulate', 'show', 'uji-bahasa', '--regulation', simulated);
    expect(indonesian.code, indonesian.stderr).toBe(0);
    expect(indonesian.stdout).toMatch(/^ {2}Kelompok +Mulai +Orang +Jumlah \(Rp\)$/m);
    expect(indonesian.stdout).toMatch(/^ {2}Segmen +Mulai +Orang +Lama \(bulan\) +Jumlah \(Rp\) +Di atas kuota$/m);
    expect(indonesian.stdout).toMatch(/^ {2}Segmen +Didanai +Tidak didanai +Jumlah \(Rp\)$/m);
    expect(indonesian.stdout).toMatch(/^ {2}Segmen +Sekarang +Skenario +Bertambah +Berkurang +Lewat batas usia dalam tahun$/m);
    expect(indonesian.stdout).toMatch(/^ {2}Tahun +Orang +Lama \(bulan\) +Jumlah \(Rp\) +Lewat batas usia +Pertumbuhan +Didanai \(Rp\)$/m);
    expect(indonesian.stdout).toContain('Pagu Rp1.000.000: 0 orang didanai (Rp0), 0 orang tidak; sisa Rp1.000.000');
    const english = await lindung({}, 'simulate', 'show', 'uji-bahasa', '--regulation', simulated);
    expect(english.stdout).toMatch(/^ {2}Cohort +Start +People +Amount \(Rp\)$/m);
    expect(english.stdout).toMatch(/^ {2}Segment +Start +People +Months +Amount \(Rp\) +Over quota$/m);
    expect(english.stdout).toMatch(/^ {2}Segment +Funded +Unfunded +Amount \(Rp\)$/m);
    expect(english.stdout).toMatch(/^ {2}Segment +Current +Scenario +Added +Dropped +Aging out in the year$/m);
    expect(english.stdout).toMatch(/^ {2}Year +People +Months +Amount \(Rp\) +Aged out +Grown +Funded \(Rp\)$/m);
    expect(english.stdout).toContain('Ceiling Rp1.000.000: 0 people funded (Rp0), 0 people not; unspent Rp1.000.000');
  });
});

/**
 * Every description and option help of `remit`, `cost` and `simulate`, by where it is (`remit pay --sp2d
 * <number>`), as the CLI words them in `language`: the commands registered afresh under a locale.
 */
async function helpTexts(language: 'id' | 'en'): Promise<Map<string, string>> {
  vi.resetModules();
  vi.stubEnv('LC_ALL', language === 'id' ? 'id_ID.UTF-8' : 'en_US.UTF-8');
  try {
    const { Command } = await import('commander');
    const { registerRemit } = await import('../../cli/commands/remit');
    const { registerCost } = await import('../../cli/commands/cost');
    const program = new Command('lindung');
    const { registerSimulate } = await import('../../cli/commands/simulate');
    registerRemit(program);
    registerCost(program);
    registerSimulate(program);
    const texts = new Map<string, string>();
    const walk = (command: Command, where: string): void => {
      texts.set(where, command.description());
      for (const option of command.options) texts.set(`${where} ${option.flags}`, option.description);
      for (const sub of command.commands) walk(sub, `${where} ${sub.name()}`);
    };
    for (const command of program.commands) walk(command, command.name());
    return texts;
  } finally {
    vi.unstubAllEnvs();
  }
}
