import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Bundles the CLI before any test runs it (`npm ci` did too, but the sources may have changed
 * since). bin/lindung.mjs would rebuild a stale bundle itself, but every test file at once.
 */
export default function setup(): void {
  const repoRoot = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs')], { cwd: repoRoot, stdio: 'inherit' });
}
