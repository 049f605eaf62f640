import { Command } from 'commander';
import { CliError } from './cli-config';
import { registerAudit } from './commands/audit';
import { registerBudget } from './commands/budget';
import { registerClock } from './commands/clock';
import { registerCost } from './commands/cost';
import { registerEnrollment } from './commands/enrollment';
import { registerLifeEvent } from './commands/life-event';
import { registerLogin } from './commands/login';
import { registerRegulation } from './commands/regulation';
import { registerRemit } from './commands/remit';
import { registerRenewal } from './commands/renewal';
import { registerRoster } from './commands/roster';
import { registerWhoAmI } from './commands/who-am-i';

const program = new Command('lindung')
  .description('Lindung: regional subsidies of BPJS Ketenagakerjaan premiums')
  .option('--api <url>', 'API base URL (default: the local stack from `npm start`, or LINDUNG_API_URL)')
  .option('--token <jwt>', 'bearer token (default: LINDUNG_TOKEN, or the one saved by `lindung login`)')
  .option('--json', 'print machine-readable JSON')
  .showHelpAfterError();

registerLogin(program);
registerWhoAmI(program);
registerRegulation(program);
registerRoster(program);
registerBudget(program);
registerEnrollment(program);
registerRemit(program);
registerRenewal(program);
registerLifeEvent(program);
registerClock(program);
registerAudit(program);
registerCost(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  if (program.opts().json) process.stdout.write(`${JSON.stringify({ error: error.message, details: error.details }, null, 2)}\n`);
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
