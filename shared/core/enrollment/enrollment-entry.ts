/**
 * A person's cover for one coverage year, as the enrollment ledger holds it: at most one per NIK
 * and year across the deployment (the key is the person and the year; every regulation covers at
 * least JKK and JKM together, listed in `programs`), so nobody can be covered twice for a period.
 */
export interface EnrollmentEntry {
  readonly nik: string;
  readonly year: number;
  readonly regulationId: string;
  readonly proposalId: string;
  readonly runId: string;
  /** The attempt that last wrote the entry. */
  readonly attempt: number;
  readonly segment: string;
  readonly name: string;
  readonly programs: readonly string[];
  readonly status: 'enrolled' | 'failed';
  readonly kpj?: string;
  readonly coverageStart?: string;
  readonly coverageEnd?: string;
  /** Premiums for the period, integer rupiah: what this person's cover commits. */
  readonly amount: number;
  /** Why the person is not covered: an insurer rejection code or BUDGET_EXHAUSTED. */
  readonly reason?: string;
  readonly message?: string;
  readonly updatedAt: string;
}
