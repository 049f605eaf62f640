import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { AuditEntityType } from '../../shared/core/audit/audit-entity-type';
import { api, tokenFor } from '../support/api';
import { tangselRegulation } from '../support/tangsel';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');

async function lindung(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), args, { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Nothing listens there: these are refused before the API is asked. */
const offline = { LINDUNG_API_URL: 'http://127.0.0.1:9', LINDUNG_TOKEN: 'not-used' };

describe('npx lindung audit --entity', () => {
  it('lists the valid entity types when TYPE is none of them (a usage error: exit code 2)', async () => {
    const result = await lindung(offline, 'audit', '--entity', 'regulaton:perwal-tangsel-25-2019');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '"regulaton" is not an entity type: --entity TYPE:ID takes one of regulation, enrollment-run, bill, scenario (e.g. --entity regulation:perwal-tangsel-25-2019).\n',
    );
    expect((await lindung(offline, 'audit', '--entity', 'bill')).stderr).toBe('Name which bill: --entity bill:ID.\n');
    expect((await lindung(offline, 'audit')).code).toBe(2);
  });

  it('says so when nothing was recorded about the entity', async () => {
    const env = { LINDUNG_API_URL: inject('apiUrl'), LINDUNG_TOKEN: await tokenFor('auditor', 'budi') };
    const nothing = await lindung(env, 'audit', '--entity', 'regulation:perwal-nobody-99-2099');
    expect(nothing.code, nothing.stderr).toBe(0);
    expect(nothing.stdout).toBe('No audit events for regulation:perwal-nobody-99-2099: nothing was recorded about it. Check the ID (IDs are case-sensitive).\n');
    expect(JSON.parse((await lindung(env, '--json', 'audit', '--entity', 'regulation:perwal-nobody-99-2099')).stdout)).toEqual({ events: [] });

    const regulation = tangselRegulation('perwal-audit-cli');
    await api('PUT', `/regulations/${regulation.id}`, { token: await tokenFor('admin', 'ani'), body: regulation });
    const found = await lindung(env, 'audit', '--entity', `regulation:${regulation.id}`);
    expect(found.stdout).toContain('regulation.created');
    expect(found.stdout).not.toContain('No audit events');
  });
});

describe('AuditEntityType', () => {
  it('holds every entity type the core audits', () => {
    const coreFolder = path.join(repoRoot, 'shared', 'core');
    const written = new Set<string>();
    for (const file of readdirSync(coreFolder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
      for (const match of readFileSync(path.join(coreFolder, file), 'utf8').matchAll(/entityType: '([^']+)'/g)) written.add(match[1]!);
    }
    expect(written.size).toBeGreaterThan(0);
    expect([...written].sort()).toEqual([...AuditEntityType.options].sort());
  });
});
