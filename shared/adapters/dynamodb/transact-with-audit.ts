import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../api/schemas';
import { auditItem } from './audit-items';
import { documentClient, tableName } from './document-client';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * Writes a change and its audit event in one transaction: either both are stored or neither, so
 * the audit trail never misses a change nor records one that did not happen. Conditions on the
 * change (a status, a version) fail the whole transaction with TransactionCanceledException.
 */
export async function transactWithAudit(writes: readonly TransactItem[], event: AuditEvent): Promise<void> {
  await documentClient.send(
    new TransactWriteCommand({ TransactItems: [...writes, { Put: { TableName: tableName('AUDIT_TABLE'), Item: auditItem(event) } }] }),
  );
}

/**
 * transactWithAudit for a change made on the state it was computed from: false (nothing stored)
 * when a condition of the change no longer holds, e.g. another request got there first.
 */
export async function transactWithAuditIfUnchanged(writes: readonly TransactItem[], event: AuditEvent): Promise<boolean> {
  try {
    await transactWithAudit(writes, event);
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
