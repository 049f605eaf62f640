// Bundles the `lindung` CLI (cli/main.ts and what it imports from shared/) into dist/lindung.mjs,
// so that bin/lindung.mjs runs on plain Node, without tsx or any other devDependency. Packages
// stay external: they are the runtime "dependencies" of package.json, installed beside it.
//
// Runs on `npm ci` (the prepare script), before the test suite (its global setup), and from
// bin/lindung.mjs when a source file is newer than the bundle. Plain JavaScript, so that none
// of these needs tsx; esbuild is the only devDependency it uses.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(import.meta.dirname, '..');
export const CLI_BUNDLE = path.join(repoRoot, 'dist', 'lindung.mjs');
/** The source files in the bundle (relative to the repository), for bin/lindung.mjs's freshness check. */
export const CLI_INPUTS = path.join(repoRoot, 'dist', 'lindung.inputs.json');

export async function buildCli() {
  const { build } = await import('esbuild');
  const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: ['cli/main.ts'],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    sourcemap: 'linked',
    // `lindung --version` (cli/main.ts): package.json's version, baked in. package.json is listed
    // with the inputs below, so that a new version makes the bundle stale.
    define: { LINDUNG_VERSION: JSON.stringify(version) },
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  await mkdir(path.dirname(CLI_BUNDLE), { recursive: true });
  const inputs = { path: CLI_INPUTS, contents: `${JSON.stringify([...Object.keys(result.metafile.inputs), 'package.json'], null, 2)}\n` };
  // The bundle goes last: its time stamp says everything beside it is complete. Each file is
  // renamed into place, so a CLI started meanwhile (or a second build) never reads half a file.
  const files = [...result.outputFiles.filter((file) => file.path !== CLI_BUNDLE), inputs, ...result.outputFiles.filter((file) => file.path === CLI_BUNDLE)];
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
}

/** Whether dist/lindung.mjs is missing, or older than one of the files it was built from. */
export async function cliBundleIsStale() {
  const built = await stat(CLI_BUNDLE).catch(() => undefined);
  if (!built) return true;
  let inputs;
  try {
    inputs = JSON.parse(await readFile(CLI_INPUTS, 'utf8'));
  } catch {
    return true;
  }
  for (const input of inputs) {
    const source = await stat(path.join(repoRoot, input)).catch(() => undefined);
    if (!source || source.mtimeMs > built.mtimeMs) return true;
  }
  return false;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
