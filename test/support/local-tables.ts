import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { LOCAL_INSURER_API_KEY } from '../../infra/local/insurer-simulator';

/**
 * Points the DynamoDB adapters of this test process at the suite's local stack, for tests that
 * call shared code below the API. The stores read the environment when they are first imported,
 * so they are imported after it.
 */
export async function useLocalTables(): Promise<void> {
  const endpoint = inject('dynamoDbEndpoint');
  const tables = (await localDynamoDbClient(endpoint).send(new ListTablesCommand({}))).TableNames ?? [];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    MAIN_TABLE: tables.find((name) => name.startsWith('DataMain'))!,
    AUDIT_TABLE: tables.find((name) => name.startsWith('DataAudit'))!,
  });
}

/** What an enrollment shard runs with, on the local stack's tables and insurer simulator. */
export async function localShardModules() {
  await useLocalTables();
  const [{ enrollShard }, { runPlanOf }, { DynamoDbEnrollmentLedger }, { DynamoDbRosterLedger }, { DynamoDbRunStore }, { HttpInsurerClient }] = await Promise.all([
    import('../../shared/core/enrollment/enroll-shard'),
    import('../../shared/core/enrollment/run-plan'),
    import('../../shared/adapters/dynamodb/dynamodb-enrollment-ledger'),
    import('../../shared/adapters/dynamodb/dynamodb-roster-ledger'),
    import('../../shared/adapters/dynamodb/dynamodb-run-store'),
    import('../../shared/adapters/insurer/http-insurer-client'),
  ]);
  return {
    enrollShard,
    runPlanOf,
    ledger: new DynamoDbEnrollmentLedger(),
    roster: new DynamoDbRosterLedger(),
    runs: new DynamoDbRunStore(),
    insurer: new HttpInsurerClient({ baseUrl: inject('insurerUrl'), apiKey: LOCAL_INSURER_API_KEY }),
  };
}
