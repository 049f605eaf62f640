import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalStack } from '../infra/local/local-stack';
import { synthesizeTemplate } from '../infra/synthesize';
import { importScenario } from './bench/import-scenario';

/**
 * `npm run bench -- SCENARIO --people N`. Runs the scenario on a fresh local stack and prints
 * progress lines, then one JSON object as the last line (scenario, people, seconds, floorSeconds,
 * ratio, peakRssMb and more). Ratios are measured side by side in one run: this machine is noisy.
 */
const scenarios = { import: importScenario };

const { positionals, values } = parseArgs({ allowPositionals: true, options: { people: { type: 'string', default: '10000' } } });
const name = positionals[0] as keyof typeof scenarios | undefined;
const people = Number(values.people);
if (!name || !(name in scenarios) || !Number.isSafeInteger(people) || people < 1) {
  process.stderr.write(`usage: npm run bench -- ${Object.keys(scenarios).join('|')} --people N\n`);
  process.exit(2);
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-data-'));
const stack = await LocalStack.start({
  template: synthesizeTemplate({ bundle: false }),
  dataDir,
  inMemory: true,
  environment: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR' },
});
try {
  const result = await scenarios[name](stack, dataDir, people, log);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
