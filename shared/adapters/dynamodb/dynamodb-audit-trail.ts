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
   * to the user's; a person narrows either to the events whose summary names their masked NIK.
   */
  async search(search: AuditSearch): Promise<AuditEvent[]> {
    const from = search.from ?? '0000';
    const to = (search.to ?? '9999') + AFTER_ANY_SUFFIX;
    const byEntity = search.entityType !== undefined && search.entityId !== undefined;
    if (!byEntity && search.actor === undefined) throw new Error('An audit search needs an entity or an actor');
    // What the key condition does not select is filtered: the user (on an entity's events) and the person.
    const filters = [...(byEntity && search.actor ? ['actor = :actor'] : []), ...(search.person ? ['contains(summary, :person)'] : [])];
    const items = await queryAll(
      new QueryCommand({
        TableName: tableName('AUDIT_TABLE'),
        ...(byEntity
          ? { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to' }
          : { IndexName: 'byActor', KeyConditionExpression: 'actor = :actor AND #at BETWEEN :from AND :to', ExpressionAttributeNames: { '#at': 'at' } }),
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeValues: {
          ':from': from,
          ':to': to,
          ...(byEntity ? { ':pk': auditPartition(search.entityType!, search.entityId!) } : {}),
          ...(search.actor ? { ':actor': search.actor } : {}),
          ...(search.person ? { ':person': search.person } : {}),
        },
      }),
    );
    return items.map((item) => AuditEvent.parse(item));
  }
}
