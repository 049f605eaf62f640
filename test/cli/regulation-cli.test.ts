import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const tangselFile = path.join(repoRoot, 'examples', 'perwal-tangsel-25-2019.yaml');

/** Runs `npx lindung ARGS` against the suite's local stack; resolves with exit code and output. */
async function lindung(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), args, {
      env: { ...process.env, LINDUNG_DATA_DIR: inject('dataDir'), LINDUNG_TOKEN: '', LINDUNG_API_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npx lindung regulation apply', () => {
  it('applies the shipped Tangsel regulation as admin, refuses it as finance, and rejects an invalid file', async () => {
    expect((await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674')).code).toBe(0);
    const applied = await lindung('regulation', 'apply', '-f', tangselFile);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/(Created|is unchanged).*perwal-tangsel-25-2019|perwal-tangsel-25-2019.*(Created|unchanged)/);
    expect(applied.stdout).toContain('KADER_KESEHATAN');

    const json = await lindung('--json', 'regulation', 'get', 'perwal-tangsel-25-2019');
    expect(JSON.parse(json.stdout).segments).toHaveLength(6);

    expect((await lindung('login', '--as', 'finance', '--user', 'siti', '--region', '3674')).code).toBe(0);
    const refused = await lindung('regulation', 'apply', '-f', tangselFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Rejected (403)');
    expect(refused.stderr).toContain('needs the admin role');

    const invalidFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-')), 'bad.yaml');
    writeFileSync(invalidFile, 'id: perwal-bad-1-2024\ntitle: Bad\njurisdiction: "9999"\n');
    await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
    const invalid = await lindung('regulation', 'apply', '-f', invalidFile);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('Rejected (400)');
    expect(invalid.stderr).toContain('- jurisdiction: is not a Kemendagri province or regency/city code');
    expect(invalid.stderr).toContain('- segments:');
  });

  it('sends the version it read, and says what to do when someone else amended it since', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-amend-'));
    const id = 'perwal-cli-amend-1-2024';
    const file = (name: string, document: object) => {
      const written = path.join(dir, name);
      writeFileSync(written, JSON.stringify(document));
      return written;
    };
    expect((await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674')).code).toBe(0);
    const original = { ...(parseYaml(readFileSync(tangselFile, 'utf8')) as object), id };
    expect((await lindung('regulation', 'apply', '-f', file('new.json', original))).stdout).toContain(`Created ${id} version 1.`);

    // Ani saves version 1 to edit it; meanwhile Dewi amends a plain file, which amends the current version.
    const saved = JSON.parse((await lindung('--json', 'regulation', 'get', id)).stdout);
    expect(saved.version).toBe(1);
    await lindung('login', '--as', 'admin', '--user', 'dewi', '--region', '3674');
    const dewi = await lindung('regulation', 'apply', '-f', file('dewi.json', { ...original, title: 'Perubahan Dewi' }));
    expect(dewi.stdout).toContain(`Amended ${id} to version 2.`);

    await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674');
    const stale = await lindung('regulation', 'apply', '-f', file('ani.json', { ...saved, title: 'Perubahan Ani' }));
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`Someone else amended ${id} since your copy was read: it is now at version 2.`);
    expect(stale.stderr).toContain(`npx lindung regulation get ${id} --json`);

    const reread = JSON.parse((await lindung('--json', 'regulation', 'get', id)).stdout);
    const applied = await lindung('regulation', 'apply', '-f', file('ani-again.json', { ...reread, title: 'Perubahan Ani' }));
    expect(applied.stdout).toContain(`Amended ${id} to version 3.`);
  });

  it('lists one page with --limit and the next with the cursor it prints; without, every page', async () => {
    expect((await lindung('login', '--as', 'admin', '--user', 'ani', '--region', '3674')).code).toBe(0);
    for (const id of ['perwal-cli-page-a-2030', 'perwal-cli-page-b-2030']) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-')), `${id}.yaml`);
      writeFileSync(file, readFileSync(tangselFile, 'utf8').replace(/^id: .*$/m, `id: ${id}`));
      const applied = await lindung('regulation', 'apply', '-f', file);
      expect(applied.code, applied.stderr).toBe(0);
    }
    const first = await lindung('regulation', 'list', '--limit', '1');
    expect(first.code, first.stderr).toBe(0);
    const [line, more, ...rest] = first.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(more).toMatch(/^more: --cursor [A-Za-z0-9_-]+$/);
    const second = await lindung('regulation', 'list', '--limit', '1', '--cursor', more!.slice('more: --cursor '.length));
    expect(second.stdout.split('\n')[0]).not.toBe(line);

    const all = await lindung('--json', 'regulation', 'list');
    const ids = JSON.parse(all.stdout).regulations.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['perwal-cli-page-a-2030', 'perwal-cli-page-b-2030']));
    expect(JSON.parse(all.stdout).nextCursor).toBeUndefined();
  });

  it('says how to sign in when there is no session, and how to start the system when none runs', async () => {
    const noRole = await lindung('login', '--user', 'x');
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain('--as admin|finance|auditor');
    const noRegion = await lindung('login', '--as', 'admin', '--user', 'x', '--region', '3699');
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain('--region 3699 is not a Kemendagri province or regency/city code');
    const nationalAdmin = await lindung('login', '--as', 'admin', '--user', 'x', '--region', 'ID');
    expect(nationalAdmin.stderr).toContain('The national scope (ID) is for auditors');

    const nowhere = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), ['regulation', 'list'], {
      env: { ...process.env, LINDUNG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lindung-empty-')), LINDUNG_API_URL: '' },
    }).catch((error: { stderr: string }) => error);
    expect((nowhere as { stderr: string }).stderr).toContain('npm start');
  });
});
