import { DynamoDbEnrollmentLedger } from '../../shared/adapters/dynamodb/dynamodb-enrollment-ledger';
import { DynamoDbRosterLedger } from '../../shared/adapters/dynamodb/dynamodb-roster-ledger';
import { DynamoDbRunStore } from '../../shared/adapters/dynamodb/dynamodb-run-store';
import { budgetStores } from './stores';

/**
 * The stores of the budget steps that tell who is funded this year (computation and ceiling
 * allocation): the budget's, with the runs, the roster and the enrollment ledger.
 */
export const fundingStores = { ...budgetStores, runs: new DynamoDbRunStore(), roster: new DynamoDbRosterLedger(), ledger: new DynamoDbEnrollmentLedger() };
