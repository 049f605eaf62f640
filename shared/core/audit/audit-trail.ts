import type { ChainLink } from './audit-chain';
import type { AuditEvent } from './audit-event';

/** Which events an audit search returns: one entity's, one user's, or one user's on one entity, within a time range. */
export interface AuditSearch {
  readonly entityType?: string;
  readonly entityId?: string;
  /** Everything under one regulation (its own events and its runs', bills' and proposals'), in chain order. */
  readonly regulationId?: string;
  readonly actor?: string;
  /** A masked NIK (`3674********0001`) that the event's summary names. */
  readonly person?: string;
  /** ISO timestamps, inclusive. */
  readonly from?: string;
  readonly to?: string;
}

/** Port: reading the audit trail. Writes go with the change they record (see each store). */
export interface AuditTrail {
  /** Every event of one entity, oldest first. */
  eventsOf(entityType: string, entityId: string): Promise<AuditEvent[]>;
  /** The events a search names, oldest first. */
  search(search: AuditSearch): Promise<AuditEvent[]>;
  /** A regulation's chain in order: each link with the event it points to (undefined: no such event). */
  chain(regulationId: string): AsyncIterable<{ link: ChainLink; event: AuditEvent | undefined }>;
  /** A regulation's chain head: its last link, read alone (undefined: no event yet). */
  head(regulationId: string): Promise<ChainLink | undefined>;
}
