import { bucketPart } from './key-numbers';

/** Main-table keys of the roster (docs/data-model.md). */
export const rosterKeys = {
  /** The one entry per NIK and coverage year, across all regulations. */
  entry: (nik: string, year: number) => ({ pk: `PERSON#${nik}`, sk: `COVER#${year}` }),
  /** Index keys that list a regulation's roster for a year, bucket by bucket, by segment. */
  entryIndex: (regulationId: string, year: number, bucket: number, segment: string, nik: string) => ({
    gsi1pk: rosterPartition(regulationId, year, bucket),
    gsi1sk: `${segment}#${nik}`,
  }),
  history: (nik: string, year: number, replacedAt: string, importId: string) => ({
    pk: `PERSON#${nik}`,
    sk: `COVER#${year}#H#${replacedAt}#${importId}`,
  }),
  lease: (year: number, bucket: number) => ({ pk: `LEASE#COVER#${year}#${bucketPart(bucket)}`, sk: 'LEASE' }),
  summary: (regulationId: string, year: number) => ({ pk: `REG#${regulationId}`, sk: `ROSTER#${year}` }),
  /** A regulation's people of a year by age (age-profile.ts): one partition, read whole by a simulation. */
  ages: (regulationId: string, year: number) => `AGES#${regulationId}#${year}`,
  /** That a bucket's counts were refreshed by its writer (even to none), and which generation of its packs holds its people. */
  agesRefreshed: (bucket: number) => bucketPart(bucket),
  /** The bucket's marker: while it stands, its counts and packs hold (`packedGeneration` names the packs). */
  agesMarker: (regulationId: string, year: number, bucket: number) => ({ pk: rosterKeys.ages(regulationId, year), sk: rosterKeys.agesRefreshed(bucket) }),
  /** One bucket's counts of one segment. */
  agesOfSegment: (bucket: number, segment: string) => `${bucketPart(bucket)}#${segment}`,
  /** A bucket's people packed for listing (packed-people.ts): its own partition, so reading the ages never reads them. */
  packedPeople: (regulationId: string, year: number, bucket: number) => `PEOPLE#${regulationId}#${year}#${bucketPart(bucket)}`,
};

export function rosterPartition(regulationId: string, year: number, bucket: number): string {
  return `ROSTER#${regulationId}#${year}#${bucketPart(bucket)}`;
}
