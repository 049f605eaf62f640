import { Parser } from 'csv-parse';

/**
 * The console reads CSV files with csv-parse's browser build (web/build.ts aliases `csv-parse` to
 * it), through the same csv-rows.ts as the CLI. That build's stream stand-in has no `destroy()`,
 * which the parser calls as it ends: without this no-op every CSV would fail at its last row.
 * Imported for its effect by the code that reads files in the browser (roster-upload.ts).
 */
const prototype = Parser.prototype as { destroy?: () => unknown };
if (typeof prototype.destroy !== 'function') prototype.destroy = function destroy(this: unknown) {
  return this;
};
