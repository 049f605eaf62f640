import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { findChromium } from '../../cli/chromium';
import type { Regulation } from '../../shared/core/regulation/regulation';
import { applyScenario } from '../../shared/core/simulation/apply-scenario';
import { ScenarioInput } from '../../shared/core/simulation/scenario';
import type { SimulationResult } from '../../shared/core/simulation/simulation-result';
import type { ComparisonRow } from '../../shared/documents/simulation/scenario-comparison';
import { readSpreadsheet } from '../../shared/documents/spreadsheets/read-spreadsheet';
import type { Cell } from '../../shared/documents/spreadsheets/spreadsheet-row';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { readPdf } from '../support/pdf-text';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-simulate-cli-'));
const regulation = tangselRegulation('perwal-simulasi-cli');
const PER_PERSON = 16_800 * 12;
/** All 30 heads of RT (priority 1) and 4 of the 10 mosque caretakers (priority 4), with Rp1.000 left over. */
const CEILING = PER_PERSON * 34 + 1_000;
let finance: string;
let auditor: string;

/** `npx lindung ARGS` as the given user, in English; failures come back with their exit code rather than thrown. */
async function lindung(token: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(lindungBin, args, { env: { ...process.env, LANG: '', LC_ALL: '', LC_MESSAGES: '', LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: token } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function scenarioFile(name: string, document: Record<string, unknown>): string {
  const file = path.join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(document) : toYaml(document));
  return file;
}

async function cellsOf(file: string): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for await (const row of readSpreadsheet(file)) rows.push([...row.cells]);
  return rows;
}

const topUp = (people: number) => ({
  id: 'tambah-juli',
  name: 'Tambah Ketua RT dari Juli',
  regulationId: regulation.id,
  year: 2027,
  cohorts: [{ startMonth: '2027-07', people: { KETUA_RT: people } }],
  projectionYears: 2,
});

beforeAll(async () => {
  const admin = await tokenFor('admin', 'ani');
  [finance, auditor] = await Promise.all([tokenFor('finance', 'siti'), tokenFor('auditor', 'budi')]);
  expect((await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation })).status).toBe(200);
  await writeSyntheticRoster(path.join(dir, 'roster.csv'), { segments: { KETUA_RT: 30, MARBOT: 10 }, regionCode: '3674', badShare: 0, seed: 1717, firstSerial: 5500 });
  await importRoster(regulation.id, path.join(dir, 'roster.csv'));
});

