/** Prints a command's result: the raw JSON with --json, otherwise the human-readable lines. */
export function print(json: boolean | undefined, result: unknown, human: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${human().join('\n')}\n`);
}

export { formatCount } from './messages';
