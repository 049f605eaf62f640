import type { Language } from '../shared/documents/messages/translate';

/**
 * The language the CLI speaks: `--lang id|en` if given, else Bahasa Indonesia when the locale
 * (LC_ALL, LC_MESSAGES or LANG, in the order POSIX gives them precedence) starts with `id`, else
 * English. Read from the command line before commander parses it, since help texts are written
 * while the commands are registered.
 */
export function cliLanguage(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Language {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const flag = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
  if (flag === 'id' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^id([_.-]|$)/i.test(locale) ? 'id' : 'en';
}
