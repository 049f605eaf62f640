import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npx lindung ARGS` with nothing listening at its API: none of these may need one. */
async function lindung(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), args, {
      env: { ...process.env, LINDUNG_API_URL: 'http://127.0.0.1:9', LINDUNG_TOKEN: 'not-used', LINDUNG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lindung-usage-cli-')) },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npx lindung --version', () => {
  it("prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await lindung(flag);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
    // Baked into the bundle: a new version in package.json must make bin/lindung.mjs rebuild it.
    expect(JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'lindung.inputs.json'), 'utf8'))).toContain('package.json');
  });
});

describe('a wrong command line', () => {
  it.each([
    ['an unknown option', ['roster', 'import', '--regulation', 'r', '--file', 'f.csv', '--bogus'], "unknown option '--bogus'"],
    ['a missing required option', ['roster', 'import', '--regulation', 'r'], "required option '--file <path>' not specified"],
    ['a missing argument', ['enroll', 'member-file', '--proposal', 'p'], "missing required argument 'file'"],
    ['an unknown command', ['rooster'], "unknown command 'rooster'"],
    ['an invalid choice', ['renewal', 'diff', '--regulation', 'r', '--year', '2027', '--list', 'everyone'], '--list must be joiners, leavers, aging-out or lapsed (got everyone)'],
    ['two options that exclude each other', ['life-event', 'record', '--nik', '3674011501800001', '--date', '2027-03-01', '--death', '--removal'], 'Give exactly one of --death or --removal'],
    ['an option value that is not a number', ['cost', '--people', 'lots'], '--people must be a whole number'],
    ['a CSV delimiter other than , ; or tab', ['roster', 'rejections', 'imp-20270101-abcdef12', '-o', 'ditolak.csv', '--delimiter', '|'], '--delimiter must be , or ; or tab (got |)'],
    ['a budget document of another kind', ['budget', 'show', 'bp-2027-3f9a2c1b', '-o', 'anggaran.docx'], 'Name the document .pdf, .html, .csv or .xlsx (got anggaran.docx)'],
    ['a delimiter for the budget document', ['budget', 'show', 'bp-2027-3f9a2c1b', '-o', 'anggaran.csv', '--delimiter', 'pipe'], '--delimiter must be , or ; or tab (got pipe)'],
  ])('exits with 2 on %s, saying what is wrong', async (_, args, message) => {
    const result = await lindung(...args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('is a JSON error on stdout with --json', async () => {
    const result = await lindung('--json', 'roster', 'import', '--regulation', 'r');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: "required option '--file <path>' not specified" });
  });

  it('leaves other failures at 1: an API that cannot be reached', async () => {
    const result = await lindung('regulation', 'list');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach the Lindung API at http://127.0.0.1:9');
  });
});
