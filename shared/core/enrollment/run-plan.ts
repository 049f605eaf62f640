import type { ProposalRecord } from '../budget/proposal-record';
import { proposalMonths } from '../budget/cohort-months';
import { type FundedSegment, fundsAnyone } from '../budget/funded-by-allocation';
import { perPersonCost } from '../budget/per-person-cost';
import { lastDayOf } from '../calendar/calendar';
import type { Regulation } from '../regulation/regulation';
import { ConflictError } from '../errors';
import type { InsurerProgram } from './insurer-port';

/** What a shard needs to enroll its people: who is funded, at what premium, for which period. */
export interface RunPlan {
  runId: string;
  proposalId: string;
  regulationId: string;
  year: number;
  /** The money cap: committed premiums never exceed it. */
  approvedAmount: number;
  /** Funded segments in priority order, each with its premium per person for the whole period and who of it is funded. */
  segments: { segment: string; perPerson: number; allocation: FundedSegment }[];
  programs: InsurerProgram[];
  wadahCode: string;
  /** The Pemda's collective account with the partner API; empty on the file channel, where the branch registers people under the account it holds. */
  collectiveAccount: string;
  coverageStart: string;
  coverageEnd: string;
}

/** Cover runs over the months the proposal funds: whole months, within the regulation's effective dates. */
export function coveragePeriod(proposal: Pick<ProposalRecord, 'year' | 'startMonth' | 'endMonth'>): { coverageStart: string; coverageEnd: string } {
  const months = proposalMonths(proposal);
  return { coverageStart: `${months[0]}-01`, coverageEnd: lastDayOf(months.at(-1)!) };
}

export function runPlanOf(runId: string, proposal: ProposalRecord, regulation: Regulation, collectiveAccount: string): RunPlan {
  if (proposal.status !== 'approved' || proposal.approvedAmount === undefined || !proposal.allocation) {
    throw new ConflictError(`Proposal ${proposal.proposalId} is ${proposal.status}: only an approved proposal can be enrolled.`);
  }
  const budgets = new Map(proposal.segments.map((segment) => [segment.segment, segment]));
  const segments = proposal.allocation
    .filter(fundsAnyone)
    .map((allocation) => {
      const budget = budgets.get(allocation.segment)!;
      return { budget, allocation };
    })
    .sort((a, b) => a.budget.priority - b.budget.priority)
    .map(({ budget, allocation }) => ({ segment: allocation.segment, perPerson: perPersonCost(budget), allocation }));
  return {
    runId,
    proposalId: proposal.proposalId,
    regulationId: proposal.regulationId,
    year: proposal.year,
    approvedAmount: proposal.approvedAmount,
    segments,
    programs: [...regulation.programs],
    wadahCode: regulation.wadahCode,
    collectiveAccount,
    ...coveragePeriod(proposal),
  };
}
