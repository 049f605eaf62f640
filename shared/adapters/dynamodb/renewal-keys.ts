import type { RenewalPeopleKind } from '../../api/renewal-schemas';
import { attemptPart, bucketPart } from './key-numbers';

/** The sort-key prefix of each kind of listed person. */
export const PERSON_KIND_PREFIX: Record<RenewalPeopleKind, string> = {
  joiners: 'JOINER#',
  leavers: 'LEAVER#',
  'aging-out': 'AGING_OUT#',
  lapsed: 'LAPSED#',
};

/** Main-table keys of renewals (docs/data-model.md). */
export const renewalKeys = {
  /** One renewal per regulation and the year it renews into. */
  meta: (regulationId: string, year: number) => ({ pk: `RENEWAL#${regulationId}#${year}`, sk: 'META' }),
  /** Lists a regulation's renewals, by year. */
  metaIndex: (regulationId: string, year: number) => ({ gsi1pk: `RENEWALS#${regulationId}`, gsi1sk: String(year) }),
  /** One bucket's diff counts in one attempt. */
  bucketDiff: (regulationId: string, year: number, attempt: number, bucket: number) => ({
    pk: `RENEWAL#${regulationId}#${year}`,
    sk: `SHARD#${attemptPart(attempt)}#${bucketPart(bucket)}`,
  }),
  /** A listed person: of an attempt's diff (joiners, leavers, aging out), or of the closing (lapsed). */
  person: (regulationId: string, year: number, attempt: number, bucket: number, kind: RenewalPeopleKind, nik: string) => ({
    pk: peoplePartition(regulationId, year, kind === 'lapsed' ? 'CLOSE' : attemptPart(attempt), bucket),
    sk: `${PERSON_KIND_PREFIX[kind]}${nik}`,
  }),
};

function peoplePartition(regulationId: string, year: number, scope: string, bucket: number): string {
  return `RENEWAL#${regulationId}#${year}#${scope}#${bucketPart(bucket)}`;
}
