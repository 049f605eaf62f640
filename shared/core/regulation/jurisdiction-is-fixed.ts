import { describeRegion } from '../access/region-reach';
import { InvalidInputError } from '../errors';
import type { Regulation, RegulationInput } from './regulation';

/**
 * A regulation stays in the region that issued it. Its jurisdiction decides who may see and
 * change it, and everything of it (rosters, proposals, runs, bills) is the region's: moving it
 * would hand another region's office a trail it never kept. A different jurisdiction is a
 * different regulation, applied under its own id by that region's administrator.
 */
export function requireJurisdictionIsFixed(current: Regulation | undefined, input: RegulationInput): void {
  if (!current || current.jurisdiction === input.jurisdiction) return;
  throw new InvalidInputError(`Regulation ${input.id} is of ${describeRegion(current.jurisdiction)}, and stays so`, [
    { path: 'jurisdiction', message: `must stay ${current.jurisdiction}: a regulation of another region is a new regulation, with its own id` },
  ]);
}
