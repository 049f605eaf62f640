import { KPJ_PATTERN } from '../../core/enrollment/insurer-port';
import type { MemberAnswer } from '../../core/enrollment/member-answer';
import { parseNik } from '../../core/people/nik';
import { maskNik, maskPersonalData } from '../../core/people/personal-data';
import { parseRosterDate } from '../../core/roster/roster-dates';
import { describeRejection } from '../../core/roster/rejection-reasons';
import { fieldOfHeader, normaliseHeader } from '../roster-file/roster-columns';
import { columnLetters } from '../spreadsheets/cell-reference';
import { readSpreadsheet } from '../spreadsheets/read-spreadsheet';
import type { Cell, SpreadsheetRow } from '../spreadsheets/spreadsheet-row';

/**
 * The BPJS branch's member file: its answer to a registration file, one row per person. No public
 * layout could be found (docs/enrollment.md, "The file channel"), so Lindung reads the columns it
 * needs by their usual names and ignores the rest: a branch may simply fill in KPJ, Status and
 * Alasan in the registration file and send it back.
 *
 * | column | holds |
 * |---|---|
 * | NIK | the person, as the registration file has it |
 * | KPJ | the membership number, for a registered person |
 * | Status | `terdaftar` / `registered`, or `ditolak` / `refused` |
 * | Alasan | why the branch refused the person |
 * | Mulai / Akhir Kepesertaan | optional: the cover the branch gave, when not the one asked for |
 */

/** A member file that cannot be imported: its message names the row and column and says what to do, NIKs masked. */
export class MemberFileError extends Error {
  constructor(message: string) {
    // A NIK typed into another column (Status, KPJ) is quoted back: masked like any other.
    super(maskPersonalData(message));
    this.name = 'MemberFileError';
  }
}

/** One data row: the branch's answer, or what is wrong with the row. */
export type MemberFileRow = { readonly row: number; readonly answer: MemberAnswer } | { readonly row: number; readonly problems: readonly string[] };

export interface MemberFileSummary {
  readonly answers: number;
  readonly registered: number;
  readonly refused: number;
}

type AnswerColumn = 'kpj' | 'status' | 'reason' | 'coverageStart' | 'coverageEnd';

/** Header spellings per column, normalised as roster headers are (roster-columns.ts); the NIK's are the roster's. */
const ALIASES: Readonly<Record<AnswerColumn, readonly string[]>> = {
  kpj: ['kpj', 'nokpj', 'nomorkpj', 'nokartu', 'nomorkartu', 'nokartupeserta', 'nomorkartupeserta', 'nopeserta', 'nomorpeserta'],
  status: ['status', 'statuspendaftaran', 'statuskepesertaan', 'hasil', 'hasilpendaftaran'],
  reason: ['alasan', 'alasanpenolakan', 'keterangan', 'reason'],
  coverageStart: ['mulaikepesertaan', 'mulai', 'tanggalmulai', 'tglmulai', 'tmt', 'coveragestart'],
  coverageEnd: ['akhirkepesertaan', 'akhir', 'tanggalakhir', 'tglakhir', 'sampai', 'selesai', 'coverageend'],
};

const COLUMN_BY_HEADER: ReadonlyMap<string, AnswerColumn> = new Map(
  (Object.entries(ALIASES) as [AnswerColumn, readonly string[]][]).flatMap(([column, names]) => names.map((name) => [name, column] as const)),
);

const STATUS_VALUES: Readonly<Record<string, MemberAnswer['status']>> = {
  terdaftar: 'registered',
  registered: 'registered',
  ditolak: 'refused',
  refused: 'refused',
};

/** Longer reasons are cut here: the ledger keeps the reason with the person's entry. */
const MAX_REASON_LENGTH = 500;
/** Problems listed when a file is refused; the count of the rest follows. */
const PROBLEMS_SHOWN = 20;

interface Columns {
  readonly nik: Located;
  readonly status: Located;
  readonly kpj?: Located;
  readonly reason?: Located;
  readonly coverageStart?: Located;
  readonly coverageEnd?: Located;
}

