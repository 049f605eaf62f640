import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { FieldChange } from './document-diff';
import type { Caller } from '../access/roles';
import { Role } from '../access/roles';

export const AuditEvent = z.object({
  eventId: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRoles: z.array(Role),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  summary: z.string(),
  changes: z.array(FieldChange),
}).meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * Builds an audit event: who did what to which entity, when, and which fields changed. Every
 * decision and state change in Lindung writes one, in the same transaction as the change.
 */
export function auditEvent(args: {
  caller: Caller;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  changes?: FieldChange[];
}): AuditEvent {
  return {
    eventId: randomUUID(),
    at: args.at.toISOString(),
    actor: args.caller.username,
    actorRoles: [...args.caller.roles],
    action: args.action,
    entityType: args.entityType,
    entityId: args.entityId,
    summary: args.summary,
    changes: args.changes ?? [],
  };
}
