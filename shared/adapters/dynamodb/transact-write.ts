import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './document-client';

const MAX_ATTEMPTS = 10;

/**
 * TransactWriteItems, retried when DynamoDB cancels it only because another transaction was
 * touching one of its items at the same moment (TransactionConflict: likely on a counter every
 * shard updates). Cancellations for a failed condition are the caller's to read.
 */
export async function transactWrite(input: TransactWriteCommandInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
        !(error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt) * Math.random()));
    }
  }
}
