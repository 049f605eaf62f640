import { NotFoundError } from '../errors';
import type { RenewalRecord } from './renewal-record';

export function requireRenewal(record: RenewalRecord | undefined, regulationId: string, year: number): RenewalRecord {
  if (record) return record;
  throw new NotFoundError(
    `Regulation ${regulationId} has no renewal into ${year}. It starts on the regulation's renewal day, or now with \`npx lindung renewal start --regulation ${regulationId} --year ${year}\`.`,
  );
}