interface Located {
  readonly index: number;
  readonly header: string;
}

/**
 * Streams a member file's rows (CSV or XLSX, read by readSpreadsheet): each data row's answer or
 * its problems. Throws MemberFileError when the header lacks the NIK or Status column, and a
 * FileFormatError for a file that is no spreadsheet.
 */
export async function* readMemberFile(file: string): AsyncGenerator<MemberFileRow> {
  let columns: Columns | undefined;
  const today = new Date().toISOString().slice(0, 10);
  for await (const row of readSpreadsheet(file)) {
    if (!columns) {
      columns = mapColumns(row);
      continue;
    }
    yield answerOf(row, columns, today);
  }
}

/**
 * Reads the whole member file before anything is sent: every row must answer (registered with a
 * KPJ, or refused), and no person or KPJ may appear twice (which answer would count?). Throws one
 * MemberFileError listing the problems found, else says how many answers the file holds.
 */
export async function checkMemberFile(file: string): Promise<MemberFileSummary> {
  const problems: string[] = [];
  const rowOfNik = new Map<string, number>();
  const rowOfKpj = new Map<string, number>();
  let answers = 0;
  let registered = 0;
  for await (const read of readMemberFile(file)) {
    if ('problems' in read) {
      problems.push(...read.problems);
      continue;
    }
    const { answer } = read;
    answers++;
    const nikRow = rowOfNik.get(answer.nik);
    if (nikRow !== undefined) {
      problems.push(`Rows ${nikRow} and ${answer.row} both answer NIK ${maskNik(answer.nik)}: keep one row per person, the branch's latest answer.`);
    } else rowOfNik.set(answer.nik, answer.row);
    if (answer.status === 'registered') {
      registered++;
      const kpjRow = rowOfKpj.get(answer.kpj);
      if (kpjRow !== undefined) {
        problems.push(`Rows ${kpjRow} and ${answer.row} give the same KPJ ${answer.kpj} to two people: ask the branch which one it belongs to.`);
      } else rowOfKpj.set(answer.kpj, answer.row);
    }
  }
  if (answers === 0 && problems.length === 0) throw new MemberFileError('The member file has a header but no rows: it answers nobody.');
  if (problems.length > 0) {
    const more = problems.length > PROBLEMS_SHOWN ? [`… and ${problems.length - PROBLEMS_SHOWN} more.`] : [];
    throw new MemberFileError(
      [`The member file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was sent. Correct them and import the file again:`, ...problems.slice(0, PROBLEMS_SHOWN), ...more].join('\n'),
    );
  }
  return { answers, registered, refused: answers - registered };
}

function mapColumns(header: SpreadsheetRow): Columns {
  const found: Partial<Record<AnswerColumn | 'nik', Located>> = {};
  header.cells.forEach((cell, index) => {
    const text = cell.text.trim();
    if (text.length === 0) return;
    const column = fieldOfHeader(text) === 'nik' ? 'nik' : COLUMN_BY_HEADER.get(normaliseHeader(text));
    if (column === undefined) return;
    const other = found[column];
    if (other) {
      throw new MemberFileError(
        `Columns ${describe(other)} and ${describe({ index, header: text })} of the header (row ${header.rowNumber}) both read as ${column}: delete or rename one of them.`,
      );
    }
    found[column] = { index, header: text };
  });
  const { nik, status } = found;
  if (!nik || !status) {
    const missing = [...(nik ? [] : ['NIK']), ...(status ? [] : ['Status'])].join(' and ');
    throw new MemberFileError(
      `The member file's header (row ${header.rowNumber}) has no ${missing} column. ` +
        'It needs NIK, KPJ, Status (terdaftar or ditolak) and Alasan for refusals, titled so in its first row.',
    );
  }
  return { ...found, nik, status };
}

