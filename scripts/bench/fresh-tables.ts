import { DeleteTableCommand, waitUntilTableNotExists } from '@aws-sdk/client-dynamodb';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import type { LocalStack } from '../../infra/local/local-stack';
import { TABLE_TYPE, createLocalTables } from '../../infra/local/local-tables';

/**
 * Deletes every table of the stack and creates it again, empty: the next pair of a bench starts
 * from the state the first one had, and DynamoDB Local (in memory) holds one pair's items at a
 * time, not all of them. Callers use new ids (regulations, proposals) after it, so that nothing a
 * handler cached from the previous pair applies.
 */
export async function freshTables(stack: LocalStack): Promise<void> {
  const client = localDynamoDbClient(stack.dynamoDbEndpoint);
  try {
    for (const [table] of stack.template.ofType(TABLE_TYPE)) {
      await client.send(new DeleteTableCommand({ TableName: table }));
      await waitUntilTableNotExists({ client, maxWaitTime: 120, minDelay: 0.1, maxDelay: 1 }, { TableName: table });
    }
    await createLocalTables(stack.template, client);
  } finally {
    client.destroy();
  }
}
