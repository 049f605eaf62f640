import { parseArgs } from 'node:util';
import { enrollScenario } from './bench/enroll-scenario';
import { importScenario } from './bench/import-scenario';

/**
 * `npm run bench -- SCENARIO --people N [--faults RATES]`. Runs the scenario on a fresh local
 * stack and prints progress lines, then one JSON object as the last line (scenario, people,
 * seconds, floorSeconds, ratio, peakRssMb and more). Ratios are measured side by side in one run:
 * this machine is noisy.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { people: { type: 'string', default: '10000' }, faults: { type: 'string' } },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const scenarios = {
  import: (people: number) => importScenario(people, log),
  enroll: (people: number) => enrollScenario(people, log, values.faults ? { faults: values.faults } : {}),
};
const name = positionals[0] as keyof typeof scenarios | undefined;
const people = Number(values.people);
if (!name || !(name in scenarios) || !Number.isSafeInteger(people) || people < 1) {
  process.stderr.write(`usage: npm run bench -- ${Object.keys(scenarios).join('|')} --people N [--faults 429=0.05,500=0.02,timeout=0.01]\n`);
  process.exit(2);
}
const result = await scenarios[name](people);
process.stdout.write(`${JSON.stringify(result)}\n`);
