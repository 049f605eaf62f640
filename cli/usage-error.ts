import { CliError } from './cli-config';

/**
 * The command line itself is wrong (an option missing, or not one of its choices) in a way
 * commander cannot see: reported like commander's own usage errors, with exit code 2, so that a
 * script can tell a mistyped command from a failure of the work it asked for.
 */
export class UsageError extends CliError {}
