import type { ProposalRecord } from '../budget/proposal-record';
import { proposalMonths } from '../budget/cohort-months';
import { ConflictError } from '../errors';
import type { RegulationInput } from './regulation';
import { inForceText, monthsInForce } from './effective-period';

/**
 * An amendment may not move a regulation's effective dates past money already approved: people
 * funded (approved proposals, whether or not enrolled yet) for months outside the new dates would
 * be paid without a legal basis. Refused, naming how many people and which proposals, until their
 * cover is ended.
 */
export function requireAmendmentKeepsCover(amended: Pick<RegulationInput, 'id' | 'effectiveFrom' | 'effectiveTo'>, proposals: readonly ProposalRecord[]): void {
  const outside = proposals.filter((proposal) => {
    if (proposal.regulationId !== amended.id || (proposal.status !== 'approved' && proposal.status !== 'allocating')) return false;
    const months = proposalMonths(proposal);
    return monthsInForce(amended, months).length < months.length;
  });
  if (outside.length === 0) return;
  const people = outside.reduce((sum, proposal) => sum + (proposal.allocation ?? []).reduce((n, segment) => n + segment.funded, 0), 0);
  throw new ConflictError(
    `The amendment would leave ${people} funded ${people === 1 ? 'person' : 'people'} outside the new effective dates (${inForceText(amended)}): ` +
      `${outside.map((p) => `${p.proposalId} (${p.year}, ${p.startMonth} to ${p.endMonth ?? `${p.year}-12`})`).join(', ')}. ` +
      'End their cover first: withdraw the decision while no enrollment run has started (`npx lindung budget decide ID --withdraw --reason TEXT`), ' +
      'or record each person\'s removal (`npx lindung life-event record --nik NIK --removal --date DATE`), then amend again.',
  );
}
