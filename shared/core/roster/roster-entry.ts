/**
 * A person on a regulation's roster for one coverage year. There is at most one per NIK and year
 * across the whole deployment: every regulation covers at least JKK and JKM, so a second entry
 * would mean paying twice for the same cover.
 */
export interface RosterEntry {
  readonly nik: string;
  readonly year: number;
  readonly regulationId: string;
  readonly segment: string;
  /** The segment's priority when the entry was written (1 is funded first). */
  readonly priority: number;
  readonly importId: string;
  /** Spreadsheet row the entry came from, for reports and the in-file duplicate rule. */
  readonly row: number;
  readonly name: string;
  readonly birthDate: string;
  readonly gender: 'L' | 'P';
  readonly address?: string;
  readonly kelurahan?: string;
  readonly kecamatan?: string;
  readonly phone?: string;
  readonly updatedAt: string;
  /**
   * The segment this regulation had the person in before the import that wrote the entry
   * (absent for a person new to the roster). A re-run of that import derives the same roster
   * counts from it, although the entry it replaced is gone.
   */
  readonly previousSegment?: string;
  /**
   * The import that wrote the entry found the person already on the roster exactly so (every
   * field a row sets): it did not change the funded roster. A re-run of that import counts the
   * same changes from it (shard-counts.ts, `peopleChanged`).
   */
  readonly sameAsBefore?: true;
}
