import { z } from 'zod';
import { ImportId } from './import';
import { NIK_BUCKETS } from '../people/nik-bucket';

/** The small messages the roster import workflow passes between its states: ids, never rows. */
export const ImportWorkflowInput = z.object({ importId: ImportId });
export const ShardInput = z.object({ importId: ImportId, bucket: z.number().int().min(0).max(NIK_BUCKETS - 1) });
export const ImportFailureInput = z.object({
  importId: ImportId,
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough(),
});
