import { writeFileSync } from 'node:fs';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { xlsxParts } from './helpers';

/** A part's deflated bytes with the size and CRC-32 of what they inflate to. */
export interface DeflatedPart {
  readonly deflated: Buffer;
  readonly size: number;
  readonly crc: number;
}

/**
 * `copies` times `unit`, deflated without ever holding the inflated whole: `unit` is deflated
 * once and ends on a full flush (byte-aligned, no reference back), so its bytes can be repeated.
 * A unit of one repeated character compresses about 1,000 times, as bombs do.
 */
export function repeatedPart(prefix: string, unit: string, copies: number, suffix: string): DeflatedPart {
  const unitBytes = Buffer.from(unit);
  const flushed = (text: Buffer) => deflateRawSync(text, { finishFlush: constants.Z_FULL_FLUSH });
  const deflatedUnit = flushed(unitBytes);
  let crc = crc32(Buffer.from(prefix));
  for (let i = 0; i < copies; i++) crc = crc32(unitBytes, crc);
  crc = crc32(Buffer.from(suffix), crc);
  return {
    deflated: Buffer.concat([flushed(Buffer.from(prefix)), ...Array<Buffer>(copies).fill(deflatedUnit), deflateRawSync(Buffer.from(suffix))]),
    size: Buffer.byteLength(prefix) + unitBytes.length * copies + Buffer.byteLength(suffix),
    crc,
  };
}

/** Text from `pieces` (called until it returns undefined), deflated as a stream at the fastest level. */
export async function streamedPart(pieces: () => string | undefined): Promise<DeflatedPart> {
  const deflate = createDeflateRaw({ level: 1 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let size = 0;
  let crc = 0;
  for (let piece = pieces(); piece !== undefined; piece = pieces()) {
    const bytes = Buffer.from(piece);
    size += bytes.length;
    crc = crc32(bytes, crc);
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { deflated: Buffer.concat(chunks), size, crc };
}

const SHEET = 'xl/worksheets/sheet1.xml';
export const SHEET_START = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_END = '</sheetData></worksheet>';

/** makeXlsx's workbook with its sheet part replaced by `sheet`, written as a plain ZIP. */
export function writeWorkbookWithSheet(filePath: string, sheet: DeflatedPart): string {
  const entries: [string, DeflatedPart][] = Object.entries(xlsxParts({ parts: { [SHEET]: undefined } }))
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, text]) => {
      const bytes = Buffer.from(text);
      return [name, { deflated: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) }];
    });
  entries.push([SHEET, sheet]);

  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, part] of entries) {
    const fileName = Buffer.from(name);
    const header = (signature: number, size: number) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed
      b.writeUInt16LE(0, at + 2); // flags
      b.writeUInt16LE(8, at + 4); // deflate
      b.writeUInt32LE(0, at + 6); // time and date
      b.writeUInt32LE(part.crc >>> 0, at + 10);
      b.writeUInt32LE(part.deflated.length, at + 14);
      b.writeUInt32LE(part.size, at + 18);
      b.writeUInt16LE(fileName.length, at + 22);
    };
    const localHeader = header(0x04034b50, 30);
    fields(localHeader, 4);
    const centralHeader = header(0x02014b50, 46);
    centralHeader.writeUInt16LE(20, 4); // version made by
    fields(centralHeader, 6);
    centralHeader.writeUInt32LE(offset, 42);
    local.push(localHeader, fileName, part.deflated);
    central.push(centralHeader, fileName);
    offset += localHeader.length + fileName.length + part.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(filePath, Buffer.concat([...local, directory, end]));
  return filePath;
}
