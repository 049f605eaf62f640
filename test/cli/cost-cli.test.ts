import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AWS_PRICES } from '../../shared/documents/cost/aws-price-list';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npx lindung ARGS` with no stack to talk to: the estimate must not need one. */
async function lindung(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'bin', 'lindung.mjs'), args, {
      // In English: cli-language.test.ts runs cost in both languages.
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', LINDUNG_API_URL: 'http://127.0.0.1:9', LINDUNG_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lindung-cost-cli-')) },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npx lindung cost', () => {
  it('estimates a run from the checked-in profile and prices, offline, in rupiah and dollars', async () => {
    const result = await lindung('cost', '--people', '75903');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('for 75,903 people');
    for (const service of ['Step Functions', 'Lambda duration', 'DynamoDB writes', 'API Gateway', 'Total']) expect(result.stdout).toContain(service);
    expect(result.stdout).toMatch(/Total\s+\$[\d,.]+\s+Rp[\d.]+/);
    expect(result.stdout).toMatch(/Wall time: about .+, set by the /);

    const json = JSON.parse((await lindung('--json', 'cost', '--people', '1000000', '--insurer-rps', '2', '--usd-idr', '16000')).stdout);
    expect(Number.isSafeInteger(json.total.rupiah)).toBe(true);
    expect(json.total.usd).toMatch(/^\d+\.\d{6}$/);
    // Whole rupiah at the rate given: the dollar total times 16,000, rounded.
    expect(Math.abs(json.total.rupiah - Number(json.total.usd) * 16_000)).toBeLessThanOrEqual(1);
    expect(json.assumptions).toMatchObject({ insurerRequestsPerSecond: 2, idrPerUsd: '16000' });
    expect(json.prices.exchangeRate.asOf).toBe(AWS_PRICES.exchangeRate.asOf);
    // A slower partner can only make the run longer.
    const faster = JSON.parse((await lindung('--json', 'cost', '--people', '1000000', '--insurer-rps', '200')).stdout);
    expect(json.wallTime.seconds).toBeGreaterThanOrEqual(faster.wallTime.seconds);
  });

  it('names the option that is wrong (a usage error: exit code 2), and the profile that cannot be used', async () => {
    const noPeople = await lindung('cost', '--people', 'lots');
    expect(noPeople.code).toBe(2);
    expect(noPeople.stderr).toContain('--people must be a whole number of at least 1, not "lots"');
    const badRate = await lindung('cost', '--people', '10', '--usd-idr', '16.693,00');
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('--usd-idr must be a decimal number');

    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lindung-cost-profile-')), 'profile.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, workflow: 'x' }));
    const invalid = await lindung('cost', '--people', '10', '--profile', file);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`The usage profile ${file} is not valid: measured:`);

    writeFileSync(file, 'formatVersion: 1');
    const notJson = await lindung('cost', '--people', '10', '--profile', file);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(new RegExp(`^The usage profile ${file} is not JSON: .+\n$`));
  });
});
