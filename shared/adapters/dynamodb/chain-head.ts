import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChainLink } from '../../core/audit/audit-chain';
import { chainPartition, linkOf } from './audit-items';
import { documentClient } from './document-client';

/**
 * A regulation's last chain link, one item read from the end of its partition (seqs are
 * zero-padded, so the last key is the highest seq); undefined for a chain not yet begun.
 * Consistent, because writers append right after the head it returns.
 */
export async function chainHead(table: string, regulationId: string): Promise<ChainLink | undefined> {
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': chainPartition(regulationId) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  return item ? linkOf(item) : undefined;
}
