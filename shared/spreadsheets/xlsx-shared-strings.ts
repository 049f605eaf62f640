import { unescapeOoxmlText } from './ooxml-string-escape';
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
  let inText = false;
  let phoneticDepth = 0;
  await parseXml(source, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phoneticDepth++;
      else if (name === 't' && current && phoneticDepth === 0) inText = true;
    },
    text(text) {
      if (inText) current?.push(text);
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

/**
 * Shared strings held in memory are bounded by the size of their XML: 1 GiB of XML is several
 * million unique strings, beyond any roster; more means a crafted file meant to exhaust memory.
 */
export const MAX_SHARED_STRINGS_XML_BYTES = 1024 * 1024 * 1024;
