import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoDbClient } from './document-client';

/**
 * Makes an operation idempotent with Powertools: the first call with a given `key` runs it and
 * stores its result; a retry with the same key within a day gets that result back instead of
 * running it again (a second import, a second enrollment run).
 */
export function idempotent<I extends { key: string }, R>(operation: (input: I) => Promise<R>) {
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 24 * 60 * 60 });
  const run = makeIdempotent(operation, {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: process.env.IDEMPOTENCY_TABLE ?? 'IDEMPOTENCY_TABLE is not set',
      awsSdkV3Client: dynamoDbClient,
    }),
    config,
  });
  return (input: I, context: Context): Promise<R> => {
    config.registerLambdaContext(context);
    return run(input);
  };
}
