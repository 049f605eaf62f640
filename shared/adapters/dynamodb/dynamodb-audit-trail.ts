import { type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Page, PageQuery } from '../../api/page-query';
import { AuditEvent } from '../../api/schemas';
import type { AuditSearch, AuditTrail } from '../../core/audit/audit-trail';
import type { ChainLink } from '../../core/audit/audit-chain';
import { auditKey, auditPartition, chainPartition, linkOf } from './audit-items';
import { batchGet } from './batch-operations';
import { chainHead } from './chain-head';
import { documentClient, tableName } from './document-client';
import { TABLE_KEY, mapPage, queryPage } from './query-page';

/** Sorts after every `<ISO time>#<event id>` sort key that starts with the same time. */
const AFTER_ANY_SUFFIX = '\uffff';

export class DynamoDbAuditTrail implements AuditTrail {
  async eventsOf(entityType: string, entityId: string): Promise<AuditEvent[]> {
    return this.search({ entityType, entityId });
  }

  async search(search: AuditSearch): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for await (const page of paginateQuery({ client: documentClient }, searchQuery(search))) events.push(...(page.Items ?? []).map((item) => AuditEvent.parse(item)));
    return events;
  }

  /** One page of a search, oldest first: the audit trail's list route. */
  async searchPage(search: AuditSearch, page: PageQuery): Promise<Page<AuditEvent>> {
    if (search.regulationId !== undefined) return this.regulationPage(search, page);
    const key = byEntity(search)
      ? { partition: { attribute: 'pk', value: auditPartition(search.entityType!, search.entityId!) }, attributes: TABLE_KEY }
      : { partition: { attribute: 'actor', value: search.actor! }, attributes: [...TABLE_KEY, 'actor', 'at'] };
    return mapPage(await queryPage(searchQuery(search), page, key), (item) => AuditEvent.parse(item));
  }

  /**
   * One page of a regulation's whole trail, read along its hash chain (every event of the
   * regulation has a link there, whatever entity it is about). The links carry the time, so a
   * time range is a filter on them; a user or a person narrows the page's events after they are
   * read, so such a page may hold fewer than `limit`.
   */
  private async regulationPage(search: AuditSearch, page: PageQuery): Promise<Page<AuditEvent>> {
    const table = tableName('AUDIT_TABLE');
    const partition = chainPartition(search.regulationId!);
    const inRange = search.from !== undefined || search.to !== undefined;
    const links = await queryPage(
      {
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ...(inRange ? { FilterExpression: '#at BETWEEN :from AND :to', ExpressionAttributeNames: { '#at': 'at' } } : {}),
        ExpressionAttributeValues: { ':pk': partition, ...(inRange ? { ':from': search.from ?? '0000', ':to': (search.to ?? '9999') + AFTER_ANY_SUFFIX } : {}) },
      },
      page,
      { partition: { attribute: 'pk', value: partition }, attributes: TABLE_KEY },
    );
    const keys = links.items.map((item) => auditKey(linkOf(item)));
    const byKey = new Map((await batchGet(table, keys)).map((item) => [`${item.pk as string}|${item.sk as string}`, AuditEvent.parse(item)]));
    const events = keys
      .map((key) => byKey.get(`${key.pk}|${key.sk}`))
      .filter((event): event is AuditEvent => event !== undefined)
      .filter((event) => (search.actor === undefined || event.actor === search.actor) && (search.person === undefined || event.summary.includes(search.person)));
    return { items: events, ...(links.nextCursor ? { nextCursor: links.nextCursor } : {}) };
  }

  async *chain(regulationId: string): AsyncIterable<{ link: ChainLink; event: AuditEvent | undefined }> {
    const table = tableName('AUDIT_TABLE');
    for await (const page of paginateQuery({ client: documentClient }, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': chainPartition(regulationId) },
      ConsistentRead: true,
    })) {
      const links = (page.Items ?? []).map(linkOf);
      const events = await batchGet(table, links.map((link) => auditKey(link)));
      const byKey = new Map(events.map((item) => [`${item.pk as string}|${item.sk as string}`, AuditEvent.parse(item)]));
      for (const link of links) {
        const key = auditKey(link);
        yield { link, event: byKey.get(`${key.pk}|${key.sk}`) };
      }
    }
  }

  async head(regulationId: string): Promise<ChainLink | undefined> {
    return chainHead(tableName('AUDIT_TABLE'), regulationId);
  }
}

function byEntity(search: AuditSearch): boolean {
  return search.entityType !== undefined && search.entityId !== undefined;
}

/**
 * An entity's events come from its partition, a user's from the `byActor` index; both are in
 * time order, so a time range is a key condition. Searching both narrows the entity's events
 * to the user's; a person narrows either to the events whose summary names their masked NIK.
 */
function searchQuery(search: AuditSearch): QueryCommandInput {
  const from = search.from ?? '0000';
  const to = (search.to ?? '9999') + AFTER_ANY_SUFFIX;
  const entity = byEntity(search);
  if (!entity && search.actor === undefined) throw new Error('An audit search needs an entity or an actor');
  // What the key condition does not select is filtered: the user (on an entity's events) and the person.
  const filters = [...(entity && search.actor ? ['actor = :actor'] : []), ...(search.person ? ['contains(summary, :person)'] : [])];
  return {
    TableName: tableName('AUDIT_TABLE'),
    ...(entity
      ? { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to' }
      : { IndexName: 'byActor', KeyConditionExpression: 'actor = :actor AND #at BETWEEN :from AND :to', ExpressionAttributeNames: { '#at': 'at' } }),
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeValues: {
      ':from': from,
      ':to': to,
      ...(entity ? { ':pk': auditPartition(search.entityType!, search.entityId!) } : {}),
      ...(search.actor ? { ':actor': search.actor } : {}),
      ...(search.person ? { ':person': search.person } : {}),
    },
  };
}
