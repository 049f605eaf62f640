import { DynamoDbRegulationStore } from '../../shared/adapters/dynamodb/dynamodb-regulation-store';
import { routes } from '../../shared/api/routes';
import { monthlyPremium } from '../../shared/core/money/rates/monthly-premium';
import { loadRateSchedule } from '../../shared/core/money/rates/rate-schedule';
import { routeHandler } from '../route-handler';
import { requireRegulation } from '../../shared/core/regulation/require-regulation';

const store = new DynamoDbRegulationStore();
const schedule = loadRateSchedule();

export const handler = routeHandler(routes.regulationPremiums, async ({ params, query }) => {
  const regulation = requireRegulation(await store.current(params.id), params.id);
  return {
    regulationId: regulation.id,
    version: regulation.version,
    month: query.month,
    rateScheduleVersion: schedule.version,
    segments: regulation.segments.map((segment) => monthlyPremium({ regulation, segment, month: query.month, schedule })),
  };
});
