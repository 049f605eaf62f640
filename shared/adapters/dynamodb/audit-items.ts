import type { AuditEvent } from '../../api/schemas';

/**
 * Audit table keys: `pk = <entityType>#<entityId>`, `sk = <at>#<eventId>` (an entity's trail in
 * time order); the `byActor` index on `actor` + `at` serves "what did this user do".
 */
export function auditItem(event: AuditEvent): Record<string, unknown> {
  return { pk: auditPartition(event.entityType, event.entityId), sk: `${event.at}#${event.eventId}`, ...event };
}

export function auditPartition(entityType: string, entityId: string): string {
  return `${entityType}#${entityId}`;
}
