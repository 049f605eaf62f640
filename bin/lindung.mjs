#!/usr/bin/env -S node --max-semi-space-size=16
// The `lindung` CLI. npx puts node_modules/.bin first on PATH, so this runs on the project's Node 24.
// Node 24's V8 sizes the young generation by the machine's memory, up to 64 MB per semi-space
// (Node 22: 16 MB); reading a large roster would then hold up to 128 MB of garbage more. 16 MB,
// as before, keeps `lindung roster import` of a million rows under 200 MB (test/spreadsheets).
if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(`lindung needs Node.js 24 or newer (this is ${process.versions.node}). Run it as \`npx lindung\` after \`npm ci\`.\n`);
  process.exit(1);
}
// The CLI is bundled into dist/lindung.mjs (scripts/build-cli.mjs, run by `npm ci`), which needs
// the runtime dependencies only. After a change to one of its sources it is rebuilt here first,
// with esbuild from the devDependencies.
const { pathToFileURL } = await import('node:url');
const { CLI_BUNDLE, buildCli, cliBundleIsStale } = await import('../scripts/build-cli.mjs');
if (await cliBundleIsStale()) {
  try {
    await buildCli();
  } catch (error) {
    const withoutEsbuild = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes("'esbuild'");
    const { existsSync } = await import('node:fs');
    // Installed without devDependencies: the bundle there is is the one to run.
    if (!withoutEsbuild || !existsSync(CLI_BUNDLE)) {
      process.stderr.write(
        withoutEsbuild
          ? 'The lindung CLI is not built, and esbuild is not installed to build it: run `npm ci`.\n'
          : `Building the lindung CLI (npm run build:cli) failed: ${error?.message ?? error}\n`,
      );
      process.exit(1);
    }
  }
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(CLI_BUNDLE).href);
