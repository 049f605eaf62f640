import type { LifeEventKind, RenewalPeopleKind } from '../../api/renewal-schemas';

/**
 * Main-table keys of renewals and life events (docs/data-model.md). Numbers are zero-padded so
 * that keys sort in numeric order.
 */
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The sort-key prefix of each kind of listed person. */
export const PERSON_KIND_PREFIX: Record<RenewalPeopleKind, string> = {
  joiners: 'JOINER#',
  leavers: 'LEAVER#',
  'aging-out': 'AGING_OUT#',
  lapsed: 'LAPSED#',
};

export const renewalKeys = {
  /** One renewal per regulation and the year it renews into. */
  meta: (regulationId: string, year: number) => ({ pk: `RENEWAL#${regulationId}#${year}`, sk: 'META' }),
  /** Lists a regulation's renewals, by year. */
  metaIndex: (regulationId: string, year: number) => ({ gsi1pk: `RENEWALS#${regulationId}`, gsi1sk: String(year) }),
  /** One bucket's diff counts in one attempt. */
  bucketDiff: (regulationId: string, year: number, attempt: number, bucket: number) => ({
    pk: `RENEWAL#${regulationId}#${year}`,
    sk: `SHARD#A${pad(attempt, 3)}#B${pad(bucket, 2)}`,
  }),
  /** A listed person: of an attempt's diff (joiners, leavers, aging out), or of the closing (lapsed). */
  person: (regulationId: string, year: number, attempt: number, bucket: number, kind: RenewalPeopleKind, nik: string) => ({
    pk: peoplePartition(regulationId, year, kind === 'lapsed' ? 'CLOSE' : `A${pad(attempt, 3)}`, bucket),
    sk: `${PERSON_KIND_PREFIX[kind]}${nik}`,
  }),
};

export function peoplePartition(regulationId: string, year: number, scope: string, bucket: number): string {
  return `RENEWAL#${regulationId}#${year}#${scope}#B${pad(bucket, 2)}`;
}

export const lifeEventKeys = {
  /** A person dies once; a removal ends one roster year's entry. */
  event: (nik: string, kind: LifeEventKind, year: number) => ({ pk: `PERSON#${nik}`, sk: kind === 'death' ? 'LIFE#DEATH' : `LIFE#REMOVAL#${year}` }),
  /** Lists a regulation's life events bucket by bucket, so a renewal reads its bucket's in one query. */
  eventIndex: (regulationId: string, bucket: number, nik: string, kind: LifeEventKind) => ({
    gsi1pk: lifeEventPartition(regulationId, bucket),
    gsi1sk: `${nik}#${kind}`,
  }),
};

export function lifeEventPartition(regulationId: string, bucket: number): string {
  return `LIFE#${regulationId}#B${pad(bucket, 2)}`;
}
