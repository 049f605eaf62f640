import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterMember, RosterReader } from '../../core/budget/roster-reader';
import { documentClient, tableName } from './document-client';
import { rosterPartition } from './roster-keys';

/** Reads roster entries through index gsi1 (`ROSTER#<reg>#<year>#B<bucket>`, `<segment>#<nik>`). */
export class DynamoDbRosterReader implements RosterReader {
  private readonly table = tableName('MAIN_TABLE');

  async *segmentNiks(regulationId: string, year: number, segment: string, bucket: number): AsyncIterable<string> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(this.query(regulationId, year, segment, bucket, startKey, 1000, 'nik'));
      for (const item of page.Items ?? []) yield item.nik as string;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async segmentPeople(regulationId: string, year: number, segment: string, bucket: number, afterNik: string | undefined, limit: number): Promise<{ people: RosterMember[]; more: boolean }> {
    const startKey = afterNik
      ? { gsi1pk: rosterPartition(regulationId, year, bucket), gsi1sk: `${segment}#${afterNik}`, pk: `PERSON#${afterNik}`, sk: `COVER#${year}` }
      : undefined;
    const page = await documentClient.send(this.query(regulationId, year, segment, bucket, startKey, limit, 'nik, #name, birthDate, gender'));
    return {
      people: (page.Items ?? []).map((item) => ({
        nik: item.nik as string,
        name: item.name as string,
        birthDate: item.birthDate as string,
        gender: item.gender as 'L' | 'P',
      })),
      more: page.LastEvaluatedKey !== undefined,
    };
  }

  private query(regulationId: string, year: number, segment: string, bucket: number, startKey: Record<string, unknown> | undefined, limit: number, projection: string) {
    return new QueryCommand({
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :segment)',
      ExpressionAttributeValues: { ':pk': rosterPartition(regulationId, year, bucket), ':segment': `${segment}#` },
      ProjectionExpression: projection,
      ...(projection.includes('#name') ? { ExpressionAttributeNames: { '#name': 'name' } } : {}),
      ExclusiveStartKey: startKey,
      Limit: limit,
    });
  }
}
