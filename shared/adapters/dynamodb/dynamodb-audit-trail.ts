import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AuditEvent } from '../../api/schemas';
import type { AuditTrail } from '../../audit/audit-trail';
import { auditPartition } from './audit-items';
import { documentClient, tableName } from './document-client';
import { queryAll } from './query-all';

export class DynamoDbAuditTrail implements AuditTrail {
  async eventsOf(entityType: string, entityId: string): Promise<AuditEvent[]> {
    const items = await queryAll(
      new QueryCommand({
        TableName: tableName('AUDIT_TABLE'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPartition(entityType, entityId) },
      }),
    );
    return items.map((item) => AuditEvent.parse(item));
  }
}
