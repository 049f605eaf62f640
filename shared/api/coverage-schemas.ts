import { z } from 'zod';
import { RegulationId } from '../core/regulation/regulation';
import { SegmentCoverage, CategoryCoverage, MonthCoverage, Coverage } from '../core/coverage/coverage';

// The records themselves are the core's model; the API serves them as they are.
export { SegmentCoverage, CategoryCoverage, MonthCoverage, Coverage };

/**
 * What a region is judged on (the Paritrana Award), for one regulation and fiscal year: covered
 * headcount by segment and category against the target, APBD approved and spent, and how
 * continuous the cover is month by month.
 */

export const CoverageQuery = z.object({
  regulationId: RegulationId,
  year: z.coerce.number().int().min(2000).max(2100),
});

