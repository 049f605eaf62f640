import { strToU8, zipSync } from 'fflate';
import type { Segment } from '../../core/regulation/regulation';
import { ROSTER_FIELDS } from '../../core/roster/roster-fields';
import type { RosterField } from '../../core/roster/raw-roster-row';
import { columnLetters } from '../spreadsheets/cell-reference';
import { MAX_XLSX_ROWS } from '../spreadsheets/xlsx-writer';
import { escapeXml } from '../spreadsheets/xml-escape';
import { COLUMN_TITLES } from './roster-columns';
import { MAIN_NS, PACKAGE_RELATIONSHIPS_XML, RELATIONSHIP_NS, XML_DECLARATION, contentTypesXml, workbookRelationshipsXml } from '../spreadsheets/xlsx-package';

/** What the template needs of a regulation. */
export interface TemplateRegulation {
  readonly id: string;
  readonly title: string;
  readonly segments: readonly Pick<Segment, 'code' | 'name' | 'eligibility'>[];
}

/** The "Petunjuk" sheet's line for each column: Bahasa Indonesia, then English. */
const COLUMN_NOTES: Readonly<Record<RosterField, readonly [string, string]>> = {
  nik: [
    'Wajib. 16 angka sesuai KTP/KK. Kolom ini berformat Teks: jangan ubah ke Angka, atau Excel membulatkan NIK menjadi 3,67401E+15.',
    'Required. 16 digits as on the KTP/KK. The column is formatted as Text: do not make it Number, or Excel rounds the NIK to 3.67401E+15.',
  ],
  name: ['Wajib. Nama lengkap sesuai KTP.', 'Required. Full name as on the KTP.'],
  birthDate: [
    'Boleh kosong. Tanggal lahir, mis. 15/01/1980 (hari/bulan/tahun); bila diisi harus sama dengan tanggal di NIK.',
    'Optional. Birth date, e.g. 15/01/1980 (day/month/year); when given it must agree with the NIK.',
  ],
  gender: ['Boleh kosong. L atau P; bila diisi harus sama dengan NIK.', 'Optional. L (male) or P (female); when given it must agree with the NIK.'],
  address: ['Boleh kosong. Alamat, mis. Jl. Merpati No. 1 RT 001 RW 002.', 'Optional. Street address.'],
  kelurahan: ['Boleh kosong. Kelurahan atau desa.', 'Optional. Kelurahan or village.'],
  kecamatan: ['Boleh kosong. Kecamatan.', 'Optional. District (kecamatan).'],
  phone: [
    'Boleh kosong. Nomor HP, mis. 081234567890; kolom berformat Teks agar angka 0 di depan tidak hilang.',
    'Optional. Mobile number, e.g. 081234567890; the column is Text so that the leading 0 stays.',
  ],
  segment: [
    'Wajib, kecuali semua baris diimpor ke satu segmen (--segment). Pilih kode dari daftar; nama segmen juga diterima. Daftar segmen ada di bawah.',
    'Required, unless every row is imported into one segment (--segment). Pick a code from the list; the segment name is accepted too. The segments are listed below.',
  ],
};

/** Fields whose column is formatted as Text, so Excel leaves what is typed as typed. */
const TEXT_FIELDS: ReadonlySet<RosterField> = new Set(['nik', 'phone']);

/** Cell styles in STYLES: 1 = Text (`@`, numFmtId 49), 2 = bold, 3 = wrapped text. */
const TEXT_STYLE = 1;
const BOLD_STYLE = 2;
const WRAP_STYLE = 3;

const DATA_SHEET = 'Peserta';
const NOTES_SHEET = 'Petunjuk';
/** The defined name the segment column's drop-down lists: the segment codes on the Petunjuk sheet. */
const SEGMENT_LIST_NAME = 'DaftarSegmen';

/**
 * The roster template an office fills in (`lindung roster template`): an .xlsx whose first sheet
 * has the roster columns as the import reads them (COLUMN_TITLES), the NIK and phone columns
 * formatted as Text, and a drop-down of the regulation's segment codes on the segment column;
 * its second sheet, "Petunjuk", explains each column in Bahasa Indonesia and English and lists
 * the segments. Small and fixed, so built whole rather than streamed as XlsxWriter does.
 */
export function rosterTemplate(regulation: TemplateRegulation): Uint8Array {
  const segmentColumn = columnLetters(ROSTER_FIELDS.indexOf('segment'));
  const notes = notesSheet(regulation);
  const parts: Record<string, string> = {
    '[Content_Types].xml': contentTypesXml(2),
    '_rels/.rels': PACKAGE_RELATIONSHIPS_XML,
    'xl/workbook.xml': workbookXml(`'${NOTES_SHEET}'!$A$${notes.firstSegmentRow}:$A$${notes.firstSegmentRow + regulation.segments.length - 1}`),
    'xl/_rels/workbook.xml.rels': workbookRelationshipsXml(2),
    'xl/styles.xml': STYLES,
    'xl/worksheets/sheet1.xml': dataSheet(segmentColumn),
    'xl/worksheets/sheet2.xml': notes.xml,
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])), { level: 6 });
}

