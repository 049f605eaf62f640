import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbLifeEventStore } from '../../shared/adapters/dynamodb/dynamodb-life-event-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { DynamoDbRosterLedger } from '../../shared/adapters/dynamodb/dynamodb-roster-ledger';
import { DynamoDbRenewalStore } from '../../shared/adapters/dynamodb/dynamodb-renewal-store';
import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';

/** The stores the renewal routes and steps share, created once per Lambda process. */
export const renewalStores = {
  renewals: new DynamoDbRenewalStore(),
  regulations: new DynamoDbRegulationStore(),
  proposals: new DynamoDbProposalStore(),
  imports: new DynamoDbImportStore(),
  lifeEvents: new DynamoDbLifeEventStore(),
};
export const roster = new DynamoDbRosterLedger();
export const workflows = new SfnWorkflowStarter();
