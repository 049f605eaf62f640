import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { FieldChange } from './document-diff';
import type { Caller } from '../access/roles';
import { Role } from '../access/roles';
import type { AuditAction } from './audit-actions';
import type { AuditEntityType } from './audit-entity-type';

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
  /**
   * The regulation whose hash chain the event joins (audit-chain.ts). Every event auditEvent()
   * builds has one; only events stored before the trail was chained have none.
   */
  regulationId: z.string().optional(),
  /** Set when the event is stored: its place in the chain, the hash of the event before it, its own hash. */
  seq: z.number().int().positive().optional(),
  prevHash: z.string().optional(),
  hash: z.string().optional(),
}).meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * Builds an audit event: who did what to which entity, when, and which fields changed. Every
 * decision and state change in Lindung writes one, in the same transaction as the change.
 */
export function auditEvent(args: AuditSubject & {
  caller: Caller;
  at: Date;
  action: AuditAction;
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
    regulationId: args.regulationId ?? args.entityId,
  };
}

/**
 * What an event is about: a regulation, or another entity (an enrollment run, a bill) that
 * belongs to one, named so that the event joins that regulation's hash chain.
 */
type AuditSubject =
  | { entityType: 'regulation'; entityId: string; regulationId?: undefined }
  | { entityType: Exclude<AuditEntityType, 'regulation'>; entityId: string; regulationId: string };