function dataSheet(segmentColumn: string): string {
  const columns = ROSTER_FIELDS.map((field, i) => {
    const width = field === 'address' ? 40 : field === 'name' ? 30 : 20;
    const style = TEXT_FIELDS.has(field) ? ` style="${TEXT_STYLE}"` : '';
    return `<col min="${i + 1}" max="${i + 1}" width="${width}"${style} customWidth="1"/>`;
  }).join('');
  const header = ROSTER_FIELDS.map((field, i) => inlineCell(`${columnLetters(i)}1`, COLUMN_TITLES[field], BOLD_STYLE)).join('');
  const [errorId, errorEn] = ['Segmen tidak ada di daftar', 'Segment not in the list'];
  return (
    XML_DECLARATION +
    `<worksheet xmlns="${MAIN_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${columns}</cols>` +
    `<sheetData><row r="1">${header}</row></sheetData>` +
    // A warning, not a stop: the import accepts a segment's name as well as its code.
    '<dataValidations count="1">' +
    `<dataValidation type="list" errorStyle="warning" allowBlank="1" showInputMessage="1" showErrorMessage="1" ` +
    `errorTitle="${escapeXml(errorId)}" error="${escapeXml(`${errorId}; lihat sheet ${NOTES_SHEET}. / ${errorEn}; see the ${NOTES_SHEET} sheet.`)}" ` +
    `sqref="${segmentColumn}2:${segmentColumn}${MAX_XLSX_ROWS}"><formula1>${SEGMENT_LIST_NAME}</formula1></dataValidation>` +
    '</dataValidations>' +
    '</worksheet>'
  );
}

/** The Petunjuk sheet, and the row where its list of segment codes starts. */
function notesSheet(regulation: TemplateRegulation): { xml: string; firstSegmentRow: number } {
  const rows: (readonly [string, string, string])[] = [
    [`Templat daftar peserta: ${regulation.title} (${regulation.id})`, '', ''],
    [
      'Isi satu orang per baris di sheet Peserta, mulai baris 2; jangan ubah judul kolom. Judul di atas tabel boleh ditambahkan (tabel paling bawah mulai baris 15).',
      '',
      'One person per row on the Peserta sheet, from row 2; keep the column titles. A title above the table is fine (the table starting no lower than row 15).',
    ],
    ['', '', ''],
    ['Kolom / Column', 'Penjelasan', 'Explanation'],
    ...ROSTER_FIELDS.map((field) => [COLUMN_TITLES[field], ...COLUMN_NOTES[field]] as const),
    ['', '', ''],
    ['Kode Segmen / Segment code', 'Nama Segmen', 'Usia / Age'],
  ];
  const firstSegmentRow = rows.length + 1;
  for (const { code, name, eligibility } of regulation.segments) rows.push([code, name, `${eligibility.minAge}–${eligibility.maxAge}`]);
  const bold = new Set([1, 4, firstSegmentRow - 1]);
  const sheetData = rows
    .map((cells, i) => {
      const row = i + 1;
      const style = bold.has(row) ? BOLD_STYLE : WRAP_STYLE;
      return `<row r="${row}">${cells.map((text, c) => (text === '' ? '' : inlineCell(`${columnLetters(c)}${row}`, text, style))).join('')}</row>`;
    })
    .join('');
  return {
    xml:
      XML_DECLARATION +
      `<worksheet xmlns="${MAIN_NS}">` +
      '<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="3" width="70" customWidth="1"/></cols>' +
      `<sheetData>${sheetData}</sheetData>` +
      '</worksheet>',
    firstSegmentRow,
  };
}

function inlineCell(reference: string, text: string, style: number): string {
  return `<c r="${reference}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** The workbook: the data sheet first (the one an import reads), and the segment list's defined name. */
function workbookXml(segmentListRange: string): string {
  return (
    XML_DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets><sheet name="${DATA_SHEET}" sheetId="1" r:id="rId1"/><sheet name="${NOTES_SHEET}" sheetId="2" r:id="rId2"/></sheets>` +
    `<definedNames><definedName name="${SEGMENT_LIST_NAME}">${escapeXml(segmentListRange)}</definedName></definedNames>` +
    '</workbook>'
  );
}

/** Excel's least styles.xml (two fills are mandatory), plus Text, bold and wrapped-text cell formats. */
const STYLES =
  XML_DECLARATION +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
