import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { InvalidInputError } from '../../shared/core/errors';
import { routeHandler } from '../route-handler';
import { applyRegulation } from '../../shared/core/regulation/apply-regulation';
import { now } from '../../shared/core/clock';

const stores = { regulations: new DynamoDbRegulationStore(), proposals: new DynamoDbProposalStore() };

export const handler = routeHandler(routes.applyRegulation, async ({ params, headers, body, caller }) => {
  if (body.id !== params.id) {
    throw new InvalidInputError(`The document's id ${body.id} does not match the URL's ${params.id}`, [
      { path: 'id', message: `must equal the id in the URL (${params.id})` },
    ]);
  }
  const precondition = { ifMatch: headers['if-match'], ifNoneMatch: headers['if-none-match'] };
  return applyRegulation(stores, body, precondition, caller, now());
});
