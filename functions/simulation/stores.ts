import { DynamoDbScenarioStore } from '../../shared/adapters/dynamodb/dynamodb-scenario-store';
import { fundingStores } from '../budget/funding-stores';

/** What the simulation routes read, created once per Lambda process: the scenarios, and what a proposal would read. */
export const simulationStores = { ...fundingStores, scenarios: new DynamoDbScenarioStore() };
