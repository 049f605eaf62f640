/**
 * What separates the cells of a CSV line. Excel in an Indonesian locale saves "CSV" with `;` and
 * opens a double-clicked `;` file in columns (its decimal separator is `,`); elsewhere it is `,`;
 * some offices paste from other programs, which copy with tabs.
 */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * Picks the delimiter from the first line that has one: the one that occurs most outside quotes
 * there. Lines without any are passed over, as a title above the table may be. A tie (e.g. a
 * single-column file) means `,`, then `;`.
 */
export function sniffDelimiter(firstBytes: Uint8Array): CsvDelimiter {
  // Not fatal: the sample may end inside a multi-byte character, and only ASCII matters here.
  const text = new TextDecoder('utf-8').decode(firstBytes);
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n' || char === '\r') {
      if (commas + semicolons + tabs > 0) break;
    }
    else if (char === ',') commas++;
    else if (char === ';') semicolons++;
    else if (char === '\t') tabs++;
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}
