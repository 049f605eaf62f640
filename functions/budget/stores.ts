import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';

/** The stores the budget routes share, created once per Lambda process. */
export const budgetStores = {
  proposals: new DynamoDbProposalStore(),
  regulations: new DynamoDbRegulationStore(),
  imports: new DynamoDbImportStore(),
};
