import { z } from 'zod';
import { RegulationId } from '../regulation/regulation';

/** A regulation's accepted roster for a year: its version and headcount per segment. */

export const RosterSummary = z.object({
  regulationId: RegulationId,
  year: z.number().int(),
  /** Increases with every completed import that changed the roster; budgets bind to it. */
  version: z.number().int(),
  segments: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  updatedAt: z.string().optional(),
}).meta({ id: 'RosterSummary' });
export type RosterSummary = z.infer<typeof RosterSummary>;
