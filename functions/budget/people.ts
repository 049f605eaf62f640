import { DynamoDbRosterReader } from '../../shared/adapters/dynamodb/dynamodb-roster-reader';
import { routes } from '../../shared/api/routes';
import { isFunded } from '../../shared/core/budget/funded-by-allocation';
import { requireProposal } from '../../shared/core/budget/require-proposal';
import { InvalidInputError } from '../../shared/core/errors';
import { routeHandler } from '../../shared/runtime/http/route-handler';
import { budgetStores } from './stores';

const roster = new DynamoDbRosterReader();

/**
 * Who a decision funds in one segment, a NIK bucket at a time: everyone, no one, or (for the
 * segment a ceiling cuts) everyone up to its last funded NIK.
 */
export const handler = routeHandler(routes.proposalPeople, async ({ params, query }) => {
  const record = requireProposal(await budgetStores.proposals.get(params.proposalId), params.proposalId);
  const allocation = record.allocation?.find((a) => a.segment === query.segment);
  if (!allocation) {
    throw new InvalidInputError(`Proposal ${record.proposalId} has no allocation for segment ${query.segment}`, [
      { path: 'query.segment', message: record.allocation ? `must be one of ${record.allocation.map((a) => a.segment).join(', ')}` : 'the proposal is not approved yet' },
    ]);
  }
  const page = await roster.segmentPeople(record.regulationId, record.year, query.segment, query.bucket, query.after, 500);
  return {
    segment: query.segment,
    bucket: query.bucket,
    people: page.people.map((person) => ({
      nik: person.nik,
      name: person.name,
      funded: isFunded(allocation, person.nik),
    })),
    ...(page.more && page.people.length > 0 ? { after: page.people.at(-1)!.nik } : {}),
  };
});
