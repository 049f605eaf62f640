import { DynamoDbCoverLedger } from '../../shared/adapters/dynamodb/dynamodb-cover-ledger';
import { DynamoDbProposalStore } from '../../shared/adapters/dynamodb/dynamodb-proposal-store';
import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { DynamoDbRemittanceStore } from '../../shared/adapters/dynamodb/dynamodb-remittance-store';
import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { SfnWorkflowStarter } from '../../shared/adapters/step-functions/sfn-workflow-starter';
import type { RunFigures } from '../../shared/core/coverage/coverage-report';
import { viewRun } from '../enrollment/view';

/** The stores the remittance routes and steps share, created once per Lambda process. */
export const remittanceStores = {
  store: new DynamoDbRemittanceStore(),
  regulations: new DynamoDbRegulationStore(),
  proposals: new DynamoDbProposalStore(),
  ledger: new DynamoDbCoverLedger(),
  runs: new DynamoDbRunStore(),
  workflows: new SfnWorkflowStarter(),
};

/** A regulation's enrollment runs with their invoices as billed now (cover ended by life events left out). */
export async function runFiguresOf(regulationId: string): Promise<RunFigures[]> {
  return Promise.all((await remittanceStores.runs.list({ regulationId })).map(viewRun));
}
