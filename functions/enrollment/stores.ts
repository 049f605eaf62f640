import { DynamoDbEnrollmentLedger } from '../../shared/adapters/dynamodb/dynamodb-enrollment-ledger';
import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { DynamoDbMemberFileStore } from '../../shared/adapters/dynamodb/dynamodb-member-file-store';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { DynamoDbRosterLedger } from '../../shared/adapters/dynamodb/dynamodb-roster-ledger';
import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';

/** The stores the enrollment routes and steps share, created once per Lambda process. */
export const enrollmentStores = {
  runs: new DynamoDbRunStore(),
  proposals: new DynamoDbProposalStore(),
  regulations: new DynamoDbRegulationStore(),
  imports: new DynamoDbImportStore(),
  ledger: new DynamoDbEnrollmentLedger(),
  roster: new DynamoDbRosterLedger(),
  memberFiles: new DynamoDbMemberFileStore(),
  workflows: new SfnWorkflowStarter(),
};
