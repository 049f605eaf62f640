import { createHash } from 'node:crypto';

/** Step Functions execution names are at most 80 characters. */
const MAX_EXECUTION_NAME = 80;

/**
 * A renewal is identified by its regulation and the year it renews into: one per pair, whoever
 * starts it (the schedule, a second schedule fire, an admin). The same string is the holder of
 * the NIK-bucket leases it takes and the importId of the roster entries it carries forward.
 */
export function renewalHolder(regulationId: string, year: number): string {
  return `renewal-${regulationId}-${year}`;
}

/**
 * The execution that verifies the roster and proposes the budget: `renewal-<regulation>-<year>`
 * for the first attempt, `-a2`, `-a3`... for the next. A repeated start of an attempt is
 * refused by Step Functions as a duplicate, which makes duplicate schedule fires harmless.
 */
export function renewalExecutionName(regulationId: string, year: number, attempt: number): string {
  return bounded(renewalHolder(regulationId, year), attempt === 1 ? '' : `-a${attempt}`);
}

/** The execution that closes the renewal on 1 January: once per outcome (lapsed, then renewed when approval came late). */
export function closingExecutionName(regulationId: string, year: number, outcome: 'renewed' | 'lapsed', proposalId: string): string {
  return bounded(renewalHolder(regulationId, year), `-close-${outcome}-${createHash('sha256').update(proposalId).digest('hex').slice(0, 8)}`);
}

/** The renewal's budget proposal for an attempt: deterministic, so a re-run step creates it once. */
export function renewalProposalId(regulationId: string, year: number, attempt: number): string {
  return `bp-${year}-renewal-a${attempt}-${createHash('sha256').update(regulationId).digest('hex').slice(0, 12)}`;
}

/** `base + suffix`, with the base shortened and made unique by a hash when the whole is too long. */
function bounded(base: string, suffix: string): string {
  if (base.length + suffix.length <= MAX_EXECUTION_NAME) return `${base}${suffix}`;
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 8);
  return `${base.slice(0, MAX_EXECUTION_NAME - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}