describe('npx lindung simulate', () => {
  it('saves a scenario from YAML or JSON: created, unchanged, changed as v2 with the fields named; lists them', async () => {
    const created = await lindung(finance, 'simulate', 'save', '-f', scenarioFile('tambah.yaml', topUp(10)));
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Saved scenario tambah-juli version 1.');
    expect((await lindung(finance, 'simulate', 'save', '-f', scenarioFile('tambah.json', topUp(10)))).stdout).toContain('Scenario tambah-juli is unchanged (still version 1).');
    const changed = await lindung(finance, '--json', 'simulate', 'save', '-f', scenarioFile('tambah-2.yaml', topUp(20)));
    const saved = JSON.parse(changed.stdout);
    expect(saved).toMatchObject({ outcome: 'changed', scenario: { version: 2 } });
    expect(saved.changes.map((c: { path: string }) => c.path)).toEqual([expect.stringMatching(/^cohorts/)]);
    expect((await lindung(finance, 'simulate', 'save', '-f', scenarioFile('tambah-3.yaml', topUp(20)))).stdout).not.toContain('version 3');

    const { regulationId: _, ...withoutRegulation } = { id: 'pagu', name: 'Pagu 34 orang', regulationId: regulation.id, year: 2027, ceiling: CEILING };
    const pagu = await lindung(finance, 'simulate', 'save', '-f', scenarioFile('pagu.yaml', withoutRegulation), '--regulation', regulation.id);
    expect(pagu.stdout).toContain('Saved scenario pagu version 1.');
    const conflicting = await lindung(finance, 'simulate', 'save', '-f', scenarioFile('tambah.yaml', topUp(10)), '--regulation', 'perwal-lain');
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toContain(`is for regulation ${regulation.id}, not perwal-lain`);

    const listed = await lindung(auditor, 'simulate', 'list', '--regulation', regulation.id);
    expect(listed.stdout).toMatch(/^pagu +v1 +2027 /m);
    expect(listed.stdout).toMatch(/^tambah-juli +v2 +2027 /m);
  });

  it('shows a result as tables, and with --json exactly as the API simulates it, of any version', async () => {
    const shown = await lindung(auditor, 'simulate', 'show', 'tambah-juli', '--regulation', regulation.id, '--months');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^ {2}APBD-Perubahan +2027-07 +20 +Rp2\.016\.000$/m);
    expect(shown.stdout).toMatch(/^ {2}Segment +Start +People +Months +Amount \(Rp\) +Over quota$/m);
    expect(shown.stdout).toMatch(/^ {2}KETUA_RT +2027-01 +30 +12 +Rp6\.048\.000$/m);
    expect(shown.stdout).toMatch(/^ {2}KETUA_RT +30 +50 +20 +0 +\d+$/m);
    expect(shown.stdout).toMatch(/^ {2}2028 +/m);
    expect(shown.stdout).toMatch(/^ {2}2027-12 +60 +Rp1\.008\.000$/m);

    const path = `/regulations/${regulation.id}/scenarios/tambah-juli/simulation`;
    const json = await lindung(auditor, '--json', 'simulate', 'show', 'tambah-juli', '--regulation', regulation.id);
    expect(JSON.parse(json.stdout)).toEqual((await api('GET', path, { token: auditor })).body);
    const first = await lindung(auditor, '--json', 'simulate', 'show', 'tambah-juli@1', '--regulation', regulation.id);
    expect(JSON.parse(first.stdout)).toEqual((await api('GET', `${path}?version=1`, { token: auditor })).body);

    const pagu = await lindung(auditor, 'simulate', 'show', 'pagu', '--regulation', regulation.id);
    expect(pagu.stdout).toContain(`Ceiling Rp6.855.400: 34 people funded (Rp6.854.400), 6 people not; unspent Rp1.000`);
    expect(pagu.stdout).toMatch(/^ {2}MARBOT +4 +6 +Rp806\.400$/m);

    const missing = await lindung(auditor, 'simulate', 'show', 'tidak-ada', '--regulation', regulation.id);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`npx lindung simulate list --regulation ${regulation.id}`);
  });

  it('compares two scenarios: JSON rows with differences, numeric XLSX cells, and a PDF when Chromium is there', async () => {
    const compared = await lindung(auditor, '--json', 'simulate', 'compare', 'tambah-juli@1', 'pagu', '--regulation', regulation.id);
    expect(compared.code, compared.stderr).toBe(0);
    const { scenarios, comparison } = JSON.parse(compared.stdout) as { scenarios: SimulationResult[]; comparison: ComparisonRow[] };
    expect(scenarios.map((s) => [s.scenarioId, s.scenarioVersion])).toEqual([['tambah-juli', 1], ['pagu', 1]]);
    const row = (label: string) => comparison.find((r) => r.label === label)!;
    // tambah-juli@1: 40 people all year and 10 more from July; pagu: the same 40, no top-up.
    expect(row('Total biaya')).toMatchObject({ values: [PER_PERSON * 40 + 16_800 * 6 * 10, PER_PERSON * 40], differences: [-16_800 * 6 * 10] });
    expect(row('Jumlah orang')).toMatchObject({ values: [50, 40], differences: [-10] });
    expect(row('Didanai dalam pagu (orang)')).toMatchObject({ values: [null, 34], differences: [null] });
    expect(row('MARBOT: orang')).toMatchObject({ values: [10, 10], differences: [0] });
    expect(row('Proyeksi 2028: biaya').values[1]).toBeNull();

    const table = await lindung(auditor, 'simulate', 'compare', 'tambah-juli@1', 'pagu', '--regulation', regulation.id);
    expect(table.stdout).toMatch(/^ +tambah-juli v1 +pagu v1 +Difference pagu v1$/m);
    expect(table.stdout).toMatch(/^Headcount +50 +40 +-10$/m);

    const xlsx = path.join(dir, 'banding.xlsx');
    expect((await lindung(auditor, 'simulate', 'compare', 'tambah-juli@1', 'pagu', '--regulation', regulation.id, '-o', xlsx)).stdout).toContain(`Comparison written to ${xlsx}.`);
    const cells = await cellsOf(xlsx);
    expect(cells[0]!.map((c) => c.text)).toEqual(['Baris', 'tambah-juli v1', 'pagu v1', 'Selisih pagu v1 − tambah-juli v1']);
    const total = cells.find((r) => r[0]!.text === 'Total biaya')!;
    expect(total.slice(1).map((c) => [c.kind, Number(c.text)])).toEqual([
      ['number', PER_PERSON * 40 + 16_800 * 6 * 10],
      ['number', PER_PERSON * 40],
      ['number', -16_800 * 6 * 10],
    ]);
    expect(cells.find((r) => r[0]!.text === 'Didanai dalam pagu (orang)')!.slice(1).map((c) => c.text)).toEqual(['', '34']);
  });

  it.skipIf('problem' in findChromium())('prints the comparison to an A4 PDF by the budget document\'s Chromium path', async () => {
    const pdf = path.join(dir, 'banding.pdf');
    const printed = await lindung(auditor, 'simulate', 'compare', 'tambah-juli', 'pagu', '--regulation', regulation.id, '-o', pdf);
    expect(printed.code, printed.stderr).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { mediaBoxes, text } = readPdf(bytes);
    for (const box of mediaBoxes) expect(box.map(Math.round)).toEqual([0, 0, 595, 842]);
    const drawn = text.replace(/\s+/g, '');
    expect(drawn).toContain('PerbandinganSkenarioAnggaran');
    expect(drawn).toContain('Rp8.064.000');
  }, 60_000);

  it('writes a scenario as a draft amendment that an admin applies with regulation apply, and nothing before', async () => {
    // A regulation of its own: the other tests price this file's regulation as it was applied.
    const admin = await tokenFor('admin', 'ani');
    const own = tangselRegulation('perwal-simulasi-rancangan');
    expect((await api('PUT', `/regulations/${own.id}`, { token: admin, body: own })).status).toBe(200);
    const income = { id: 'penghasilan-naik', name: 'Penghasilan Rp1.500.000', regulationId: own.id, year: 2027, segments: { MARBOT: { declaredIncome: 1_500_000, targetHeadcount: 12 } } };
    expect((await lindung(finance, 'simulate', 'save', '-f', scenarioFile('naik.yaml', income))).code).toBe(0);
    const file = path.join(dir, 'perubahan.yaml');
    const draft = await lindung(finance, 'simulate', 'draft', 'penghasilan-naik', '--regulation', own.id, '-o', file);
    expect(draft.code, draft.stderr).toBe(0);
    expect(draft.stdout).toContain(`Draft amendment of ${own.id} from version 1: 2 parts changed.`);
    expect(draft.stdout).toMatch(/premiumBasis\.declaredIncome: 1000000 → 1500000/);
    const document = parseYaml(readFileSync(file, 'utf8'));
    expect(document.version).toBe(1);
    expect((await api('GET', `/regulations/${own.id}`, { token: auditor })).body.version).toBe(1);

    const applied = await lindung(admin, 'regulation', 'apply', '-f', file);
    expect(applied.code, applied.stderr).toBe(0);
    const amended = (await api('GET', `/regulations/${own.id}`, { token: auditor })).body;
    expect(amended.version).toBe(2);
    expect(amended.segments.find((s: { code: string }) => s.code === 'MARBOT')).toMatchObject({ targetHeadcount: 12, premiumBasis: { declaredIncome: 1_500_000 } });
    const nothing = await lindung(finance, 'simulate', 'draft', 'tambah-juli', '--regulation', regulation.id, '-o', path.join(dir, 'kosong.yaml'));
    expect(nothing.stdout).toContain('changes nothing in regulation');
  });

  it('writes who a ceiling funds, person by person, to the file only: the terminal shows masked NIKs', async () => {
    const ceiling = (JSON.parse((await lindung(auditor, '--json', 'simulate', 'show', 'pagu', '--regulation', regulation.id)).stdout) as SimulationResult).ceiling!;
    const csv = path.join(dir, 'didanai.csv');
    const written = await lindung(finance, 'simulate', 'people', 'pagu', '--regulation', regulation.id, '-o', csv);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain(`40 people written to ${csv}.`);
    expect(written.stdout).toMatch(/MARBOT: 4 funded, 6 not; last funded NIK 3674\*{8}\d{4}/);
    expect(`${written.stdout}${written.stderr}`).not.toMatch(/\d{16}/);
    const rows = await cellsOf(csv);
    expect(rows[0]!.map((c) => c.text)).toEqual(['NIK', 'Nama', 'Tanggal Lahir', 'Segmen', 'Didanai']);
    expect(rows.slice(1).every((r) => /^\d{16}$/.test(r[0]!.text))).toBe(true);
    expect(rows.slice(1).filter((r) => r[4]!.text === 'ya')).toHaveLength(ceiling.fundedHeadcount);

    const xlsx = path.join(dir, 'marbot.xlsx');
    const one = await lindung(finance, '--json', 'simulate', 'people', 'pagu', '--regulation', regulation.id, '-o', xlsx, '--segment', 'MARBOT');
    expect(JSON.parse(one.stdout)).toMatchObject({ people: 10, segments: [{ segment: 'MARBOT', funded: 4, unfunded: 6 }] });
    const marbot = (await cellsOf(xlsx)).slice(1);
    expect(marbot.filter((r) => r[4]!.text === 'ya')).toHaveLength(ceiling.segments.find((s) => s.segment === 'MARBOT')!.funded);
    // The funded are the first by ascending NIK, as a real ceiling decision funds them.
    const niks = marbot.map((r) => r[0]!.text).sort();
    expect(marbot.filter((r) => r[4]!.text === 'ya').map((r) => r[0]!.text).sort()).toEqual(niks.slice(0, 4));
   }, 180_000);

  it('requests a real proposal from a scenario, which its requester may not decide, and says what the scenario estimated', async () => {
    const requested = await lindung(finance, 'simulate', 'propose', 'pagu', '--regulation', regulation.id);
    expect(requested.code, requested.stderr).toBe(0);
    const proposalId = requested.stdout.match(/^(bp-2027-[0-9a-f]+) /m)![1]!;
    expect(requested.stdout).toContain('requested from scenario pagu version 1');
    expect(requested.stdout).toContain('Scenario pagu@1 estimated Rp8.064.000 for 40 people; this proposal asks Rp8.064.000 for 40 people of the roster as it is now.');
    expect(requested.stdout).toContain(`another finance officer decides with \`lindung budget decide ${proposalId} --ceiling ${CEILING}\``);
    const proposal = (await api('GET', `/proposals/${proposalId}`, { token: auditor })).body;
    expect(proposal).toMatchObject({ status: 'pending-decision', requestedBy: 'siti', fromScenario: { scenarioId: 'pagu', version: 1 } });
    const selfDecided = await lindung(finance, 'budget', 'decide', proposalId, '--ceiling', String(CEILING));
    expect(selfDecided.code).not.toBe(0);
    expect(selfDecided.stderr).toContain('another finance officer must');
    const other = await tokenFor('finance', 'dewi');
    const decided = await lindung(other, '--json', 'budget', 'decide', proposalId, '--ceiling', String(CEILING));
    expect(decided.code, decided.stderr).toBe(0);
    expect(JSON.parse(decided.stdout)).toMatchObject({ status: 'approved', approvedAmount: PER_PERSON * 34 });
  }, 120_000);

  it('ships example scenarios that fit their regulations: the PPU top-up from July and a Tangsel ceiling', () => {
    const stored = (regulation: Omit<Regulation, 'version' | 'recordedAt' | 'recordedBy'>): Regulation => ({ ...regulation, version: 1, recordedAt: '2026-07-01T00:00:00.000Z', recordedBy: 'ani' });
    const tangsel = tangselRegulation('perwal-tangsel-25-2019');
    const ppu = {
      ...tangsel,
      id: 'perbup-ppu-12-2022',
      jurisdiction: '6409',
      legalBasis: { type: 'Perbup' as const, number: '12', year: 2022 },
      segments: [{ code: 'RENTAN', name: 'Pekerja rentan', category: 'BPU' as const, premiumBasis: { type: 'declared-income' as const, declaredIncome: 1_000_000 }, eligibility: { minAge: 18, maxAge: 65 }, targetHeadcount: 20_000, priority: 1 }],
    };
    const example = (name: string) => ScenarioInput.parse(parseYaml(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'examples', name), 'utf8')));
    const topUp = example('scenario-ppu-tambah-juli.yaml');
    expect(topUp).toMatchObject({ regulationId: ppu.id, cohorts: [{ startMonth: '2027-07', people: { RENTAN: 5_000 } }] });
    expect(() => applyScenario(stored(ppu), topUp)).not.toThrow();
    const ceiling = example('scenario-tangsel-pagu.yaml');
    expect(ceiling).toMatchObject({ regulationId: tangsel.id, ceiling: 2_000_000_000 });
    expect(() => applyScenario(stored(tangsel), ceiling)).not.toThrow();
  });

  it.each([
    ['one scenario to compare', ['compare', 'a'], 'Compare 2 to 4 scenarios (got 1)'],
    ['five scenarios to compare', ['compare', 'a', 'b', 'c', 'd', 'e'], 'Compare 2 to 4 scenarios (got 5)'],
    ['a comparison file of another kind', ['compare', 'a', 'b', '-o', 'banding.docx'], 'Name the comparison .xlsx, .csv, .pdf or .html (got banding.docx)'],
    ['a version that is not one', ['show', 'a@0'], '"a@0" is not a scenario'],
    ['a people file of another kind', ['people', 'a', '-o', 'orang.txt'], 'Name the file of people .csv or .xlsx (got orang.txt)'],
  ])('exits with 2 on %s, before asking the API', async (_, args, message) => {
    const result = await lindung('not-used', 'simulate', ...args, '--regulation', regulation.id);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
