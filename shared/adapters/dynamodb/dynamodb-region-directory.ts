import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { RegionDirectory, RegulationPart } from '../../core/access/region-directory';
import { documentClient, tableName } from './document-client';
import { proposalKey } from './dynamodb-proposal-store';
import { enrollmentKeys } from './enrollment-keys';
import { importKeys } from './import-keys';
import { remittanceKeys } from './remittance-keys';

const KEYS: Record<RegulationPart, (id: string) => { pk: string; sk: string }> = {
  proposal: proposalKey,
  run: enrollmentKeys.run,
  import: importKeys.meta,
  bill: remittanceKeys.bill,
};

/** Lambda processes live for hours at most; this bounds what one remembers. */
const REMEMBERED = 10_000;

/**
 * Reads which regulation a record belongs to and a regulation's jurisdiction with one consistent
 * GetItem each (a record created a moment ago must be found), and remembers what it found: those
 * facts never change. What was not found is not remembered, since it may be created next.
 */
export class DynamoDbRegionDirectory implements RegionDirectory {
  private readonly table = tableName('MAIN_TABLE');
  private readonly known = new Map<string, string>();

  regulationOf(part: RegulationPart, id: string): Promise<string | undefined> {
    return this.remembered(`${part}#${id}`, () => this.attribute(KEYS[part](id), 'regulationId'));
  }

  jurisdictionOf(regulationId: string): Promise<string | undefined> {
    return this.remembered(`regulation#${regulationId}`, () => this.attribute({ pk: `REG#${regulationId}`, sk: 'CURRENT' }, 'jurisdiction'));
  }

  private async remembered(key: string, read: () => Promise<string | undefined>): Promise<string | undefined> {
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const found = await read();
    if (found !== undefined) {
      if (this.known.size >= REMEMBERED) this.known.clear();
      this.known.set(key, found);
    }
    return found;
  }

  private async attribute(key: { pk: string; sk: string }, name: string): Promise<string | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true, ProjectionExpression: '#name', ExpressionAttributeNames: { '#name': name } }),
    );
    const value = Item?.[name];
    return typeof value === 'string' ? value : undefined;
  }
}
