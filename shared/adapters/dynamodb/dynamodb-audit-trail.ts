import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AuditEvent } from '../../api/schemas';
import type { AuditSearch, AuditTrail } from '../../audit/audit-trail';
import { auditPartition } from './audit-items';
import { documentClient, tableName } from './document-client';
import { queryAll } from './query-all';

/** Sorts after every `<ISO time>#<event id>` sort key that starts with the same time. */
const AFTER_ANY_SUFFIX = '\uffff';

export class DynamoDbAuditTrail implements AuditTrail {
  async eventsOf(entityType: string, entityId: string): Promise<AuditEvent[]> {
    return this.search({ entityType, entityId });
  }

  /**
   * An entity's events come from its partition, a user's from the `byActor` index; both are in
   * time order, so a time range is a key condition. Searching both narrows the entity's events
   * to the user's.
   */
  async search(search: AuditSearch): Promise<AuditEvent[]> {
    const from = search.from ?? '0000';
    const to = (search.to ?? '9999') + AFTER_ANY_SUFFIX;
    if (search.entityType !== undefined && search.entityId !== undefined) {
      const items = await queryAll(
        new QueryCommand({
          TableName: tableName('AUDIT_TABLE'),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ...(search.actor ? { FilterExpression: 'actor = :actor' } : {}),
          ExpressionAttributeValues: { ':pk': auditPartition(search.entityType, search.entityId), ':from': from, ':to': to, ...(search.actor ? { ':actor': search.actor } : {}) },
        }),
      );
      return items.map((item) => AuditEvent.parse(item));
    }
    if (search.actor === undefined) throw new Error('An audit search needs an entity or an actor');
    const items = await queryAll(
      new QueryCommand({
        TableName: tableName('AUDIT_TABLE'),
        IndexName: 'byActor',
        KeyConditionExpression: 'actor = :actor AND #at BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':actor': search.actor, ':from': from, ':to': to },
      }),
    );
    return items.map((item) => AuditEvent.parse(item));
  }
}
