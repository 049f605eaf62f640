import type { LifeEventKind } from '../../api/renewal-schemas';
import { bucketPart } from './key-numbers';

/** Main-table keys of life events (docs/data-model.md): they live with the person. */
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
  return `LIFE#${regulationId}#${bucketPart(bucket)}`;
}
