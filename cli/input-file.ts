import { closeSync, fstatSync, openSync } from 'node:fs';
import { CliError } from './cli-config';

/**
 * Checks a file named on the command line before any work starts (and before the API is asked
 * anything), so that a mistyped or unreadable path is one line naming it and what to give
 * instead, not a stack trace from deep inside a reader. `what` completes "Give the path of …",
 * e.g. `the roster file (.csv or .xlsx)`.
 */
export function requireInputFile(file: string, what: string): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch (error) {
    throw new CliError(`${file} ${problemOpening(error as NodeJS.ErrnoException)}. Give the path of ${what}.`, { file });
  }
  try {
    // Linux opens a folder for reading as well; reading it then fails with EISDIR.
    if (fstatSync(descriptor).isDirectory()) throw new CliError(`${file} is a folder, not a file. Give the path of ${what}.`, { file });
  } finally {
    closeSync(descriptor);
  }
}

function problemOpening(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied (check who owns it, or copy it somewhere you can read)';
    default:
      return `cannot be read (${error.code ?? error.message})`;
  }
}
