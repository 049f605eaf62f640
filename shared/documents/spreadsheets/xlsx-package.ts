/**
 * The parts every .xlsx Lindung writes has around its sheets: the namespaces, the content types,
 * the package's and the workbook's relationships. Sheets are `xl/worksheets/sheet<n>.xml` with
 * relationship `rId<n>`, and the styles come after them.
 */
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const RELATIONSHIP_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const SHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

export function contentTypesXml(sheets: number): string {
  return (
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheetNumbers(sheets).map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${SHEET_CONTENT_TYPE}"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>'
  );
}

export const PACKAGE_RELATIONSHIPS_XML =
  XML_DECLARATION +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${RELATIONSHIP_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

export function workbookRelationshipsXml(sheets: number): string {
  return (
    XML_DECLARATION +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheetNumbers(sheets).map((n) => `<Relationship Id="rId${n}" Type="${RELATIONSHIP_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets + 1}" Type="${RELATIONSHIP_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

function sheetNumbers(sheets: number): number[] {
  return Array.from({ length: sheets }, (_, index) => index + 1);
}
