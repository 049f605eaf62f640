import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Lindung checkout the CLI belongs to: where `.lindung/` and the checked-in usage profile
 * are. The CLI runs from source (cli/, cli/commands/) and bundled (dist/lindung.mjs), at
 * different depths, so the root is found by Lindung's package.json rather than by `..`s.
 */
export const REPO_ROOT = findRepoRoot(import.meta.dirname);

function findRepoRoot(from: string): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    try {
      if (JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).name === 'lindung') return directory;
    } catch {
      // No package.json here (or not readable): keep going up.
    }
    if (path.dirname(directory) === directory) throw new Error(`The CLI at ${from} is not inside the Lindung repository`);
  }
}
