import { unescapeOoxmlText } from './ooxml-string-escape';
import { FileFormatError } from './file-format-error';
import { MAX_XML_TEXT_RUN_CHARS } from './spreadsheet-limits';
import { parseXml } from './xml-stream';

/**
 * The shared-string table (xl/sharedStrings.xml), in order, which cells of type `s` index into.
 *
 * It is held in memory whole: cells refer to it by position from anywhere in the sheet, so it
 * cannot be streamed. It grows with the number of *unique* strings (in a roster: names,
 * addresses, text NIKs), not with rows as such; `MAX_SHARED_STRINGS_XML_BYTES` bounds it.
 *
 * A rich-text string is the concatenation of its runs (`<r><t>`); phonetic hints (`<rPh>`,
 * furigana) are not part of the text Excel shows and are skipped.
 */
export async function readSharedStrings(source: AsyncIterable<Uint8Array>): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | undefined;
  let currentLength = 0;
  let inText = false;
  let phoneticDepth = 0;
  await parseXml(source, {
    open(name) {
      if (name === 'si') {
        current = [];
        currentLength = 0;
      }
      else if (name === 'rPh') phoneticDepth++;
      else if (name === 't' && current && phoneticDepth === 0) inText = true;
    },
    text(text) {
      if (!inText || !current) return;
      // A string of many rich-text runs is bounded as it grows, like one long text (xml-stream.ts).
      current.push(text);
      currentLength += text.length;
      if (currentLength > MAX_XML_TEXT_RUN_CHARS) throw stringTooLong(strings.length);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'si' && current) {
        strings.push(unescapeOoxmlText(current.join('')));
        current = undefined;
      }
    },
  });
  return strings;
}

function stringTooLong(index: number): FileFormatError {
  return new FileFormatError(
    'CELL_TOO_LONG',
    `Shared string ${index} of the workbook is longer than ${MAX_XML_TEXT_RUN_CHARS.toLocaleString('en')} characters, far over Excel's limit ` +
      'for a cell: the file was not saved by Excel, or is damaged. Open it in Excel, save it again as Excel Workbook (.xlsx) or CSV UTF-8 (.csv), and import that file.',
  );
}

/**
 * Shared strings held in memory are bounded by the size of their XML: 1 GiB of XML is several
 * million unique strings, beyond any roster; more means a crafted file meant to exhaust memory.
 */
export const MAX_SHARED_STRINGS_XML_BYTES = 1024 * 1024 * 1024;
