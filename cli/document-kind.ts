import { UsageError } from './usage-error';

/** How a document is written, by its file name: printed to PDF, an HTML page, or spreadsheet rows. */
export type DocumentKind = 'pdf' | 'html' | 'sheet';

/**
 * The kind of document `-o` names (.pdf, .html, .csv or .xlsx), or a usage error worded by
 * `refusal` for any other name, before any work starts.
 */
export function documentKind(output: string, refusal: (file: string) => string): DocumentKind {
  const extension = /\.([a-z]+)$/i.exec(output)?.[1]?.toLowerCase();
  if (extension === 'pdf' || extension === 'html') return extension;
  if (extension === 'csv' || extension === 'xlsx') return 'sheet';
  throw new UsageError(refusal(output));
}
