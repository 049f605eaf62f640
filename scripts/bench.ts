import { parseArgs } from 'node:util';
import { enrollScenario } from './bench/enroll-scenario';
import { importScenario } from './bench/import-scenario';
import { loadScenario } from './bench/load-scenario';
import { reconcileScenario } from './bench/reconcile-scenario';
import { simulateScenario } from './bench/simulate-scenario';

/**
 * `npm run bench -- SCENARIO --people N [--pairs P] [--faults RATES] [--profile FILE] [--seconds S --clients C]`.
 * Runs the scenario on a fresh local stack and prints progress lines, then one JSON object as the
 * last line (scenario, people, seconds, floorSeconds, ratio, ratioMin, ratioMax, pairs, peakRssMb
 * and more). This machine is noisy: import, enroll and reconcile measure P floor/run pairs (3 by default)
 * alternately in one process, each pair on fresh tables, and report medians with the spread. `--profile` writes enroll's usage
 * profile (docs/cost.md). `load` reads the API with C clients for S seconds through an import and
 * a crash (docs/enrollment.md) and exits 1 unless it passed (0 errors, the run complete).
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    people: { type: 'string', default: '10000' },
    pairs: { type: 'string', default: '3' },
    faults: { type: 'string' },
    profile: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '20' },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = Number(values.seconds);
const pairs = Number(values.pairs);
const clients = Number(values.clients);
const scenarios = {
  import: (people: number) => importScenario(people, log, { pairs }),
  enroll: (people: number) =>
    enrollScenario(people, log, { pairs, ...(values.faults ? { faults: values.faults } : {}), ...(values.profile ? { profile: values.profile } : {}) }),
  load: (people: number) => loadScenario(people, log, { seconds, clients }),
  reconcile: (people: number) => reconcileScenario(people, log, { pairs }),
  simulate: (people: number) => simulateScenario(people, log, { pairs }),
};
const name = positionals[0] as keyof typeof scenarios | undefined;
const people = Number(values.people);
const positive = (n: number) => Number.isSafeInteger(n) && n >= 1;
if (!name || !(name in scenarios) || !positive(people) || !positive(pairs) || !positive(seconds) || !positive(clients)) {
  process.stderr.write(
    `usage: npm run bench -- ${Object.keys(scenarios).join('|')} --people N [--pairs 3] [--faults 429=0.05,500=0.02,timeout=0.01] [--profile FILE] [--seconds 60 --clients 20]\n`,
  );
  process.exit(2);
}
const result = await scenarios[name](people);
process.stdout.write(`${JSON.stringify(result)}\n`);
if ('passed' in result && !result.passed) process.exitCode = 1;
