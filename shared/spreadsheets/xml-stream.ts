import { SaxesParser } from 'saxes';

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
 */
export async function* streamXml(source: AsyncIterable<Uint8Array>, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  // Called as methods: handlers may be class instances keeping their state on `this`.
  if (handlers.open) parser.on('opentag', (tag) => handlers.open?.(localName(tag.name), tag.attributes));
  if (handlers.text) {
    const onText = (text: string) => handlers.text?.(text);
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  if (handlers.close) parser.on('closetag', (tag) => handlers.close?.(localName(tag.name)));

  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of source) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
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
