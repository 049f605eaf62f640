import type { ProposalRecord } from '../budget/proposal-record';
import type { ProposalStore } from '../budget/proposal-store';
import { jakartaDate } from '../calendar/jakarta-date';
import { SYSTEM_CALLER } from '../access/system-caller';
import type { Regulation } from '../regulation/regulation';
import type { WorkflowStarter } from '../workflow-starter';
import { closingExecutionName } from './renewal-identity';
import type { RenewalRecord } from './renewal-record';
import { renewalStartDate } from './renewal-setting';
import { type RenewalStores, startRenewal } from './start-renewal';
import { monthsToYearEnd } from '../calendar/calendar';
import { monthsInForce } from '../regulation/effective-period';
import { NATIONAL_REGION } from '../access/region-reach';

export interface DispatchOutcome {
  /** Renewals started (or found under way), as `<regulation>/<year>`. */
  renewing: string[];
  /** Renewals closing (lapses recorded, enrollment started), as `<regulation>/<year>:<outcome>`. */
  closing: string[];
}

/**
 * The daily renewal check, run by the schedule. For every regulation:
 * - from its renewal day of year Y (Asia/Jakarta), the renewal into Y+1 starts if the regulation
 *   had cover in Y (an approved budget, original or a mid-year top-up) and is still in force on
 *   1 January of Y+1;
 * - from 1 January of Y, the renewal into Y closes: approved, enrollment renews the funded people
 *   and the rest lapse with a reason; not approved, everyone lapses. An approval that comes later
 *   closes it again as renewed (late, which the continuity report shows).
 * Everything it starts has a deterministic execution name, so a duplicate or repeated fire of the
 * schedule starts nothing twice, and a fire after days without one catches up.
 */
export async function dispatchRenewals(
  stores: RenewalStores & { proposals: ProposalStore },
  workflows: WorkflowStarter,
  at: Date,
): Promise<DispatchOutcome> {
  const today = jakartaDate(at);
  const year = Number(today.slice(0, 4));
  const outcome: DispatchOutcome = { renewing: [], closing: [] };
  for (const regulation of await stores.regulations.list(NATIONAL_REGION)) {
    const proposals = await stores.proposals.list({ regulationId: regulation.id });
    if (await dueToRenew(stores, regulation, proposals, year, today)) {
      await startRenewal(stores, workflows, { regulationId: regulation.id, year: year + 1, trigger: 'schedule' }, SYSTEM_CALLER, at);
      outcome.renewing.push(`${regulation.id}/${year + 1}`);
    }
    const renewal = await stores.renewals.get(regulation.id, year);
    const closing = renewal && closingOutcome(renewal, proposals);
    if (renewal && closing) {
      await workflows.start('renewal', closingExecutionName(renewal.regulationId, renewal.year, closing, renewal.proposalId!), {
        regulationId: renewal.regulationId,
        year: renewal.year,
        attempt: renewal.attempt,
        phase: 'close',
      });
      outcome.closing.push(`${regulation.id}/${year}:${closing}`);
    }
  }
  return outcome;
}

async function dueToRenew(stores: RenewalStores, regulation: Regulation, proposals: readonly ProposalRecord[], year: number, today: string): Promise<boolean> {
  if (today < renewalStartDate(regulation, year)) return false;
  if (monthsInForce(regulation, monthsToYearEnd(`${year + 1}-01`)).length === 0) return false;
  const existing = await stores.renewals.get(regulation.id, year + 1);
  // One under way is started again under the same name: harmless, and it recovers a start that crashed.
  if (existing) return existing.status === 'verifying';
  return proposals.some((p) => p.year === year && p.status === 'approved');
}

/** Whether the renewal into this year closes now, and how. */
function closingOutcome(renewal: RenewalRecord, proposals: readonly ProposalRecord[]): 'renewed' | 'lapsed' | undefined {
  if (!renewal.proposalId || (renewal.status !== 'proposed' && renewal.status !== 'lapsed')) return undefined;
  const proposal = proposals.find((p) => p.proposalId === renewal.proposalId);
  if (proposal?.status === 'approved') return 'renewed';
  // Still being computed or allocated: decided in a moment; the next fire closes it.
  if (renewal.status === 'lapsed' || proposal?.status === 'computing' || proposal?.status === 'allocating') return undefined;
  return 'lapsed';
}
