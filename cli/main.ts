import { Command, CommanderError, Option } from 'commander';
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
import { registerSimulate } from './commands/simulate';
import { registerWhoAmI } from './commands/who-am-i';
import { t } from './messages';
import { UsageError } from './usage-error';

/** package.json's version: scripts/build-cli.mjs defines it when it bundles the CLI. */
declare const LINDUNG_VERSION: string;

/** Exit code of a command line that is wrong (an unknown option, a missing argument, an invalid choice), as getopt-style tools use. */
const USAGE_EXIT_CODE = 2;

/** The headings of commander's help, as this run's language words them. */
const HELP_TITLES: Readonly<Record<string, string>> = {
  'Usage:': t('Penggunaan:'),
  'Options:': t('Opsi:'),
  'Commands:': t('Perintah:'),
  'Arguments:': t('Argumen:'),
  'Global Options:': t('Opsi global:'),
};

const program = new Command('lindung')
  .description(t('Lindung: subsidi iuran BPJS Ketenagakerjaan oleh pemerintah daerah'))
  .option('--api <url>', t('URL dasar API (bawaan: sistem lokal dari `npm start`, atau LINDUNG_API_URL)'))
  .option('--token <jwt>', t('token bearer (bawaan: LINDUNG_TOKEN, atau yang disimpan `lindung login`)'))
  .option('--json', t('cetak JSON untuk mesin'))
  // Read before parsing (language.ts); declared so that commander accepts it and checks its value.
  .addOption(new Option('--lang <language>', t('bahasa: id (Bahasa Indonesia) atau en (English); bawaan dari LANG')).choices(['id', 'en']))
  .version(LINDUNG_VERSION, '-V, --version', t('tampilkan versi'))
  .helpOption('-h, --help', t('tampilkan bantuan perintah'))
  .helpCommand('help [command]', t('tampilkan bantuan perintah'))
  // Commander's own headings, in the run's language too.
  .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
  .showHelpAfterError()
  // Commander's usage errors are thrown instead of exiting with 1, so that they exit with 2 below.
  // Set before the commands are registered: each command copies it.
  .exitOverride();

registerLogin(program);
registerWhoAmI(program);
registerRegulation(program);
registerRoster(program);
registerBudget(program);
registerSimulate(program);
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
  process.exitCode = report(error, Boolean(program.opts().json));
}

/**
 * Reports an error without a stack trace and returns the exit code: 2 for a wrong command line,
 * 1 for anything else a command reports (a file that cannot be read, a refusal of the API). With
 * --json the error is also a JSON object on stdout. Errors that are neither are bugs, and
 * rethrown with their stack.
 */
function report(error: unknown, json: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end this way too, successfully; usage errors are already on stderr, with the help.
    if (error.exitCode === 0) return 0;
    if (json) printJson(error.message.replace(/^error: /, ''));
    return USAGE_EXIT_CODE;
  }
  if (!(error instanceof CliError)) throw error;
  if (json) printJson(error.message, error.details);
  process.stderr.write(`${error.message}\n`);
  return error instanceof UsageError ? USAGE_EXIT_CODE : 1;
}

function printJson(message: string, details?: unknown): void {
  process.stdout.write(`${JSON.stringify({ error: message, details }, null, 2)}\n`);
}
