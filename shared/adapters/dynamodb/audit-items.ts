import type { AuditEvent } from '../../api/schemas';
import type { ChainedEvent, ChainLink } from '../../core/audit/audit-chain';
import { zeroPadded } from './key-numbers';

/**
 * Audit table keys: `pk = <entityType>#<entityId>`, `sk = <at>#<eventId>` (an entity's trail in
 * time order); the `byActor` index on `actor` + `at` serves "what did this user do". A
 * regulation's hash chain links its events in `pk = CHAIN#<regulationId>`, `sk = <seq>`.
 */
export function auditItem(event: AuditEvent): Record<string, unknown> {
  return { ...auditKey(event), ...event };
}

export function auditKey(event: Pick<AuditEvent, 'entityType' | 'entityId' | 'at' | 'eventId'>): { pk: string; sk: string } {
  return { pk: auditPartition(event.entityType, event.entityId), sk: `${event.at}#${event.eventId}` };
}

export function auditPartition(entityType: string, entityId: string): string {
  return `${entityType}#${entityId}`;
}

export function chainPartition(regulationId: string): string {
  return `CHAIN#${regulationId}`;
}

/** A chain's link item: its seq zero-padded, so the partition reads in chain order. */
export function chainLinkItem(event: ChainedEvent): Record<string, unknown> {
  const link: ChainLink = {
    regulationId: event.regulationId,
    seq: event.seq,
    prevHash: event.prevHash,
    hash: event.hash,
    at: event.at,
    entityType: event.entityType,
    entityId: event.entityId,
    eventId: event.eventId,
  };
  return { pk: chainPartition(event.regulationId), sk: zeroPadded(event.seq, 12), ...link };
}

/** A link as stored, without its keys. */
export function linkOf(item: Record<string, unknown>): ChainLink {
  const { pk: _pk, sk: _sk, ...link } = item;
  return link as unknown as ChainLink;
}
