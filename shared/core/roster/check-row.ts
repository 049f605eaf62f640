import { ageOn, type IsoDate } from '../calendar/calendar';
import { InvalidInputError } from '../errors';
import { type Gender, type NikRejection, type NikScratch, nikBirthDate, readNik } from '../people/nik';
import type { RegulationInput, Segment } from '../regulation/regulation';
import type { RawRosterRow, RosterField } from './raw-roster-row';
import type { RowProblem } from './rejection-reasons';
import { residencyProblem } from './residency';
import { parseRosterDate } from './roster-dates';
import type { RosterPerson } from './roster-person';
import { outsideAgeWindow } from './age-window';

/**
 * The pure check that turns one raw roster row into an eligible person of a segment, or into
 * every problem an office has to fix in that row. Deduplication across rows and imports is not
 * decided here (see dedupe-decision.ts).
 *
 * Runs once per row of rosters of up to a million rows: regular expressions are compiled once,
 * segment look-ups are prepared once per regulation object, and nothing is allocated but the
 * result.
 */
export interface RowCheckContext {
  readonly regulation: RegulationInput;
  /** The segment of a one-file-per-segment import (`--segment`); otherwise each row names its segment. */
  readonly segmentCode?: string;
  /** Ages are counted on this date; the NIK's birth century is resolved against it too. */
  readonly coverageStart: IsoDate;
}

export type RowCheck =
  | {
      readonly ok: true;
      readonly person: RosterPerson;
      /** Problems that do not reject the row, but that the office should see (residency: warn). */
      readonly warnings?: RowProblem[];
    }
  | {
      readonly ok: false;
      readonly row: number;
      readonly problems: RowProblem[];
      /** The row's segment code when it could be resolved (for counts per segment). */
      readonly segment?: string;
    };

/**
 * Checks one row, reporting all of its problems at once:
 * - NIK: missing, Excel damage, format, region, birth date, serial (parseNik). A NIK problem
 *   skips the checks that need the NIK (birth date and gender agreement).
 * - Residency: a NIK registered outside the jurisdiction is a problem under the regulation's
 *   `residency: require`, a warning on an accepted row under `warn` (residency.ts).
 * - Name: required.
 * - Birth date and gender: optional; when given they must parse and agree with the NIK. A row
 *   birth date agrees when its day, month and two-digit year are the NIK's; its century then
 *   wins over the one parseNik guessed.
 * - Segment: `segmentCode` if given (a contradicting segment cell is SEGMENT_UNKNOWN naming
 *   both), else the row's segment cell matched to a segment code or name, ignoring case,
 *   spaces and punctuation.
 * - Age on coverageStart within the segment's window, both ends inclusive. The age is counted
 *   from the row's birth date if it parsed, else from the NIK's; a birth date after
 *   coverageStart is BIRTH_DATE_IN_FUTURE instead.
 * Throws InvalidInputError when `segmentCode` is not a segment of the regulation: that is a
 * mistake about the whole file, not about a row.
 */
