/** The records that belong to a regulation and are named in a request by their own id. */
export type RegulationPart = 'proposal' | 'run' | 'import' | 'bill';

/**
 * What the region rule needs to know about stored data: which regulation a record belongs to,
 * and in which region a regulation is. Both are fixed once written (a regulation's jurisdiction
 * never changes: see amendment-precondition.ts), so an adapter may remember them.
 */
export interface RegionDirectory {
  /** The regulation a record belongs to, or undefined when there is no such record. */
  regulationOf(part: RegulationPart, id: string): Promise<string | undefined>;
  /** A regulation's jurisdiction, or undefined when there is no such regulation. */
  jurisdictionOf(regulationId: string): Promise<string | undefined>;
}
