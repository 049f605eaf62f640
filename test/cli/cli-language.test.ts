import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cliLanguage } from '../../cli/language';
import { api, tokenFor } from '../support/api';
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
});
