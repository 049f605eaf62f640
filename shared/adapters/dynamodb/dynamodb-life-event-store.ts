import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LifeEvent } from '../../api/renewal-schemas';
import type { AuditEvent } from '../../api/schemas';
import type { LifeEventStore } from '../../life-events/life-event-store';
import { nikBucket } from '../../rosters/import-limits';
import type { RosterEntry } from '../../rosters/roster-entry';
import { documentClient, tableName } from './document-client';
import { enrollmentKeys } from './enrollment-keys';
import { lifeEventKeys } from './renewal-keys';
import { rosterEntryOf } from './roster-entry-items';
import { rosterKeys } from './roster-keys';
import { transactWithAuditIfUnchanged } from './transact-with-audit';

/** Life events live with the person (`PERSON#<nik>`, `LIFE#...`), indexed per regulation and NIK bucket. */
export class DynamoDbLifeEventStore implements LifeEventStore {
  private readonly table = tableName('MAIN_TABLE');

  async ofPerson(nik: string): Promise<LifeEvent[]> {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :life)',
        ExpressionAttributeValues: { ':pk': lifeEventKeys.event(nik, 'death', 0).pk, ':life': 'LIFE#' },
        ConsistentRead: true,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...event }) => event as LifeEvent);
  }

  async rosterEntry(nik: string, year: number): Promise<RosterEntry | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: this.table, Key: rosterKeys.entry(nik, year), ConsistentRead: true }));
    return Item ? rosterEntryOf(Item) : undefined;
  }

  async record(event: LifeEvent, audit: AuditEvent): Promise<boolean> {
    const enrollment = enrollmentKeys.entry(event.nik, event.year);
    const { Item: enrolled } = await documentClient.send(new GetCommand({ TableName: this.table, Key: enrollment, ConsistentRead: true }));
    const endsEarlier = enrolled?.status === 'enrolled' && (enrolled.coverageEnd === undefined || (enrolled.coverageEnd as string) > event.coverEnds);
    return transactWithAuditIfUnchanged(
        [
          {
            Put: {
              TableName: this.table,
              Item: {
                ...lifeEventKeys.event(event.nik, event.kind, event.year),
                ...lifeEventKeys.eventIndex(event.regulationId, nikBucket(event.nik), event.nik, event.kind),
                ...event,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(endsEarlier
            ? [
                {
                  Update: {
                    TableName: this.table,
                    Key: enrollment,
                    UpdateExpression: 'SET coverageEnd = :end, endReason = :reason',
                    ConditionExpression: 'attribute_exists(pk)',
                    ExpressionAttributeValues: { ':end': event.coverEnds, ':reason': event.kind === 'death' ? 'deceased' : 'removed' },
                  },
                },
              ]
            : []),
        ],
        audit,
      );
  }
}
