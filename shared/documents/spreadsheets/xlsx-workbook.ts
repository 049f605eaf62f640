import { FileFormatError } from './file-format-error';
import { attributeByLocalName, parseXml } from './xml-stream';
import type { ZipArchive } from './zip-archive';

/** Where the parts needed to read the first worksheet are, and how its dates count. */
export interface WorkbookParts {
  readonly sheetPath: string;
  readonly stylesPath?: string;
  readonly sharedStringsPath?: string;
  /** `<workbookPr date1904="1"/>`: date serials count from 1904-01-01 (old Mac Excel). */
  readonly date1904: boolean;
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

const DEFAULT_WORKBOOK_PATH = 'xl/workbook.xml';

/**
 * Finds the first worksheet in workbook order (the tab order the office sees) by following the
 * package relationships rather than assuming file names: _rels/.rels names the workbook, the
 * workbook lists its sheets in order with relationship ids, and the workbook's relationships
 * map those ids (and the styles and shared strings) to parts. Chart sheets are skipped.
 */
export async function locateWorkbookParts(archive: ZipArchive): Promise<WorkbookParts> {
  const packageRelationships = archive.has('_rels/.rels') ? await readRelationships(archive, '_rels/.rels', '') : new Map<string, Relationship>();
  const officeDocument = [...packageRelationships.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument?.target ?? DEFAULT_WORKBOOK_PATH;
  if (!archive.has(workbookPath)) throw notAWorkbook(archive);

  const workbookDir = dirname(workbookPath);
  const relationshipsPath = joinPath(workbookDir, '_rels', `${basename(workbookPath)}.rels`);
  if (!archive.has(relationshipsPath)) throw new Error(`the part ${relationshipsPath} is missing`);
  const relationships = await readRelationships(archive, relationshipsPath, workbookDir);

  const sheetRelationshipIds: string[] = [];
  let date1904 = false;
  await parseXml(archive.read(workbookPath), {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attributes.date1904 ?? '');
      if (name === 'sheet') sheetRelationshipIds.push(attributeByLocalName(attributes, 'id') ?? '');
    },
  });

  const firstWorksheet = sheetRelationshipIds
    .map((id) => relationships.get(id))
    .find((relationship) => relationship?.type.endsWith('/worksheet'));
  if (!firstWorksheet) {
    throw new FileFormatError('MALFORMED_XLSX', 'The workbook has no worksheet. Put the roster in the first sheet and save the file again as .xlsx.');
  }
  const partOfType = (suffix: string) => [...relationships.values()].find((r) => r.type.endsWith(suffix))?.target;
  return {
    sheetPath: firstWorksheet.target,
    stylesPath: partOfType('/styles'),
    sharedStringsPath: partOfType('/sharedStrings'),
    date1904,
  };
}

/** Relationships by id, targets resolved to part names (internal targets only). */
async function readRelationships(archive: ZipArchive, relsPath: string, baseDir: string): Promise<Map<string, Relationship>> {
  const relationships = new Map<string, Relationship>();
  await parseXml(archive.read(relsPath), {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
      const { Id: id, Type: type, Target: target } = attributes;
      if (id && type && target) relationships.set(id, { type, target: resolveTarget(baseDir, target) });
    },
  });
  return relationships;
}

/** `worksheets/sheet1.xml` from xl/ → `xl/worksheets/sheet1.xml`; `/xl/...` is from the root. */
function resolveTarget(baseDir: string, target: string): string {
  return target.startsWith('/') ? normalize(target) : joinPath(baseDir, target);
}

/*
 * Part names are POSIX-style paths inside the package; these few helpers stand in for node:path's
 * posix functions, so that the console reads workbooks in the browser with the same code.
 */

function dirname(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '.' : name.slice(0, slash) || '/';
}

function basename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function joinPath(...segments: string[]): string {
  return normalize(segments.join('/'));
}

/** `xl/./worksheets/../styles.xml` → `xl/styles.xml`, without leading slashes; `..` never climbs above the root. */
function normalize(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** A ZIP, but not an Excel workbook: say what it is when that is easy to tell. */
function notAWorkbook(archive: ZipArchive): FileFormatError {
  const what = archive.has('content.xml')
    ? 'an OpenDocument file (.ods, from LibreOffice or WPS)'
    : archive.has('word/document.xml')
      ? 'a Word document (.docx)'
      : archive.has('ppt/presentation.xml')
        ? 'a PowerPoint presentation (.pptx)'
        : 'a ZIP archive';
  return new FileFormatError(
    'WRONG_FILE_TYPE',
    `This file is ${what}, not an Excel workbook. Save the roster as Excel Workbook (.xlsx) or CSV UTF-8 (.csv) and import that file.`,
  );
}
