import { SaxesParser } from 'saxes';
import { FileFormatError } from './file-format-error';
import { MAX_CELL_CHARS, MAX_XML_TEXT_RUN_CHARS } from './spreadsheet-limits';

export interface XmlHandlers {
  /**
   * An element starts. `name` is the local name: OOXML writers may prefix every element (`x:row`
   * in some .NET exports), and the prefix carries nothing the readers need.
   */
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  /** Character data, possibly in several pieces; entities already decoded. */
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Parses an XML byte stream with saxes a chunk at a time, so a worksheet of any size never sits
 * in memory. Yields after each chunk: the caller hands on whatever the handlers collected, then
 * asks for more. saxes resolves only XML's own entities and ignores DTDs, so crafted entities
 * cannot expand or reach out of the file. Malformed XML (or bytes that are not UTF-8) throws.
 *
 * saxes holds a text, attribute or comment whole until its end: a run of more than
 * `MAX_XML_TEXT_RUN_CHARS` without markup (counted by whole chunks, so at most a chunk more) is
 * refused there, before it can fill memory.
 */
export async function* streamXml(source: AsyncIterable<Uint8Array>, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  let sawMarkup = false;
  // Called as methods: handlers may be class instances keeping their state on `this`.
  parser.on('opentag', (tag) => {
    sawMarkup = true;
    handlers.open?.(localName(tag.name), tag.attributes);
  });
  if (handlers.text) {
    const onText = (text: string) => handlers.text?.(text);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  parser.on('closetag', (tag) => {
    sawMarkup = true;
    handlers.close?.(localName(tag.name));
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let charsWithoutMarkup = 0;
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    sawMarkup = false;
    parser.write(text);
    charsWithoutMarkup = sawMarkup ? 0 : charsWithoutMarkup + text.length;
    if (charsWithoutMarkup > MAX_XML_TEXT_RUN_CHARS) throw textTooLong();
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
}

function textTooLong(): FileFormatError {
  return new FileFormatError(
    'CELL_TOO_LONG',
    `The workbook holds a text of more than ${MAX_XML_TEXT_RUN_CHARS.toLocaleString('en')} characters, far over Excel's limit of ` +
      `${MAX_CELL_CHARS.toLocaleString('en')} for a cell: it was not saved by Excel, or is damaged. Open it in Excel, save it again as ` +
      'Excel Workbook (.xlsx) or CSV UTF-8 (.csv), and import that file.',
  );
}

/** Parses a whole (small) XML part through the handlers. */
export async function parseXml(source: AsyncIterable<Uint8Array>, handlers: XmlHandlers): Promise<void> {
  for await (const _ of streamXml(source, handlers)) {
    // Handlers collect everything; nothing to hand on between chunks.
  }
}

/** `x:row` → `row`; also used for attributes such as `r:id`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name, whatever prefix the writer chose for its namespace. */
export function attributeByLocalName(attributes: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(attributes)) {
    if (localName(key) === name) return value;
  }
  return undefined;
}
