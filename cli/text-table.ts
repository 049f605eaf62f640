/** How a column lines up: text to the left, figures to the right. */
export type Align = 'left' | 'right';

/**
 * Rows under a header as aligned columns, two spaces apart and indented: each column as wide as
 * its widest cell. `align` gives each column's alignment; columns beyond it line up left.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[], indent = '  '): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all.map(
    (row) =>
      indent +
      widths
        .map((width, column) => (align[column] === 'right' ? (row[column] ?? '').padStart(width) : (row[column] ?? '').padEnd(width)))
        .join('  ')
        .trimEnd(),
  );
}
