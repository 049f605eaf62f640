import { createInterface } from 'node:readline';
import { InsurerSimulator, parseInsurerFaults } from '../../infra/local/insurer-simulator';

/**
 * The insurer simulator in its own process for the benches (started by insurer-process.ts), so
 * that its membership table (which grows with every person, as the real insurer's does) is not
 * counted in Lindung's memory. Prints its URL when ready; a line on stdin sets its fault rates
 * (LINDUNG_INSURER_FAULTS syntax, empty for none) and is answered "ok".
 */
const simulator = await InsurerSimulator.start({ timeoutHoldMs: 2_000 });
process.stdout.write(`${simulator.url}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  simulator.setFaults(parseInsurerFaults(line));
  process.stdout.write('ok\n');
});
process.stdin.on('end', () => void simulator.stop().then(() => process.exit(0)));
