import { z } from 'zod';
import { NIK_BUCKETS } from '../people/nik-bucket';
import { BillId } from './insurer-bill';

/** The small messages the reconciliation workflow passes between its states: ids, never lines. */
export const ReconciliationInput = z.object({ billId: BillId, attempt: z.number().int().positive() });
export const ReconcileShardInput = ReconciliationInput.extend({ bucket: z.number().int().min(0).max(NIK_BUCKETS - 1) });
export const ReconciliationFailureInput = ReconciliationInput.extend({
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough(),
});
export const ArrearsWatchInput = z.object({ scheduledTime: z.iso.datetime({ offset: true }).optional() });
