import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterEntry } from '../../core/roster/roster-entry';
import type { PageOutcome, RosterLedger } from '../../core/roster/roster-ledger';
import type { ShardCounts } from '../../core/roster/shard-counts';
import { batchGet, batchWrite } from './batch-operations';
import { BucketLease } from './bucket-lease';
import { documentClient, tableName } from './document-client';
import { transactWithAudit } from './transact-with-audit';
import { importKeys } from './import-keys';
import { rosterKeys } from './roster-keys';
import { rosterEntryItem, rosterEntryOf } from './roster-entry-items';

export class DynamoDbRosterLedger implements RosterLedger {
  private readonly table = tableName('MAIN_TABLE');
  private readonly lease = new BucketLease();

  /**
   * Takes the bucket's lease for this import (see BucketLease). The lease item also remembers the
   * first and the last import that wrote the bucket for the year (writers take turns, so that is
   * the whole history): `fresh` says only this import ever did.
   */
  async acquire(year: number, bucket: number, importId: string, now: Date): Promise<{ fresh: boolean }> {
    return this.lease.acquire(year, bucket, importId, now, { first: 'firstImport', last: 'lastImport' });
  }

  async release(year: number, bucket: number, importId: string): Promise<void> {
    await this.lease.release(year, bucket, importId);
  }

  async entries(year: number, niks: readonly string[]): Promise<Map<string, RosterEntry>> {
    const items = await batchGet(this.table, niks.map((nik) => rosterKeys.entry(nik, year)));
    return new Map(items.map((item) => [item.nik as string, rosterEntryOf(item)]));
  }

  async write(page: PageOutcome): Promise<void> {
    // Identity updates are rare (an import opened with --update-identities): one transaction
    // each keeps the change and its audit event together.
    for (const update of page.identityUpdates) {
      await transactWithAudit(
        [
          { Put: { TableName: this.table, Item: rosterEntryItem(update.entry) } },
          { Put: { TableName: this.table, Item: historyItem(update.replaced, page.importId) } },
        ],
        update.event,
      );
    }
    await batchWrite(this.table, [
      ...page.entries.map((entry) => ({ PutRequest: { Item: rosterEntryItem(entry) } })),
      ...page.replaced.map((old) => ({ PutRequest: { Item: historyItem(old, page.importId) } })),
      ...page.rejections.map((rejection) => ({
        PutRequest: { Item: { ...importKeys.rejection(page.importId, rejection.row), ...rejection } },
      })),
      ...page.warnings.map((warning) => ({
        PutRequest: { Item: { ...importKeys.warning(page.importId, warning.row), ...warning } },
      })),
    ]);
  }

  async progress(importId: string, bucket: number, counts: ShardCounts, done: boolean): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: this.table, Item: { ...importKeys.shard(importId, bucket), bucket, counts, done } }),
    );
  }
}

/** An entry's old version, kept under the person's history key when an import replaces it. */
function historyItem(old: RosterEntry, importId: string): Record<string, unknown> {
  return { ...rosterKeys.history(old.nik, old.year, old.updatedAt, old.importId), ...old, replacedBy: importId };
}
