import { inflateSync } from 'node:zlib';

/**
 * Enough of a PDF reader to check what Chromium printed: the page sizes, and the text drawn
 * (Chromium draws glyph ids, `<0037> Tj`, through Type0 fonts whose ToUnicode CMaps give the
 * characters back). Not a general PDF parser: it reads the uncompressed object layout and
 * FlateDecode streams Chromium writes.
 */
export interface PdfSummary {
  readonly mediaBoxes: readonly (readonly number[])[];
  /** The text of every page, glyph runs joined without spaces, whitespace kept as drawn. */
  readonly text: string;
}

export function readPdf(bytes: Buffer): PdfSummary {
  const source = bytes.toString('latin1');
  const objects = new Map<number, { dictionary: string; stream?: string }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const streamAt = body.indexOf('stream');
    const dictionary = streamAt >= 0 ? body.slice(0, streamAt) : body;
    let stream: string | undefined;
    if (streamAt >= 0) {
      const start = body.indexOf('\n', streamAt) + 1;
      const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      stream = (dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    }
    objects.set(Number(match[1]), { dictionary, ...(stream !== undefined ? { stream } : {}) });
  }
  const reference = (text: string, key: string) => {
    const found = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text);
    return found ? objects.get(Number(found[1])) : undefined;
  };

  const mediaBoxes = [...source.matchAll(/\/MediaBox\s*\[([^\]]*)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
  let text = '';
  for (const page of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(page.dictionary)) continue;
    const fonts = new Map<string, Map<number, string>>();
    const fontDictionary = /\/Font\s*<<([^>]*)>>/.exec(page.dictionary)?.[1] ?? '';
    for (const [, name, id] of fontDictionary.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(id));
      const cmap = font && reference(font.dictionary, 'ToUnicode')?.stream;
      if (cmap) fonts.set(name!, toUnicode(cmap));
    }
    const contents = reference(page.dictionary, 'Contents')?.stream ?? '';
    let font: Map<number, string> | undefined;
    for (const [, fontName, hex] of contents.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]+)>/g)) {
      if (fontName) font = fonts.get(fontName);
      else if (font) for (let i = 0; i < hex!.length; i += 4) text += font.get(parseInt(hex!.slice(i, i + 4), 16)) ?? '\uFFFD';
    }
  }
  return { mediaBoxes, text };
}

/** A ToUnicode CMap's glyph → character pairs (`bfchar`) and ranges (`bfrange`). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, glyph, unicode] of block!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(glyph!, 16), utf16(unicode!));
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, first, last, unicode] of block!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const start = parseInt(first!, 16);
      const base = parseInt(unicode!, 16);
      for (let glyph = start; glyph <= parseInt(last!, 16); glyph++) map.set(glyph, String.fromCodePoint(base + glyph - start));
    }
  }
  return map;
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}
