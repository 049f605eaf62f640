import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const lindungBin = path.join(repoRoot, 'bin', 'lindung.mjs');
const bundle = path.join(repoRoot, 'dist', 'lindung.mjs');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const devDependencies = Object.keys(manifest.devDependencies);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/**
 * Node started with a module hook that refuses to load any devDependency: what the CLI loads
 * under it, it would load from an install without devDependencies too.
 */
const withoutDevDependencies = [
  '--import',
  `data:text/javascript,${encodeURIComponent(`
    import { registerHooks } from 'node:module';
    const forbidden = ${JSON.stringify(devDependencies)};
    registerHooks({
      resolve(specifier, context, nextResolve) {
        const resolved = nextResolve(specifier, context);
        const name = forbidden.find((name) => resolved.url.includes('/node_modules/' + name + '/'));
        if (name) throw new Error('devDependency ' + name + ' loaded (' + specifier + ' from ' + context.parentURL + ')');
        return resolved;
      },
    });`)}`,
];

describe('the bundled CLI (dist/lindung.mjs)', () => {
  it('imports nothing but Node built-ins and the runtime dependencies', async () => {
    // esbuild reads the bundle back and lists what it imports, rather than a regular expression.
    const { metafile } = await build({
      entryPoints: [bundle],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imported = Object.values(metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
    const packages = [...new Set(imported.filter((p) => !p.startsWith('node:') && !builtinModules.includes(p)).map(packageOf))].sort();
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((name) => !(name in manifest.dependencies))).toEqual([]);
    for (const tool of ['tsx', 'typescript', 'esbuild']) expect(packages).not.toContain(tool);
  });

  it('runs `lindung --help` and a command with no devDependency loadable, from any directory', async () => {
    // The hook is not vacuous: tsx, which bin/lindung.mjs used to load, is refused.
    await expect(
      run(process.execPath, [...withoutDevDependencies, '--input-type=module', '-e', "await import('tsx/esm/api')"], { cwd: repoRoot }),
    ).rejects.toThrow(/devDependency tsx loaded/);

    const options = { cwd: os.tmpdir(), env: { ...process.env, LINDUNG_API_URL: 'http://127.0.0.1:9' } };
    const help = await run(process.execPath, [...withoutDevDependencies, lindungBin, '--help'], options);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('Usage: lindung');
    expect(help.stdout).toContain('regulation');

    // `cost` reads the usage profile checked in beside the sources: found from the bundle too.
    const cost = await run(process.execPath, [...withoutDevDependencies, lindungBin, '--json', 'cost', '--people', '1000'], options);
    expect(cost.stderr).toBe('');
    expect(JSON.parse(cost.stdout)).toMatchObject({ people: 1000 });
  });
});
