import { z } from 'zod';
import { IsoDate } from '../core/calendar/calendar';
import { RegulationId, SegmentCode } from '../core/regulation/regulation';
import { Scenario, ScenarioId } from '../core/simulation/scenario';
import { MAX_SCENARIO_PEOPLE_PAGE } from '../core/simulation/scenario-people';

export { ScenarioInput } from '../core/simulation/scenario';
export { SaveScenarioResult } from '../core/simulation/save-scenario';
export { ScenarioAmendment } from '../core/simulation/scenario-amendment';
export { ScenarioProposalRequest } from '../core/simulation/propose-from-scenario';
export { SimulationResult } from '../core/simulation/simulation-result';

export const ScenarioParams = z.object({ id: RegulationId, scenarioId: ScenarioId });

/** Which version of a scenario: absent, the latest. */
export const ScenarioVersionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export const ScenarioList = z.object({ scenarios: z.array(Scenario) }).meta({ id: 'ScenarioList' });

/** Where a listing of a scenario's people goes on: the previous page's `after`, `<segment>:<nik>`. */
const ScenarioPeopleCursor = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}:\d{16}$/, "must be the previous page's after, <segment>:<nik>")
  .transform((cursor) => {
    const [segment, nik] = cursor.split(':') as [string, string];
    return { segment, nik };
  });

/** A NIK bucket's people (of one segment, or of every segment the scenario lists), as the scenario would fund them, `limit` at a time. */
export const ScenarioPeopleQuery = z.object({
  segment: SegmentCode.optional(),
  bucket: z.coerce.number().int().min(0).max(31),
  after: ScenarioPeopleCursor.optional(),
  ...ScenarioVersionQuery.shape,
  limit: z.coerce.number().int().min(1).max(MAX_SCENARIO_PEOPLE_PAGE).default(500),
});
export const ScenarioPeoplePage = z
  .object({
    segment: SegmentCode.optional(),
    bucket: z.number().int(),
    people: z.array(z.object({ nik: z.string(), name: z.string(), birthDate: IsoDate, gender: z.enum(['L', 'P']), segment: SegmentCode, funded: z.boolean() })),
    /** Fewer than `limit` people may come (a page's JSON is bounded too): go on while there is an `after`. */
    after: z.string().optional(),
  })
  .meta({ id: 'ScenarioPeoplePage' });
