import { parseArgs } from 'node:util';
import { enrollScenario } from './bench/enroll-scenario';
import { importScenario } from './bench/import-scenario';
import { loadScenario } from './bench/load-scenario';

/**
 * `npm run bench -- SCENARIO --people N [--faults RATES] [--profile FILE] [--seconds S --clients C]`.
 * Runs the scenario on a fresh local stack and prints progress lines, then one JSON object as the
 * last line (scenario, people, seconds, floorSeconds, ratio, peakRssMb and more). Ratios are
 * measured side by side in one run: this machine is noisy. `--profile` writes enroll's usage
 * profile (docs/cost.md). `load` reads the API with C clients for S seconds through an import and
 * a crash (docs/enrollment.md) and exits 1 unless it passed (0 errors, the run complete).
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    people: { type: 'string', default: '10000' },
    faults: { type: 'string' },
    profile: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '20' },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const scenarios = {
  import: (people: number) => importScenario(people, log),
  enroll: (people: number) =>
    enrollScenario(people, log, { ...(values.faults ? { faults: values.faults } : {}), ...(values.profile ? { profile: values.profile } : {}) }),
  load: (people: number) => loadScenario(people, log, { seconds, clients }),
};
const name = positionals[0] as keyof typeof scenarios | undefined;
const people = Number(values.people);
const positive = (n: number) => Number.isSafeInteger(n) && n >= 1;
if (!name || !(name in scenarios) || !positive(people) || !positive(seconds) || !positive(clients)) {
  process.stderr.write(
    `usage: npm run bench -- ${Object.keys(scenarios).join('|')} --people N [--faults 429=0.05,500=0.02,timeout=0.01] [--profile FILE] [--seconds 60 --clients 20]\n`,
  );
  process.exit(2);
}
const result = await scenarios[name](people);
process.stdout.write(`${JSON.stringify(result)}\n`);
if ('passed' in result && !result.passed) process.exitCode = 1;
