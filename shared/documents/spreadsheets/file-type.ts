import { FileFormatError } from './file-format-error';

export type SpreadsheetFileType = 'xlsx' | 'csv';

/** How many leading bytes `detectFileType` needs to judge a file. */
export const FILE_TYPE_SNIFF_BYTES = 8192;

const SAVE_AS = 'Save the roster as Excel Workbook (.xlsx) or CSV UTF-8 (.csv) and import that file.';

/** Signatures of files offices upload by mistake, named so the message says what they sent. */
const BINARY_SIGNATURES: readonly { bytes: readonly number[]; looksLike: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], looksLike: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], looksLike: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], looksLike: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], looksLike: 'a GIF image' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], looksLike: 'an empty ZIP archive' },
  { bytes: [0x1f, 0x8b], looksLike: 'a compressed (gzip) file' },
  { bytes: [0x52, 0x61, 0x72, 0x21], looksLike: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], looksLike: 'a 7-Zip archive' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], looksLike: 'an RTF document' },
];

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const OLE2_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Decides how to read a file from its first bytes (`FILE_TYPE_SNIFF_BYTES` of them), never from
 * its name: offices rename files freely, and other systems save HTML pages as ".xls". Anything
 * that is neither a ZIP (XLSX) nor recognisably something else is treated as CSV text.
 */
export function detectFileType(head: Uint8Array): SpreadsheetFileType {
  if (startsWith(head, ZIP_LOCAL_HEADER)) return 'xlsx';
  if (startsWith(head, OLE2_HEADER)) {
    // Excel also wraps password-protected .xlsx files in this container, so say both.
    throw new FileFormatError(
      'WRONG_FILE_TYPE',
      'This is an old Excel 97-2003 workbook (.xls), or a workbook protected with a password: old .xls files are not supported. ' +
        'Open it in Excel, remove any password, and save it as Excel Workbook (.xlsx) or CSV UTF-8 (.csv).',
    );
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new FileFormatError(
      'NOT_UTF8',
      'Row 1: the file is saved as Unicode text (UTF-16), not UTF-8. In Excel choose Save As › "CSV UTF-8 (Comma delimited) (*.csv)" and import that file.',
    );
  }
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(head, signature.bytes)) throw wrongType(signature.looksLike);
  }
  const markup = markupKind(head);
  if (markup) throw wrongType(markup);
  // Text never contains NUL bytes; every binary format does, early on.
  if (head.subarray(0, FILE_TYPE_SNIFF_BYTES).includes(0)) throw wrongType('a binary file, not a spreadsheet');
  return 'csv';
}

function wrongType(looksLike: string): FileFormatError {
  return new FileFormatError('WRONG_FILE_TYPE', `This file is ${looksLike}, not a spreadsheet. ${SAVE_AS}`);
}

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);
}

/** HTML and XML exports are text, so without this they would be read as one-column CSV garbage. */
function markupKind(head: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8').decode(head.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|table|head|body|meta)\b/.test(text)) {
    return 'a web page (HTML), which some systems save with an .xls name';
  }
  if (text.startsWith('<?xml')) {
    return text.includes('urn:schemas-microsoft-com:office:spreadsheet') ? 'an Excel 2003 XML spreadsheet' : 'an XML document';
  }
  return undefined;
}
