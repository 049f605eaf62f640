import { z } from 'zod';
import { RegulationId } from '../regulation/regulation';
import { NIK_BUCKETS } from '../people/nik-bucket';

/** The small messages the renewal workflows pass between their states: keys and counts, never people. */
const Renewal = { regulationId: RegulationId, year: z.number().int().min(2000).max(2100), attempt: z.number().int().positive() };

/** `verify` carries the roster forward and proposes the budget; `close` records lapses and renews on 1 January. */
export const RenewalWorkflowInput = z.object({ ...Renewal, phase: z.enum(['verify', 'close']) });
export const RenewalBucketInput = z.object({ ...Renewal, bucket: z.number().int().min(0).max(NIK_BUCKETS - 1) });
export const RenewalFailureInput = z.object({
  ...Renewal,
  phase: z.enum(['verify', 'close']),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough(),
});
/** The schedule's input: the time it fired for (EventBridge Scheduler's `<aws.scheduler.scheduled-time>`). */
export const DispatchInput = z.object({ scheduledTime: z.iso.datetime({ offset: true }).optional() });
