import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../api/schemas';
import { chainEvents, GENESIS_HASH } from '../../core/audit/audit-chain';
import { type RetryPolicy, withRetries } from '../../lib/retry';
import { auditItem, chainLinkItem } from './audit-items';
import { chainHead } from './chain-head';
import { documentClient, tableName } from './document-client';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** Another writer took the chain's next place first: read the head again and retry. */
class ChainHeadMoved extends Error {}

const CHAIN_RETRIES: RetryPolicy = { attempts: 12, baseDelayMs: 10, maxDelayMs: 500, retryable: (error) => error instanceof ChainHeadMoved };

/**
 * Writes a change and its audit events in one transaction: either all are stored or none, so the
 * audit trail never misses a change nor records one that did not happen. The events join their
 * regulation's hash chain (shared/core/audit/audit-chain.ts) after its head, read just before:
 * each event and its link are written only if their places are still free, so two writers never
 * fork a chain; the one that lost the race reads the head again and retries. Conditions on the
 * change (a status, a version) fail the whole transaction with TransactionCanceledException.
 */
export async function transactWithAudit(writes: readonly TransactItem[], events: AuditEvent | readonly AuditEvent[]): Promise<void> {
  const list: readonly AuditEvent[] = Array.isArray(events) ? events : [events as AuditEvent];
  const regulations = new Set(list.map((event) => event.regulationId));
  const [regulationId] = regulations;
  if (regulations.size !== 1 || !regulationId) throw new Error('The audit events of one change must name one regulation, whose chain they join');
  const table = tableName('AUDIT_TABLE');
  await withRetries(async () => {
    const chained = chainEvents(list, (await chainHead(table, regulationId)) ?? { seq: 0, hash: GENESIS_HASH });
    const appended: TransactItem[] = chained.flatMap((event) => [
      { Put: { TableName: table, Item: auditItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: table, Item: chainLinkItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: [...writes, ...appended] }));
    } catch (error) {
      if (error instanceof TransactionCanceledException && chainRaceOnly(error, writes.length)) throw new ChainHeadMoved('the chain head moved');
      throw error;
    }
  }, CHAIN_RETRIES);
}

/**
 * transactWithAudit for a change made on the state it was computed from: false (nothing stored)
 * when a condition of the change no longer holds, e.g. another request got there first.
 */
export async function transactWithAuditIfUnchanged(writes: readonly TransactItem[], events: AuditEvent | readonly AuditEvent[]): Promise<boolean> {
  try {
    await transactWithAudit(writes, events);
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * Whether a cancelled transaction failed only on the chain (its events' places taken, or a
 * conflict with another writer of the chain) and not on a condition of the change itself.
 */
function chainRaceOnly(error: TransactionCanceledException, changeItems: number): boolean {
  const reasons = error.CancellationReasons ?? [];
  const change = reasons.slice(0, changeItems);
  const chain = reasons.slice(changeItems);
  if (change.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
  return chain.some((reason) => reason.Code === 'ConditionalCheckFailed') || reasons.some((reason) => reason.Code === 'TransactionConflict');
}
