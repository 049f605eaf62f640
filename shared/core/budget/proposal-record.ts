import type { Proposal } from './proposal';

/**
 * What is stored about a proposal. `stale` and `expired` are not stored: they depend on today and
 * on the current roster and rates, so they are derived whenever the proposal is read.
 */
export type ProposalRecord = Omit<Proposal, 'stale' | 'staleBecause'> & {
  requestedByUserId: string;
  regulationVersion: number;
  /** Who made the current decision: they may neither withdraw it nor start its enrollment run. */
  decidedByUserId?: string;
  /** Who reviewed a system-requested proposal: they may not approve it too. */
  reviewedByUserId?: string;
  executionArn?: string;
};
