import type { RegulationStore } from '../regulation/regulation-store';
import type { Caller } from './roles';

/**
 * The regulations a listing may show its caller: the one it was narrowed to (which the region
 * check has already let through), or every regulation the caller's region reaches. A caller of
 * no region reaches none.
 */
export async function reachedRegulationIds(regulations: Pick<RegulationStore, 'list'>, caller: Caller, narrowedTo?: string): Promise<string[]> {
  if (narrowedTo) return [narrowedTo];
  if (!caller.region) return [];
  return (await regulations.list(caller.region)).map((regulation) => regulation.id);
}
