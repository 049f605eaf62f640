import { parseArgs } from 'node:util';
import { enrollScenario } from './bench/enroll-scenario';
import { importScenario } from './bench/import-scenario';

/**
 * `npm run bench -- SCENARIO --people N [--faults RATES] [--profile FILE]`. Runs the scenario on
 * a fresh local stack and prints progress lines, then one JSON object as the last line (scenario,
 * people, seconds, floorSeconds, ratio, peakRssMb and more). Ratios are measured side by side in
 * one run: this machine is noisy. `--profile` writes enroll's usage profile (docs/cost.md).
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { people: { type: 'string', default: '10000' }, faults: { type: 'string' }, profile: { type: 'string' } },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const scenarios = {
  import: (people: number) => importScenario(people, log),
  enroll: (people: number) =>
    enrollScenario(people, log, { ...(values.faults ? { faults: values.faults } : {}), ...(values.profile ? { profile: values.profile } : {}) }),
};
const name = positionals[0] as keyof typeof scenarios | undefined;
const people = Number(values.people);
if (!name || !(name in scenarios) || !Number.isSafeInteger(people) || people < 1) {
  process.stderr.write(`usage: npm run bench -- ${Object.keys(scenarios).join('|')} --people N [--faults 429=0.05,500=0.02,timeout=0.01] [--profile FILE]\n`);
  process.exit(2);
}
const result = await scenarios[name](people);
process.stdout.write(`${JSON.stringify(result)}\n`);
