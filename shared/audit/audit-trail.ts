import type { AuditEvent } from '../api/schemas';

/** Port: reading the audit trail. Writes go with the change they record (see each store). */
export interface AuditTrail {
  /** Every event of one entity, oldest first. */
  eventsOf(entityType: string, entityId: string): Promise<AuditEvent[]>;
}
