import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type RetryPolicy, withRetries } from '../../lib/retry';
import { documentClient } from './document-client';

/**
 * DynamoDB cancels a transaction that touches an item another transaction is touching at the same
 * moment (TransactionConflict: likely on a counter every shard updates), and the SDK does not
 * retry a cancellation. Cancellations for a failed condition are the caller's to read.
 */
const CONFLICT_RETRIES: RetryPolicy = {
  attempts: 10,
  baseDelayMs: 20,
  maxDelayMs: 1000,
  retryable: (error) =>
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
    !(error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed'),
};

/** TransactWriteItems, tried again while it only conflicted with another transaction. */
export async function transactWrite(input: TransactWriteCommandInput): Promise<void> {
  await withRetries(() => documentClient.send(new TransactWriteCommand(input)), CONFLICT_RETRIES);
}
