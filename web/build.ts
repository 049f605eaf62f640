import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Builds the web console: one ES module bundle of web/src (with the shared formatting and
 * spreadsheet code it imports), its stylesheet and the HTML shell. The CDK app calls it to
 * bundle the console asset for S3, the local stack to serve the same files from memory, so the
 * console is built by `cdk synth`, `npm start` and `npm test` with no separate step.
 *
 * Synchronous, because CDK's local asset bundling is.
 */

const WEB_ROOT = import.meta.dirname;

/**
 * Browser stand-ins for the Node modules that shared code in the bundle imports (see each shim),
 * and csv-parse's browser build for the CSV reader (shared/documents/spreadsheets/csv-rows.ts: its
 * stream API, on a stand-in for node:stream that the build carries).
 */
const NODE_SHIMS = {
  'node:events': path.join(WEB_ROOT, 'src', 'export', 'node-events-shim.ts'),
  'node:stream/promises': path.join(WEB_ROOT, 'src', 'export', 'node-stream-promises-shim.ts'),
  'csv-parse': 'csv-parse/browser/esm',
};

/** The console's files by name (relative to the site root), ready to upload or serve. */
export function buildConsoleFiles(): Map<string, Uint8Array> {
  const result = buildSync({
    entryPoints: [path.join(WEB_ROOT, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    sourcemap: 'linked',
    outdir: '/',
    entryNames: 'console',
    alias: NODE_SHIMS,
    legalComments: 'none',
    logLevel: 'silent',
    write: false,
  });
  const files = new Map<string, Uint8Array>();
  for (const output of result.outputFiles) files.set(path.basename(output.path), output.contents);
  for (const name of ['index.html', 'console.css']) files.set(name, readFileSync(path.join(WEB_ROOT, 'static', name)));
  return files;
}

/** Writes the console's files into `outDir` (CDK's asset bundling output). */
export function writeConsoleFiles(outDir: string): void {
  for (const [name, contents] of buildConsoleFiles()) {
    const file = path.join(outDir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
}
