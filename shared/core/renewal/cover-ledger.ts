import type { RenewalPeopleKind, RenewalPerson } from './renewal';
import type { EnrollmentEntry } from '../enrollment/enrollment-entry';

/**
 * A person's cover in a year, with the end a life event recorded on it (life-event-store.ts) and
 * the premiums that end gave back to the proposal (billed-months.ts).
 */
export type CoveredEntry = EnrollmentEntry & { endReason?: 'deceased' | 'removed'; released?: number };

/** Port: who was covered (the enrollment ledger) and who a renewal listed, as closing and continuity read them. */
export interface CoverLedger {
  /** One page of the people a regulation covered in a year in one NIK bucket (enrolled), in NIK order. */
  coveredPage(regulationId: string, year: number, bucket: number, afterNik: string | undefined, limit: number): Promise<{ entries: CoveredEntry[]; more: boolean }>;
  /** These people's cover in a year, whichever regulation holds it. */
  cover(year: number, niks: readonly string[]): Promise<Map<string, CoveredEntry>>;
  /** Of these people, those a renewal listed as `kind` (its current attempt's diff, or its lapses). */
  listed(where: { regulationId: string; year: number; attempt: number; kind: RenewalPeopleKind; bucket: number }, niks: readonly string[]): Promise<Map<string, RenewalPerson>>;
}