export function checkRow(row: RawRosterRow, context: RowCheckContext): RowCheck {
  const lookup = lookupFor(context.regulation);
  const values = row.values;
  let problems: RowProblem[] | undefined;
  let warnings: RowProblem[] | undefined;

  // NIK
  let nik: string | undefined;
  let nikGender: Gender = 'L';
  let nikYear = 0;
  let nikMonth = 0;
  let nikDay = 0;
  const nikText = values.nik;
  if (nikText === undefined || isBlank(nikText)) {
    problems = add(problems, { reason: 'NIK_MISSING', field: 'nik', params: NO_PARAMS });
  } else {
    const rejection = readNik(nikText, isNumeric(row, 'nik'), context.coverageStart, scratch);
    if (rejection === undefined) {
      nik = scratch.nik;
      nikGender = scratch.gender;
      nikYear = scratch.year;
      nikMonth = scratch.month;
      nikDay = scratch.day;
      const outside = residencyProblem(nik, context.regulation);
      if (outside?.params.policy === 'require') problems = add(problems, outside);
      else if (outside !== undefined) warnings = [outside];
    } else {
      problems = add(problems, nikProblem(rejection, nikText));
    }
  }

  // Name
  const name = values.name;
  if (name === undefined || isBlank(name)) problems = add(problems, { reason: 'NAME_MISSING', field: 'name', params: NO_PARAMS });

  // Birth date
  let birthDate: IsoDate | undefined;
  const birthText = values.birthDate;
  if (birthText !== undefined && !isBlank(birthText)) {
    birthDate = parseRosterDate(birthText, isNumeric(row, 'birthDate'));
    if (birthDate === undefined) {
      problems = add(problems, { reason: 'BIRTH_DATE_FORMAT', field: 'birthDate', params: NO_PARAMS });
    } else if (nik !== undefined && !sameNikDate(birthDate, nikYear, nikMonth, nikDay)) {
      problems = add(problems, { reason: 'BIRTH_DATE_MISMATCH', field: 'birthDate', params: NO_PARAMS });
    }
  }
  if (birthDate === undefined && nik !== undefined) {
    scratchDate.year = nikYear;
    scratchDate.month = nikMonth;
    scratchDate.day = nikDay;
    birthDate = nikBirthDate(scratchDate);
  }

  // Gender
  const genderText = values.gender;
  if (genderText !== undefined && !isBlank(genderText)) {
    const gender = parseGender(genderText);
    if (gender === undefined) problems = add(problems, { reason: 'GENDER_FORMAT', field: 'gender', params: NO_PARAMS });
    else if (nik !== undefined && gender !== nikGender) problems = add(problems, { reason: 'GENDER_MISMATCH', field: 'gender', params: NO_PARAMS });
  }

  // Segment
  let segment: Segment | undefined;
  const segmentText = values.segment;
  const segmentGiven = segmentText !== undefined && !isBlank(segmentText);
  if (context.segmentCode !== undefined) {
    segment = lookup.byCode.get(context.segmentCode);
    if (segment === undefined) {
      throw new InvalidInputError(`Segment ${context.segmentCode} is not a segment of regulation ${context.regulation.id}`, [
        { path: 'segment', message: `must be one of ${lookup.validCodes}` },
      ]);
    }
    if (segmentGiven && lookup.match(segmentText) !== segment) {
      problems = add(problems, {
        reason: 'SEGMENT_UNKNOWN',
        field: 'segment',
        params: { value: shorten(segmentText.trim()), validCodes: lookup.validCodes, expected: segment.code },
      });
    }
  } else if (!segmentGiven) {
    problems = add(problems, { reason: 'SEGMENT_MISSING', field: 'segment', params: { validCodes: lookup.validCodes } });
  } else {
    segment = lookup.match(segmentText);
    if (segment === undefined) {
      problems = add(problems, { reason: 'SEGMENT_UNKNOWN', field: 'segment', params: { value: shorten(segmentText.trim()), validCodes: lookup.validCodes } });
    }
  }

  // Eligibility. A birth date after the coverage start (usually a 4-digit year in the wrong
  // century, which the NIK's two digits cannot tell) has no age to check.
  if (birthDate !== undefined && birthDate > context.coverageStart) {
    problems = add(problems, { reason: 'BIRTH_DATE_IN_FUTURE', field: 'birthDate', params: { on: context.coverageStart } });
  } else if (segment !== undefined && birthDate !== undefined) {
    const { minAge, maxAge } = segment.eligibility;
    const age = ageAt(birthDate, context.coverageStart);
    const outside = outsideAgeWindow(age, segment.eligibility);
    if (outside) {
      problems = add(problems, {
        reason: outside === 'below' ? 'AGE_BELOW_MINIMUM' : 'AGE_ABOVE_MAXIMUM',
        field: 'birthDate',
        params: { age, minAge, maxAge, on: context.coverageStart, segment: segment.code },
      });
    }
  }

  if (problems !== undefined || nik === undefined || name === undefined || birthDate === undefined || segment === undefined) {
    return segment === undefined
      ? { ok: false, row: row.row, problems: problems ?? [] }
      : { ok: false, row: row.row, problems: problems ?? [], segment: segment.code };
  }

  const person: RosterPerson = { nik, name: name.trim(), birthDate, gender: nikGender, segment: segment.code, row: row.row };
  if (values.address !== undefined && !isBlank(values.address)) person.address = values.address.trim();
  if (values.kelurahan !== undefined && !isBlank(values.kelurahan)) person.kelurahan = values.kelurahan.trim();
  if (values.kecamatan !== undefined && !isBlank(values.kecamatan)) person.kecamatan = values.kecamatan.trim();
  if (values.phone !== undefined && !isBlank(values.phone)) person.phone = phoneOf(values.phone.trim(), isNumeric(row, 'phone'));
  return warnings === undefined ? { ok: true, person } : { ok: true, person, warnings };
}

/**
 * `L` or `P` from the ways offices write a gender: L/P, Laki-laki, Laki2, Lk, Pria, Perempuan,
 * Pr, Wanita, W, M/F, Male/Female, and Dukcapil's numeric codes 1 (male) / 2 (female).
 */
export function parseGender(text: string): Gender | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 1) {
    const char = trimmed.charCodeAt(0) | 0x20; // lower-case ASCII letters
    if (char === 108 /* l */ || char === 109 /* m */) return 'L';
    if (char === 112 /* p */ || char === 119 /* w */ || char === 102 /* f */) return 'P';
    if (trimmed === '1') return 'L';
    if (trimmed === '2') return 'P';
    return undefined;
  }
  return GENDERS.get(trimmed.toLowerCase().replace(NOT_ALPHANUMERIC, ''));
}

