export type CsvDelimiter = ',' | ';';

/**
 * Picks the delimiter from the first line that has one: Excel in an Indonesian locale saves "CSV"
 * with `;` (the decimal separator there is `,`), elsewhere with `,`. Lines without any are
 * passed over, as a title above the table may be. Delimiters inside quotes do not count; a tie
 * (e.g. a single-column file) means `,`.
 */
export function sniffDelimiter(firstBytes: Uint8Array): CsvDelimiter {
  // Not fatal: the sample may end inside a multi-byte character, and only ASCII matters here.
  const text = new TextDecoder('utf-8').decode(firstBytes);
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n' || char === '\r') {
      if (commas + semicolons > 0) break;
    }
    else if (char === ',') commas++;
    else if (char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
