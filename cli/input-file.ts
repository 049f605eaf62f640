import { closeSync, fstatSync, openSync } from 'node:fs';
import { CliError } from './cli-config';
import { type CliText, t } from './messages';

/**
 * Checks a file named on the command line before any work starts (and before the API is asked
 * anything), so that a mistyped or unreadable path is one line naming it and what to give
 * instead, not a stack trace from deep inside a reader. `what` completes "Beri jalur …" ("Give the
 * path of …"), e.g. `berkas roster (.csv atau .xlsx)`.
 */
export function requireInputFile(file: string, what: CliText): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'r');
  } catch (error) {
    throw new CliError(t('{file} {problem}. Beri jalur {what}.', { file, problem: problemOpening(error as NodeJS.ErrnoException), what: t(what) }), { file });
  }
  try {
    // Linux opens a folder for reading as well; reading it then fails with EISDIR.
    if (fstatSync(descriptor).isDirectory()) throw new CliError(t('{file} adalah folder, bukan berkas. Beri jalur {what}.', { file, what: t(what) }), { file });
  } finally {
    closeSync(descriptor);
  }
}

function problemOpening(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return t('tidak ada');
    case 'EACCES':
    case 'EPERM':
      return t('tidak dapat dibaca: izin ditolak (periksa pemiliknya, atau salin ke tempat yang dapat Anda baca)');
    default:
      return t('tidak dapat dibaca ({reason})', { reason: error.code ?? error.message });
  }
}