const GENDERS: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ['lk', 'L'], ['laki', 'L'], ['lakilaki', 'L'], ['laki2', 'L'], ['pria', 'L'], ['male', 'L'], ['man', 'L'],
  ['pr', 'P'], ['prp', 'P'], ['perempuan', 'P'], ['wanita', 'P'], ['female', 'P'], ['woman', 'P'],
]);

const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
const NOT_ALPHANUMERIC_UPPER = /[^A-Z0-9]+/g;
const NO_PARAMS: Readonly<Record<never, never>> = Object.freeze({});
const scratch: NikScratch = { nik: '', length: 0, digits: 0, year: 0, month: 0, day: 0, gender: 'L' };
const scratchDate = { year: 0, month: 0, day: 0 };

interface SegmentLookup {
  readonly byCode: ReadonlyMap<string, Segment>;
  /** `ETC_ETC` codes and names, normalised. */
  readonly byKey: ReadonlyMap<string, Segment>;
  /** Segment cells seen before, as written (rosters repeat a handful of values). */
  readonly seen: Map<string, Segment | null>;
  /** The codes, joined with ", ", for messages. */
  readonly validCodes: string;
  match(text: string): Segment | undefined;
}

const lookups = new WeakMap<RegulationInput, SegmentLookup>();

function lookupFor(regulation: RegulationInput): SegmentLookup {
  let lookup = lookups.get(regulation);
  if (lookup === undefined) {
    const byCode = new Map(regulation.segments.map((s) => [s.code, s] as const));
    const byKey = new Map<string, Segment>();
    for (const s of regulation.segments) byKey.set(segmentKey(s.name), s);
    for (const s of regulation.segments) byKey.set(segmentKey(s.code), s); // a code wins over a name
    const seen = new Map<string, Segment | null>();
    lookup = {
      byCode,
      byKey,
      seen,
      validCodes: regulation.segments.map((s) => s.code).join(', '),
      match(text) {
        const known = seen.get(text);
        if (known !== undefined) return known ?? undefined;
        const found = byKey.get(segmentKey(text));
        if (seen.size < 1_000) seen.set(text, found ?? null);
        return found;
      },
    };
    lookups.set(regulation, lookup);
  }
  return lookup;
}

/**
 * ageOn, remembered per birth date: a roster has a few tens of thousands of distinct birth
 * dates, and ageOn's string splitting would otherwise dominate the cost of a row.
 */
const ages = new Map<string, number>();
let agesOn = '';

function ageAt(birthDate: IsoDate, on: IsoDate): number {
  if (on !== agesOn || ages.size >= 100_000) {
    ages.clear();
    agesOn = on;
  }
  let age = ages.get(birthDate);
  if (age === undefined) {
    age = ageOn(birthDate, on);
    ages.set(birthDate, age);
  }
  return age;
}

/** `Ketua RT`, `ketua_rt`, ` KETUA-RT ` → `KETUART`. */
function segmentKey(text: string): string {
  return text.toUpperCase().replace(NOT_ALPHANUMERIC_UPPER, '');
}

/** Empty, or only dashes, dots, slashes and spaces: how offices write "nothing" in a cell. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    // space, tab, no-break space, '-', '.', '/', '_', en dash, em dash
    if (char !== 32 && char !== 9 && char !== 0xa0 && char !== 45 && char !== 46 && char !== 47 && char !== 95 && char !== 0x2013 && char !== 0x2014) {
      return false;
    }
  }
  return true;
}

function isNumeric(row: RawRosterRow, field: RosterField): boolean {
  return row.numeric !== undefined && row.numeric.includes(field);
}

function nikProblem(reason: NikRejection, text: string): RowProblem {
  switch (reason) {
    case 'NIK_FORMAT':
      return { reason, field: 'nik', params: { length: scratch.length, digits: scratch.digits } };
    case 'NIK_REGION':
      return { reason, field: 'nik', params: { regionCode: scratch.nik.slice(0, 4) } };
    case 'NIK_EXCEL_SCIENTIFIC':
      return { reason, field: 'nik', params: { value: shorten(text.trim()) } };
    default:
      return { reason, field: 'nik', params: NO_PARAMS };
  }
}

/** The row date's day, month and two-digit year are those of the NIK. */
function sameNikDate(date: IsoDate, year: number, month: number, day: number): boolean {
  const rowYear = number(date, 0, 4);
  return rowYear % 100 === year % 100 && number(date, 5, 2) === month && number(date, 8, 2) === day;
}

function number(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/** A mobile number stored as an Excel number has lost its leading 0: `81234567890` → `081234567890`. */
function phoneOf(text: string, numericCell: boolean): string {
  return numericCell && text.charCodeAt(0) === 56 /* 8 */ && text.length >= 8 && text.length <= 12 ? `0${text}` : text;
}

function add(problems: RowProblem[] | undefined, problem: RowProblem): RowProblem[] {
  if (problems === undefined) return [problem];
  problems.push(problem);
  return problems;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
