import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { writeSyntheticRoster } from '../../scripts/lib/synthetic-roster';
import { api, tokenFor } from '../support/api';
import { readPdf } from '../support/pdf-text';
import { importRoster } from '../support/roster-files';
import { tangselRegulation } from '../support/tangsel';

/**
 * `lindung budget show -o anggaran.pdf`: the budget document printed by Debian's Chromium (as the
 * other browser tests drive it), checked in the PDF itself: an A4 page, and the text drawn on it.
 */

const run = promisify(execFile);
const lindungBin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'lindung.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-budget-pdf-'));
let proposalId: string;
let finance: string;

beforeAll(async () => {
  const admin = await tokenFor('admin', 'ani');
  finance = await tokenFor('finance', 'siti');
  const regulation = tangselRegulation('perwal-budget-pdf');
  expect((await api('PUT', `/regulations/${regulation.id}`, { token: admin, body: regulation })).status).toBe(200);
  await writeSyntheticRoster(path.join(dir, 'roster.csv'), { segments: { KETUA_RT: 20, MARBOT: 5 }, regionCode: '3674', badShare: 0, seed: 11 });
  await importRoster(regulation.id, path.join(dir, 'roster.csv'));
  const proposed = await run(lindungBin, ['--json', 'budget', 'propose', '--regulation', regulation.id, '--year', '2027'], as(admin));
  proposalId = JSON.parse(proposed.stdout).proposalId;
  await run(lindungBin, ['budget', 'decide', proposalId, '--approve'], as(finance));
});

function as(token: string, env: Record<string, string> = {}) {
  return { env: { ...process.env, LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: token, ...env } };
}

describe('npx lindung budget show -o anggaran.pdf', () => {
  it('prints the budget document on A4, with the amount in words, the account code, the legal basis and the signature blocks', async () => {
    const pdf = path.join(dir, 'anggaran.pdf');
    const shown = await run(lindungBin, ['budget', 'show', proposalId, '-o', pdf], as(finance));
    expect(shown.stdout).toContain(`Budget document written to ${pdf}.`);

    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { mediaBoxes, text } = readPdf(bytes);
    expect(mediaBoxes.length).toBeGreaterThan(0);
    // A4 is 210 × 297 mm: 595 × 842 points.
    for (const box of mediaBoxes) expect(box.map(Math.round)).toEqual([0, 0, 595, 842]);

    // Lines wrap where Chromium likes: compare without whitespace. 25 × Rp16.800 × 12 = Rp5.040.000.
    const drawn = text.replace(/\s+/g, '');
    const wrapped = (words: string) => expect(drawn).toContain(words.replace(/\s+/g, ''));
    wrapped('Terbilang: lima juta empat puluh ribu rupiah');
    wrapped('Rp5.040.000');
    wrapped('Kode rekening 5.1.02.01.01.0004');
    wrapped('Dasar hukum Peraturan Wali Kota Tangerang Selatan Nomor 25 Tahun 2019');
    wrapped('Diusulkan oleh,');
    wrapped('Disetujui oleh,');
    wrapped('Tangerang Selatan,');
    expect(drawn).toContain('NIP.');
  });

  it('says in one line what to install when there is no Chromium, and writes nothing', async () => {
    const pdf = path.join(dir, 'no-chromium.pdf');
    const failed = await run(lindungBin, ['budget', 'show', proposalId, '-o', pdf], as(finance, { LINDUNG_CHROMIUM: path.join(dir, 'no-such-chromium') })).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toContain(`Cannot print ${pdf}: LINDUNG_CHROMIUM=${path.join(dir, 'no-such-chromium')} does not exist; install Debian's chromium package`);
    expect(existsSync(pdf)).toBe(false);
  });
});
