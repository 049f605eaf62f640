import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterPage, SegmentMember } from '../../core/roster/roster-ledger';
import type { RosterMember } from '../../core/roster/roster-member';
import { documentClient } from './document-client';
import { zeroPadded } from './key-numbers';

/**
 * A bucket's people, packed: its writer (an import's or a renewal's shard, under the bucket's
 * lease) stores them again as a few large items, each up to PACK_BYTES of one segment's people in
 * NIK order, so that listing a million people reads hundreds of items instead of a million
 * (docs/data-model.md, `PEOPLE#<reg>#<year>#B<nn>`). A refresh writes a new generation and only
 * then names it in the bucket's marker, so a reader sees one whole generation or the other.
 */

/** The most JSON a pack holds: half of DynamoDB's 400 KB item limit, whatever the names' length. */
const PACK_BYTES = 200_000;
/** Packs a Query returns per call: 1 MB is DynamoDB's page limit anyway. */
const PACKS_PER_QUERY = 5;

/** One person in a pack: the fields a person list shows, as a tuple to keep packs small. */
type PackedPerson = [nik: string, name: string, birthDate: string, gender: 'L' | 'P'];

/** A generation (the refresh's time in milliseconds) in a pack's key, so that its packs sort together. */
export function generationPart(generation: number): string {
  return zeroPadded(generation, 13);
}

/** A pack's sort key: its generation, its segment and its last NIK, so a listing can start after any NIK. */
export function packKey(generation: number, segment: string, lastNik: string): string {
  return `${generationPart(generation)}#${segment}#${lastNik}`;
}

/**
 * Packs a bucket's people as they are read in segment and NIK order, handing each full pack to
 * `store` (with its key) so that memory holds one pack however large the bucket.
 */
export class PeoplePacker {
  private segment: string | undefined;
  private people: PackedPerson[] = [];
  private bytes = 0;

  constructor(
    private readonly generation: number,
    private readonly store: (item: { sk: string; people: string }) => Promise<void>,
  ) {}

  async add(segment: string, person: RosterMember): Promise<void> {
    const packed: PackedPerson = [person.nik, person.name, person.birthDate, person.gender];
    const bytes = Buffer.byteLength(JSON.stringify(packed)) + 1;
    if (segment !== this.segment || this.bytes + bytes > PACK_BYTES) await this.flush();
    this.segment = segment;
    this.people.push(packed);
    this.bytes += bytes;
  }

  /** Stores what is left: call once after the last person. */
  async flush(): Promise<void> {
    if (this.people.length === 0) return;
    const lastNik = this.people.at(-1)![0];
    await this.store({ sk: packKey(this.generation, this.segment!, lastNik), people: JSON.stringify(this.people) });
    this.people = [];
    this.bytes = 0;
  }
}

/**
 * A page of a bucket's people from its packs of one generation: of one segment or all, up to
 * `limit` in segment and NIK order after `page.after`, and whether more follow.
 */
export async function packedPeople(table: string, partition: string, generation: number, page: RosterPage): Promise<{ people: SegmentMember[]; more: boolean }> {
  const prefix = `${generationPart(generation)}#${page.segment ? `${page.segment}#` : ''}`;
  const { after } = page;
  const people: SegmentMember[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: table,
        // A pack is keyed by its segment and last NIK, which sort as (segment, NIK) pairs do: the
        // first pack with people after `after` is the first keyed at or after it.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partition, ':from': after ? packKey(generation, after.segment, after.nik) : prefix, ':to': `${prefix}~` },
        ProjectionExpression: 'sk, people',
        Limit: PACKS_PER_QUERY,
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    for (const item of result.Items ?? []) {
      const segment = (item.sk as string).split('#')[1]!;
      for (const [nik, name, birthDate, gender] of JSON.parse(item.people as string) as PackedPerson[]) {
        if (after && segment === after.segment && nik <= after.nik) continue;
        if (people.length === page.limit) return { people, more: true };
        people.push({ nik, name, birthDate, gender, segment });
      }
    }
    exclusiveStartKey = result.LastEvaluatedKey;
  } while (exclusiveStartKey);
  return { people, more: false };
}
