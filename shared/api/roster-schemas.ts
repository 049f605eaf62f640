import { z } from 'zod';
import { RawRosterRow } from '../core/roster/raw-roster-row';
import { NextCursor, PageQuery } from './page-query';
import { ImportId, CreateImportRequest, ImportStatusName, SegmentCounts, ImportStatus } from '../core/roster/import';
import { RejectionProblem, RejectedRow } from '../core/roster/rejected-row';
import { RosterSummary } from '../core/roster/roster-summary';

// The records themselves are the core's model; the API serves them as they are.
export { ImportId, CreateImportRequest, ImportStatusName, SegmentCounts, ImportStatus };
export { RejectionProblem, RejectedRow };
export { RosterSummary };

export const ImportParams = z.object({ importId: ImportId });
export const ChunkParams = z.object({ importId: ImportId, seq: z.coerce.number().int().min(0).max(99_999) });

export const UploadChunkRequest = z.strictObject({ rows: z.array(RawRosterRow).min(1).max(20_000) }).meta({ id: 'UploadChunkRequest' });
export const UploadChunkResult = z.object({ seq: z.number().int(), rows: z.number().int(), alreadyReceived: z.boolean() }).meta({ id: 'UploadChunkResult' });

export const CompleteImportRequest = z.strictObject({
  chunks: z.number().int().positive(),
  rows: z.number().int().positive(),
}).meta({ id: 'CompleteImportRequest' });

export const ImportList = z.object({ imports: z.array(ImportStatus), nextCursor: NextCursor }).meta({ id: 'ImportList' });

export const RejectionsQuery = z.object({
  cursor: PageQuery.shape.cursor,
  /** `warning`: the accepted rows that carry a warning, in the same shape as the rejected ones. */
  kind: z.enum(['rejected', 'warning']).default('rejected'),
});
export const RejectionsPage = z.object({ rows: z.array(RejectedRow), nextCursor: z.string().optional() }).meta({ id: 'RejectionsPage' });

export const RosterQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
