import { z } from 'zod';
import { RegulationId } from '../core/regulation/regulation';
import { Scenario, ScenarioId } from '../core/simulation/scenario';
import { PeoplePage, PeopleQuery } from './budget-schemas';
import { MAX_SCENARIO_PEOPLE_PAGE } from '../core/simulation/scenario-people';

export { ScenarioInput } from '../core/simulation/scenario';
export { SaveScenarioResult } from '../core/simulation/save-scenario';
export { ScenarioAmendment } from '../core/simulation/scenario-amendment';
export { SimulationResult } from '../core/simulation/simulation-result';

export const ScenarioParams = z.object({ id: RegulationId, scenarioId: ScenarioId });

/** Which version of a scenario: absent, the latest. */
export const ScenarioVersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export const ScenarioList = z.object({ scenarios: z.array(Scenario) }).meta({ id: 'ScenarioList' });

/** One segment's people in one NIK bucket, as the scenario would fund them, `limit` at a time. */
export const ScenarioPeopleQuery = PeopleQuery.extend({
  ...ScenarioVersionQuery.shape,
  limit: z.coerce.number().int().min(1).max(MAX_SCENARIO_PEOPLE_PAGE).default(500),
});
export const ScenarioPeoplePage = PeoplePage;
