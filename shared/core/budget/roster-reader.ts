/** Port: reading a regulation's roster for a year, one segment at a time. */
export interface RosterReader {
  /** The NIKs of one segment in one NIK bucket, in ascending order, page by page. */
  segmentNiks(regulationId: string, year: number, segment: string, bucket: number): AsyncIterable<string>;
  /** A page of one segment's people in one bucket, after `afterNik`. */
  segmentPeople(
    regulationId: string,
    year: number,
    segment: string,
    bucket: number,
    afterNik: string | undefined,
    limit: number,
  ): Promise<{ people: RosterMember[]; more: boolean }>;
}

/** What the budget and enrollment need of a person on the roster. */
export interface RosterMember {
  nik: string;
  name: string;
  birthDate: string;
  gender: 'L' | 'P';
}
