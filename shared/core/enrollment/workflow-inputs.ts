import { z } from 'zod';
import { RunId } from './enrollment-run';
import { NIK_BUCKETS } from '../people/nik-bucket';

/** The small messages the enrollment workflow passes between its states: ids and counts, never people. */
export const RunWorkflowInput = z.object({ runId: RunId, attempt: z.number().int().positive() });
export const RunShardInput = RunWorkflowInput.extend({ bucket: z.number().int().min(0).max(NIK_BUCKETS - 1) });
export const RunFailureInput = RunWorkflowInput.extend({
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough(),
});
