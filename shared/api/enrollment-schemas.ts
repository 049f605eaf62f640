import { z } from 'zod';
import { IsoDate } from '../core/calendar/calendar';
import { RegulationId, SegmentCode } from '../core/regulation/regulation';
import { ProposalId } from './budget-schemas';
import { NextCursor, PageQuery } from './page-query';
import { RunId, RunStatus, RunCounts, InvoiceLine, PremiumInvoice, FailureReasonCount, EnrollmentRun } from '../core/enrollment/enrollment-run';
import { MemberAnswer } from '../core/enrollment/member-answer';

// The records themselves are the core's model; the API serves them as they are.
export { RunId, RunStatus, RunCounts, InvoiceLine, PremiumInvoice, FailureReasonCount, EnrollmentRun };

export const RunParams = z.object({ runId: RunId });

export const StartRunRequest = z.strictObject({ proposalId: ProposalId }).meta({ id: 'StartRunRequest' });

export const RetryFailedRequest = z.strictObject({
  /** The attempt whose failures to retry, as the caller saw it: a repeated click retries once. */
  attempt: z.number().int().positive(),
}).meta({ id: 'RetryFailedRequest' });

export const RunList = z.object({ runs: z.array(EnrollmentRun), nextCursor: NextCursor }).meta({ id: 'RunList' });
export const RunsQuery = z.object({ ...PageQuery.shape, regulationId: RegulationId.optional() });

export const EnrollmentStatus = z.enum(['enrolled', 'failed']);
export const RunPeopleQuery = z.object({
  status: EnrollmentStatus,
  bucket: z.coerce.number().int().min(0).max(31),
  /** Continue after this NIK (the previous page's `after`). */
  after: z.string().regex(/^\d{16}$/).optional(),
});
export const EnrolledPerson = z.object({
  nik: z.string(),
  name: z.string(),
  segment: SegmentCode,
  status: EnrollmentStatus,
  kpj: z.string().optional(),
  coverageStart: IsoDate.optional(),
  coverageEnd: IsoDate.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
}).meta({ id: 'EnrolledPerson' });
export const RunPeoplePage = z.object({
  bucket: z.number().int(),
  people: z.array(EnrolledPerson),
  after: z.string().optional(),
}).meta({ id: 'RunPeoplePage' });

export const MemberFileChunkParams = z.object({ proposalId: ProposalId, seq: z.coerce.number().int().min(0).max(99_999) });
/** One chunk of the BPJS branch's member file, at most 1 MB (the CLI's chunker closes every chunk at that size). */
export const MemberFileChunkRequest = z.strictObject({ rows: z.array(MemberAnswer).min(1).max(20_000) }).meta({ id: 'MemberFileChunkRequest' });
export const MemberFileChunkResult = z.object({
  seq: z.number().int(),
  answers: z.number().int(),
  registered: z.number().int(),
  refused: z.number().int(),
}).meta({ id: 'MemberFileChunkResult' });
