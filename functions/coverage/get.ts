import { DynamoDbRemittanceStore } from '../../shared/adapters/dynamodb/dynamodb-remittance-store';
import { routes } from '../../shared/api/routes';
import { viewProposal } from '../../shared/core/budget/view-proposal';
import { now } from '../../shared/core/clock';
import { coverageReport } from '../../shared/core/coverage/coverage-report';
import { routeHandler } from '../route-handler';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';
import { budgetStores } from '../budget/stores';
import { enrollmentStores } from '../enrollment/stores';
import { viewRun } from '../enrollment/view';

const remittance = new DynamoDbRemittanceStore();

export const handler = routeHandler(routes.coverage, async ({ query }) => {
  const regulation = requireRegulation(await budgetStores.regulations.current(query.regulationId), query.regulationId);
  const [roster, proposalRecords, runRecords, bills] = await Promise.all([
    budgetStores.imports.rosterSummary(query.regulationId, query.year),
    budgetStores.proposals.list({ regulationId: query.regulationId }),
    enrollmentStores.runs.list({ regulationId: query.regulationId }),
    remittance.billsOfYear(query.regulationId, query.year),
  ]);
  const at = now();
  const [proposals, runs] = await Promise.all([
    Promise.all(proposalRecords.filter((r) => r.year === query.year).map((record) => viewProposal(budgetStores, record, at))),
    // Earlier years' runs count towards continuous cover.
    Promise.all(runRecords.filter((r) => r.year <= query.year).map(viewRun)),
  ]);
  return coverageReport({ regulation, year: query.year, roster, proposals, runs, bills });
});
