import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalStack } from '../../infra/local/local-stack';
import { synthesizeTemplate } from '../../infra/synthesize';

/**
 * The local stack a bench measures: in memory, with bare DynamoDB requests as the floors make
 * them (the meter's ReturnConsumedCapacity costs DynamoDB Local CPU), in a data directory of its
 * own that `stop` removes. `dynamoDbLocalPid` lets a bench sample that process's CPU and memory.
 */
export async function startBenchStack(name: string): Promise<{ stack: LocalStack; dataDir: string; dynamoDbLocalPid: number; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `lindung-bench-${name}-`));
  const stack = await LocalStack.start({
    template: synthesizeTemplate({ bundle: false }),
    dataDir,
    inMemory: true,
    meterDynamoDb: false,
    environment: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR' },
  });
  return {
    stack,
    dataDir,
    dynamoDbLocalPid: Number(readFileSync(path.join(dataDir, 'dynamodb.pid'), 'utf8')),
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
