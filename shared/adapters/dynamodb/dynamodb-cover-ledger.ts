import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RenewalPeopleKind, RenewalPerson } from '../../api/renewal-schemas';
import type { CoverLedger, CoveredEntry } from '../../core/renewal/cover-ledger';
import { batchGet } from './batch-operations';
import { documentClient, tableName } from './document-client';
import { enrollmentKeys, enrollmentPartition } from './enrollment-keys';
import { renewalKeys } from './renewal-keys';

/** The enrollment ledger and a renewal's listed people, read for closing and the continuity report. */
export class DynamoDbCoverLedger implements CoverLedger {
  private readonly table = tableName('MAIN_TABLE');

  async coveredPage(regulationId: string, year: number, bucket: number, afterNik: string | undefined, limit: number) {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :enrolled)',
        ExpressionAttributeValues: { ':pk': enrollmentPartition(regulationId, year, bucket), ':enrolled': 'enrolled#' },
        ...(afterNik
          ? { ExclusiveStartKey: { ...enrollmentKeys.entry(afterNik, year), ...enrollmentKeys.entryIndex(regulationId, year, bucket, 'enrolled', afterNik) } }
          : {}),
        Limit: limit,
      }),
    );
    return { entries: (page.Items ?? []).map(strip<CoveredEntry>), more: page.LastEvaluatedKey !== undefined };
  }

  async cover(year: number, niks: readonly string[]): Promise<Map<string, CoveredEntry>> {
    const items = await batchGet(this.table, niks.map((nik) => enrollmentKeys.entry(nik, year)));
    return new Map(items.map((item) => [item.nik as string, strip<CoveredEntry>(item)]));
  }

  async listed(where: { regulationId: string; year: number; attempt: number; kind: RenewalPeopleKind; bucket: number }, niks: readonly string[]) {
    const keys = niks.map((nik) => renewalKeys.person(where.regulationId, where.year, where.attempt, where.bucket, where.kind, nik));
    const items = await batchGet(this.table, keys);
    return new Map(items.map((item) => [item.nik as string, strip<RenewalPerson>(item)]));
  }
}

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, kind: _kind, ...rest } = item;
  return rest as T;
}
