import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const folder = mkdtempSync(path.join(os.tmpdir(), 'lindung-input-files-'));
const missing = path.join(folder, 'no-such-file.csv');
const aFile = path.join(folder, 'a-file.txt');
writeFileSync(aFile, 'text\n');

/** Runs `npx lindung ARGS` with nothing listening at its API: a bad path is reported before the API is asked. */
async function lindung(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), args, {
      env: { ...process.env, LINDUNG_API_URL: 'http://127.0.0.1:9', LINDUNG_TOKEN: 'not-used', LINDUNG_DATA_DIR: folder },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('a file argument that cannot be read', () => {
  it.each([
    ['roster import --file', (file: string) => ['roster', 'import', '--regulation', 'r', '--file', file], 'the roster file (.csv or .xlsx)'],
    ['regulation apply -f', (file: string) => ['regulation', 'apply', '-f', file], 'the regulation document (.yaml or .json)'],
    ['remit import FILE', (file: string) => ['remit', 'import', '--regulation', 'r', file], 'the bill file (.csv or .xlsx)'],
    ['enroll member-file FILE', (file: string) => ['enroll', 'member-file', '--proposal', 'p', file], "the BPJS branch's member file"],
    ['cost --profile', (file: string) => ['cost', '--people', '10', '--profile', file], 'a usage profile (.json)'],
  ])('%s: one line naming the path and what to give, exit code 1', async (_, args, what) => {
    for (const [file, problem] of [
      [missing, 'does not exist'],
      [folder, 'is a folder, not a file'],
      [path.join(aFile, 'inside'), 'does not exist'],
    ] as const) {
      const result = await lindung(...args(file));
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.startsWith(`${file} ${problem}. Give the path of ${what}`), result.stderr).toBe(true);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('is a JSON error on stdout with --json', async () => {
    const result = await lindung('--json', 'roster', 'import', '--regulation', 'r', '--file', missing);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ error: `${missing} does not exist. Give the path of the roster file (.csv or .xlsx).`, details: { file: missing } });
  });
});

describe('a roster file with a cell too long', () => {
  it('names the row and the column by its title, not an unclosed quote', async () => {
    const roster = path.join(folder, 'alamat-panjang.csv');
    writeFileSync(roster, `NIK;Nama;Alamat\n3674011501800001;Budi;${'Jl. Mawar '.repeat(150_000)}\n`);
    const result = await lindung('roster', 'import', '--regulation', 'r', '--file', roster);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^alamat-panjang\.csv cannot be imported: Row 2, column "Alamat" \(C\): the cell holds more than 32,767 characters/);
  });
});
