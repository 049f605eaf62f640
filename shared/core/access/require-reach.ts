import { ForbiddenError } from '../errors';
import { describeRegion, mayChange, mayRead, reachOf } from './region-reach';
import type { Caller } from './roles';

/**
 * The one rule of region access, for the route gate and for use cases that find their
 * regulation in stored data: a regulation the caller's region does not reach fails exactly as a
 * missing one (`missing`, a 404 with the same words), so that no office learns what another
 * stores; one it reads but may not change (a province over its regencies, the national auditor)
 * is 403 on a change.
 */
export function requireReach(caller: Caller, jurisdiction: string | undefined, action: 'read' | 'change', missing: () => Error): void {
  if (jurisdiction === undefined || !caller.region) throw missing();
  const reach = reachOf(caller.region, jurisdiction);
  if (!mayRead(reach)) throw missing();
  if (action === 'change' && !mayChange(reach)) {
    throw new ForbiddenError(
      `${describeRegion(caller.region)} reads the data of ${describeRegion(jurisdiction)} but does not decide for it: only users of ${describeRegion(jurisdiction)} can.`,
    );
  }
}

/** The items whose regulation the caller's region reaches, in their order. */
export async function keepReached<T>(
  items: readonly T[],
  regulationOf: (item: T) => string | undefined,
  caller: Caller,
  jurisdictionOf: (regulationId: string) => Promise<string | undefined>,
): Promise<T[]> {
  const region = caller.region;
  if (!region) return [];
  const kept: T[] = [];
  for (const item of items) {
    const regulationId = regulationOf(item);
    const jurisdiction = regulationId ? await jurisdictionOf(regulationId) : undefined;
    if (jurisdiction !== undefined && mayRead(reachOf(region, jurisdiction))) kept.push(item);
  }
  return kept;
}