function answerOf(row: SpreadsheetRow, columns: Columns, today: string): MemberFileRow {
  const at = `Row ${row.rowNumber}`;
  const problems: string[] = [];
  const nikCell = cellAt(row, columns.nik);
  const parsed = parseNik(nikCell.text, { numericCell: nikCell.kind === 'number', referenceDate: today });
  if (!parsed.ok) {
    const problem = describeRejection({ reason: parsed.reason, params: { value: nikCell.text.trim(), length: parsed.length ?? 0, digits: parsed.digits ?? 0, regionCode: parsed.regionCode ?? '' } }, 'en');
    problems.push(`${at}, column ${describe(columns.nik)}: ${problem} Use the NIK as the registration file has it.`);
  }

  const statusText = cellAt(row, columns.status).text.trim();
  const status = STATUS_VALUES[statusText.toLowerCase()];
  if (!status) {
    problems.push(
      statusText.length === 0
        ? `${at}, column ${describe(columns.status)}: the status is empty. Write terdaftar (registered) or ditolak (refused), or delete the row if the branch has not answered for this person yet.`
        : `${at}, column ${describe(columns.status)}: "${shorten(statusText)}" is no status. Write terdaftar (registered) or ditolak (refused).`,
    );
  }
  if (problems.length > 0 || !parsed.ok || !status) return { row: row.rowNumber, problems };

  if (status === 'refused') {
    const reason = columns.reason ? cellAt(row, columns.reason).text.trim().slice(0, MAX_REASON_LENGTH) : '';
    return { row: row.rowNumber, answer: { row: row.rowNumber, nik: parsed.nik, status, ...(reason ? { reason } : {}) } };
  }

  const kpj = columns.kpj ? cellAt(row, columns.kpj).text.trim() : '';
  if (!columns.kpj) {
    problems.push(`${at}: the person is registered (terdaftar), but the file has no KPJ column. Add a column titled KPJ with the branch's membership numbers.`);
  } else if (kpj.length === 0) {
    problems.push(`${at}, column ${describe(columns.kpj)}: the person is registered (terdaftar) but has no KPJ. Fill in the KPJ from the branch's answer, or write ditolak with the reason under Alasan.`);
  } else if (!KPJ_PATTERN.test(kpj)) {
    problems.push(
      `${at}, column ${describe(columns.kpj)}: "${shorten(kpj)}" is not a KPJ number of 11 digits. ` +
        'Format the column as Text (Format Cells → Text) and enter the number again from the branch\'s answer: as a number, Excel drops leading zeros.',
    );
  }
  const coverageStart = dateAt(row, columns.coverageStart, at, problems);
  const coverageEnd = dateAt(row, columns.coverageEnd, at, problems);
  if (coverageStart && coverageEnd && coverageEnd < coverageStart) {
    problems.push(`${at}: cover ends (${coverageEnd}) before it starts (${coverageStart}). Check both dates against the branch's answer.`);
  }
  if (problems.length > 0) return { row: row.rowNumber, problems };
  return {
    row: row.rowNumber,
    answer: { row: row.rowNumber, nik: parsed.nik, status, kpj, ...(coverageStart ? { coverageStart } : {}), ...(coverageEnd ? { coverageEnd } : {}) },
  };
}

/** An optional date column's value: undefined when absent or empty; a problem when not a date. */
function dateAt(row: SpreadsheetRow, column: Located | undefined, at: string, problems: string[]): string | undefined {
  if (!column) return undefined;
  const cell = cellAt(row, column);
  const text = cell.text.trim();
  if (text.length === 0) return undefined;
  const date = parseRosterDate(text, cell.kind === 'number');
  if (!date) problems.push(`${at}, column ${describe(column)}: "${shorten(text)}" is not a date. Write it as DD/MM/YYYY (e.g. 01/01/2027), or leave it empty for the cover asked for.`);
  return date;
}

function cellAt(row: SpreadsheetRow, column: Located): Cell {
  return row.cells[column.index] ?? { text: '', kind: 'empty' };
}

/** `C ("Status")`. */
function describe(column: Located): string {
  return `${columnLetters(column.index)} ("${shorten(column.header)}")`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
