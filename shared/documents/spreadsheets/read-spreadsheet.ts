import { fileByteSource } from './file-byte-source';
import { readSpreadsheetSource, type ReadSpreadsheetOptions } from './spreadsheet-rows';
import type { SpreadsheetRow } from './spreadsheet-row';

export { MAX_SPREADSHEET_BYTES, type ReadSpreadsheetOptions } from './spreadsheet-rows';

/**
 * Streams the rows of a roster spreadsheet on disk, an .xlsx or a UTF-8 CSV: readSpreadsheetSource
 * (spreadsheet-rows.ts) on the file, which is closed when the rows end, fail or are left early.
 */
export async function* readSpreadsheet(filePath: string, options: ReadSpreadsheetOptions = {}): AsyncGenerator<SpreadsheetRow> {
  const source = await fileByteSource(filePath);
  try {
    yield* readSpreadsheetSource(source, options);
  } finally {
    await source.close();
  }
}
