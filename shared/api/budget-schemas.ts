import { z } from 'zod';
import { IsoDate } from '../core/calendar/calendar';
import { RegulationId, SegmentCode } from '../core/regulation/regulation';
import { NextCursor, PageQuery } from './page-query';
import { ProposalId, CohortKind, MonthPremium, SegmentBudget, Snapshot, DecisionKind, SegmentAllocation, Decision, Review, WithdrawnDecision, ProposalStatus, Proposal } from '../core/budget/proposal';
import { ProposeRequest, DecideRequest, ReviewRequest, WithdrawRequest } from '../core/budget/budget-requests';

// The records themselves are the core's model; the API serves them as they are.
export { ProposalId, CohortKind, MonthPremium, SegmentBudget, Snapshot, DecisionKind, SegmentAllocation, Decision, Review, WithdrawnDecision, ProposalStatus, Proposal };
export { ProposeRequest, DecideRequest, ReviewRequest, WithdrawRequest };

export const ProposalParams = z.object({ proposalId: ProposalId });

export const ProposalList = z.object({ proposals: z.array(Proposal), nextCursor: NextCursor }).meta({ id: 'ProposalList' });
export const ProposalsQuery = z.object({
  ...PageQuery.shape,
  regulationId: RegulationId.optional(),
  /** Filters each page after it is read (the status is computed, e.g. expired): a page may hold fewer than `limit`. */
  status: ProposalStatus.optional(),
});

export const PeopleQuery = z.object({
  segment: SegmentCode,
  bucket: z.coerce.number().int().min(0).max(31),
  /** Continue after this NIK (the previous page's `after`). */
  after: z.string().regex(/^\d{16}$/).optional(),
});
export const PeoplePage = z.object({
  segment: SegmentCode,
  bucket: z.number().int(),
  people: z.array(z.object({ nik: z.string(), name: z.string(), birthDate: IsoDate, gender: z.enum(['L', 'P']), funded: z.boolean() })),
  after: z.string().optional(),
}).meta({ id: 'PeoplePage' });

