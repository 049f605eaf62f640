import { parseXml } from './xml-stream';

/**
 * Built-in number formats that display a date: 14-17 (m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy), 18-21
 * (times, which are date serials too), 22 (m/d/yyyy h:mm) and 45-47 (mm:ss, [h]:mm:ss, mm:ss.0).
 */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * For each cell style index (`s` on a cell), whether a number in that style displays as a date.
 * Excel stores a date as a plain number (days since 1900); only the style says it is a date.
 * Reads the custom formats (`<numFmts>`) and the cell formats (`<cellXfs>`) of xl/styles.xml.
 */
export async function readDateStyles(source: AsyncIterable<Uint8Array>): Promise<readonly boolean[]> {
  const customCodes = new Map<number, string>();
  const formatIds: number[] = [];
  let section: 'numFmts' | 'cellXfs' | undefined;
  await parseXml(source, {
    open(name, attributes) {
      if (name === 'numFmts' || name === 'cellXfs') section = name;
      else if (name === 'numFmt' && section === 'numFmts') {
        customCodes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      } else if (name === 'xf' && section === 'cellXfs') {
        formatIds.push(Number(attributes.numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === section) section = undefined;
    },
  });
  return formatIds.map((id) => {
    const code = customCodes.get(id);
    return code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormatCode(code);
  });
}

/**
 * Whether a number format code displays a date (or time), e.g. `dd/mm/yyyy`, `[$-421]d mmmm
 * yyyy`, `yyyy\-mm\-dd`, but not `0`, `#,##0.00`, `"Rp"#,##0`, `General` or `@`. Literal text
 * (quoted or `\`-escaped), `[...]` locale and colour tags and `_x`/`*x` padding are ignored, and
 * only the first section counts: it is the one that formats positive numbers.
 */
export function isDateFormatCode(code: string): boolean {
  const firstSection = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\.|_.|\*./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!
    .replace(/general|standard/gi, '');
  return /[dmy]/i.test(firstSection);
}
